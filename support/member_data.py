"""Live support's part of a member's data download and of deleting their account."""

from support import services
from support.models import ChatMessage, Room, RoomMembership, SupportRequest


def export(member) -> dict:
    requests = SupportRequest.objects.filter(member=member).order_by("created", "pk")
    messages = (
        ChatMessage.objects.filter(author=member, kind=ChatMessage.Kind.MESSAGE)
        .order_by("room_id", "id")
        .values_list("room_id", "created", "body")
    )
    return {
        "requests": [
            {
                "created": request.created.isoformat(),
                "context": list(request.chips or []),
                "asked_for_lived_experience": request.wants_lived_experience,
                "urgent": request.urgent,
                "status": request.status,
            }
            for request in requests
        ],
        "chat_messages": [
            {"room_id": room_id, "created": created.isoformat(), "text": body}
            for room_id, created, body in messages
        ],
    }


def erase(member) -> None:
    """A waiting request is withdrawn and the member's own private chats are
    ended and their transcripts deleted, as the member could do one by one."""
    waiting = SupportRequest.objects.filter(
        member=member, status=SupportRequest.Status.WAITING
    ).values_list("pk", flat=True)
    for request_id in list(waiting):
        services.request_cancel(member=member, request_id=request_id)
    own_rooms = Room.objects.filter(
        kind=Room.Kind.PRIVATE,
        transcript_deleted_at__isnull=True,
        memberships__member=member,
        memberships__role=RoomMembership.Role.MEMBER,
    ).distinct()
    for room in own_rooms:
        services.transcript_delete(room=room, member=member)
