from django.urls import path

from support import consumers

websocket_urlpatterns = [
    path("ws/support/rooms/<int:room_id>/", consumers.RoomConsumer.as_asgi()),
    path("ws/support/queue/", consumers.QueueConsumer.as_asgi()),
    path("ws/support/requests/<int:request_id>/", consumers.WaitingConsumer.as_asgi()),
]
