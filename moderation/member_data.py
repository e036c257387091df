"""Moderation's part of a member's data download: what they reported, what the
moderators told them, their appeals and sanctions. Moderators' private notes and
the audit log are kept from it: they describe moderators' work, not the member's."""

from moderation.models import Appeal, Notice, Report, Sanction


def export(member) -> dict:
    return {
        "reports_made": [
            {
                "created": report.created.isoformat(),
                "guideline": report.guideline,
                "words": report.words,
                "outcome": report.outcome,
            }
            for report in Report.objects.filter(reporter=member).order_by("created")
        ],
        "messages_from_moderators": [
            {
                "created": notice.created.isoformat(),
                "kind": notice.kind,
                "text": notice.body,
            }
            for notice in Notice.objects.filter(member=member).order_by("created")
        ],
        "appeals": [
            {
                "created": appeal.created.isoformat(),
                "words": appeal.words,
                "outcome": appeal.outcome,
            }
            for appeal in Appeal.objects.filter(author=member).order_by("created")
        ],
        "sanctions": [
            {
                "kind": sanction.kind,
                "guideline": sanction.guideline,
                "message": sanction.message,
                "starts": sanction.starts_at.isoformat(),
                "ends": sanction.ends_at.isoformat() if sanction.ends_at else None,
                "lifted": sanction.lifted_at.isoformat()
                if sanction.lifted_at
                else None,
            }
            for sanction in Sanction.objects.filter(member=member).order_by("starts_at")
        ],
    }
