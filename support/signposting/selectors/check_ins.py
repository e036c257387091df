"""A member's own check-ins as read: the only way to them, the mood chart and the
rows of their download."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from support.signposting.models import CheckIn, Questionnaire
from support.signposting.questionnaires import CHECK_IN_QUESTIONS, MOOD_CHOICES


def check_ins_for(member) -> QuerySet[CheckIn]:
    """The only way to read check-ins: a member's own, nobody else's."""
    return CheckIn.objects.filter(member=member)


def check_in_for(member, check_in_id: int) -> CheckIn:
    return get_object_or_404(check_ins_for(member), pk=check_in_id)


def active_questionnaires() -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(is_active=True)


def mood_chart(
    check_ins: list[CheckIn], *, width: int = 360, height: int = 210
) -> dict:
    """Coordinates for an SVG line chart of mood (1-5) over time, oldest first."""
    points = [c for c in check_ins if c.mood is not None]
    points.sort(key=lambda c: (c.created, c.pk))
    left, right, top, bottom = 92, 14, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    labels = dict(MOOD_CHOICES)

    def y(mood: int) -> float:
        return round(top + plot_h * (5 - mood) / 4, 1)

    if points:
        start, end = points[0].created, points[-1].created
        span = (end - start).total_seconds()
    coords = []
    for number, check_in in enumerate(points):
        if len(points) == 1:
            x = left + plot_w / 2
        elif span > 0:
            x = left + plot_w * (check_in.created - start).total_seconds() / span
        else:
            x = left + plot_w * number / (len(points) - 1)
        coords.append(
            {
                "x": round(x, 1),
                "y": y(check_in.mood),
                "check_in": check_in,
                "label": labels[check_in.mood],
            }
        )
    return {
        "width": width,
        "height": height,
        "left": left,
        "right_edge": width - right,
        "bottom_edge": height - bottom,
        "label_y": height - 10,
        "grid": [{"y": y(m), "label": labels[m], "mood": m} for m in range(5, 0, -1)],
        "points": coords,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in coords),
        "first": points[0].created if points else None,
        "last": points[-1].created if points else None,
    }


def check_in_export_rows(member) -> list[dict]:
    """The member's check-ins, oldest first, as rows for their own download."""
    keys = [key for key, _q, _c in CHECK_IN_QUESTIONS]
    rows = []
    for entry in check_ins_for(member).order_by("created", "id"):
        own_questions = not entry.questionnaire_title
        rows.append(
            {
                "created": entry.created.isoformat(),
                "questionnaire": entry.questionnaire_title,
                "mood": entry.mood,
                **{
                    key: entry.answers.get(key, "") if own_questions else ""
                    for key in keys
                },
                "thoughts_of_self_harm": entry.self_harm_thoughts,
                "total": entry.total,
                "band": entry.band,
                "answers": entry.answers,
            }
        )
    return rows
