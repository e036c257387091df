from django.urls import path

from support import views

urlpatterns = [
    path("now/", views.request_start, name="request_start"),
    path("requests/<int:request_id>/", views.request_wait, name="request_wait"),
    path(
        "requests/<int:request_id>/cancel/", views.request_cancel, name="request_cancel"
    ),
    path(
        "requests/<int:request_id>/offer-shown/",
        views.request_offer_shown,
        name="request_offer_shown",
    ),
    path("listen/", views.listen, name="listen"),
    path("listen/duty/", views.listen_duty, name="listen_duty"),
    path("listen/profile/", views.listen_profile, name="listen_profile"),
    path(
        "listen/requests/<int:request_id>/accept/",
        views.request_accept,
        name="request_accept",
    ),
    path("rooms/", views.rooms, name="rooms"),
    path("rooms/<int:room_id>/", views.room, name="room"),
    path("rooms/<int:room_id>/join/", views.room_join, name="room_join"),
    path("rooms/<int:room_id>/end/", views.room_end, name="room_end"),
    path("rooms/<int:room_id>/handover/", views.room_handover, name="room_handover"),
    path("rooms/<int:room_id>/escalate/", views.room_escalate, name="room_escalate"),
    path("rooms/<int:room_id>/feedback/", views.room_feedback, name="room_feedback"),
    path("rooms/<int:room_id>/note/", views.room_note, name="room_note"),
    path("rooms/<int:room_id>/delete/", views.room_delete, name="room_delete"),
    path("rooms/<int:room_id>/slow-mode/", views.room_slow_mode, name="room_slow_mode"),
    path("rooms/<int:room_id>/mute/", views.room_mute, name="room_mute"),
]
