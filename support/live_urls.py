from django.urls import path

from support.views import asking, listening, rooms

urlpatterns = [
    path("now/", asking.request_start, name="request_start"),
    path("requests/<int:request_id>/", asking.request_wait, name="request_wait"),
    path(
        "requests/<int:request_id>/cancel/",
        asking.request_cancel,
        name="request_cancel",
    ),
    path(
        "requests/<int:request_id>/offer-shown/",
        asking.request_offer_shown,
        name="request_offer_shown",
    ),
    path("listen/", listening.listen, name="listen"),
    path("listen/duty/", listening.listen_duty, name="listen_duty"),
    path("listen/profile/", listening.listen_profile, name="listen_profile"),
    path(
        "listen/requests/<int:request_id>/accept/",
        listening.request_accept,
        name="request_accept",
    ),
    path("rooms/", rooms.rooms, name="rooms"),
    path("rooms/<int:room_id>/", rooms.room, name="room"),
    path("rooms/<int:room_id>/join/", rooms.room_join, name="room_join"),
    path("rooms/<int:room_id>/end/", rooms.room_end, name="room_end"),
    path("rooms/<int:room_id>/handover/", rooms.room_handover, name="room_handover"),
    path("rooms/<int:room_id>/escalate/", rooms.room_escalate, name="room_escalate"),
    path("rooms/<int:room_id>/feedback/", rooms.room_feedback, name="room_feedback"),
    path("rooms/<int:room_id>/note/", rooms.room_note, name="room_note"),
    path("rooms/<int:room_id>/delete/", rooms.room_delete, name="room_delete"),
    path("rooms/<int:room_id>/slow-mode/", rooms.room_slow_mode, name="room_slow_mode"),
    path("rooms/<int:room_id>/mute/", rooms.room_mute, name="room_mute"),
]
