"""Becoming a listener, in a member's data download and gone with her account."""

from support.training.models import DebriefRequest, LessonPass, ListenerApplication


def export(member) -> dict:
    applications = ListenerApplication.objects.filter(member=member).order_by(
        "created", "pk"
    )
    return {
        "applications": [
            {
                "created": application.created.isoformat(),
                "why": application.why,
                "availability": application.availability,
                "languages": list(application.languages),
                "lived_experience": list(application.lived_experience),
                "status": application.status,
                "note_from_moderators": application.note,
            }
            for application in applications
        ],
        "lessons_passed": [
            {"lesson": slug, "passed": passed.isoformat()}
            for slug, passed in LessonPass.objects.filter(member=member)
            .order_by("passed_at")
            .values_list("lesson_slug", "passed_at")
        ],
        "debriefs_asked": [
            created.isoformat()
            for created in DebriefRequest.objects.filter(listener=member)
            .order_by("created")
            .values_list("created", flat=True)
        ],
    }


def erase(member) -> None:
    ListenerApplication.objects.filter(member=member).delete()
    LessonPass.objects.filter(member=member).delete()
    DebriefRequest.objects.filter(listener=member).delete()
