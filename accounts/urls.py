from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("join/", views.join, name="join"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("settings/", views.settings_page, name="settings"),
]
