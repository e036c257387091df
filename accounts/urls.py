from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("join/", views.join, name="join"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("recover/", views.recover, name="recover"),
    path("recover/email/", views.recover_email, name="recover_email"),
    path("recover/email/sent/", views.recover_email_sent, name="recover_email_sent"),
    path(
        "recover/email/<uidb64>/<token>/",
        views.recover_email_confirm,
        name="recover_email_confirm",
    ),
    path("recover/email/done/", views.recover_email_done, name="recover_email_done"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/my-data.json", views.export_data, name="export"),
]
