from django.contrib.auth import views as auth_views
from django.http import HttpResponse


def join(request):
    return HttpResponse("Joining opens soon.")


sign_in = auth_views.LoginView.as_view(template_name="accounts/sign_in.html")
sign_out = auth_views.LogoutView.as_view()


def settings_page(request):
    return HttpResponse("Settings open soon.")
