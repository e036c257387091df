from django.urls import path

from support.training import views

urlpatterns = [
    path("listen/apply/", views.apply, name="listener_apply"),
    path("listen/apply/withdraw/", views.withdraw, name="listener_withdraw"),
    path("listen/lessons/", views.lessons, name="listener_lessons"),
    path("listen/lessons/<slug:slug>/", views.lesson, name="listener_lesson"),
    path("listen/hours/", views.hours, name="listen_hours"),
    path("listen/debrief/", views.debrief_ask, name="debrief_ask"),
    path("listen/applications/", views.applications, name="listener_applications"),
    path(
        "listen/applications/<int:application_id>/",
        views.application,
        name="listener_application",
    ),
    path(
        "listen/applications/<int:application_id>/sign-off/",
        views.sign_off,
        name="listener_sign_off",
    ),
    path("listen/debriefs/", views.debriefs, name="debriefs"),
]
