from django import template
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.filter
def words(value) -> str:
    """ "harm_to_baby" -> "harm to baby"."""
    return str(value or "").replace("_", " ").replace("-", " ")


_REASONS = {
    "premoderation": _("New member's first posts"),
    "identifying_details": _("Contact or identifying details"),
    "rule": _("Risk rules"),
    "report": _("Report"),
    "worry": _("Worry for this person"),
    "alert": _("Alert"),
}


@register.filter
def reason_words(code) -> str:
    """A hold or queue reason as a moderator reads it: "premoderation" -> "New
    member's first posts", "space_approval" -> "Space approval"."""
    known = _REASONS.get(str(code))
    return str(known) if known else capfirst(words(code))


@register.filter
def minutes(value) -> str:
    """A number of minutes as people say it: 5.9 -> "6 min", 95 -> "1 h 35 min",
    3000 -> "2 days"."""
    if value is None or value == "":
        return "–"
    total = round(float(value))
    if total < 60:
        return _("%(count)d min") % {"count": total}
    if total < 48 * 60:
        hours, rest = divmod(total, 60)
        if rest:
            return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
        return _("%(hours)d h") % {"hours": hours}
    return _("%(days)d days") % {"days": round(total / (24 * 60))}


@register.filter
def audit_change(entry) -> str:
    """An audit entry's change in words: "trust: 1 → 2; item: 14"."""
    before, after = entry.before or {}, entry.after or {}
    parts = []
    for key in dict.fromkeys([*before, *after]):
        was, now = before.get(key), after.get(key)
        if key in before and key in after and was != now:
            parts.append(f"{words(key)}: {_plain(was)} → {_plain(now)}")
        elif key in after:
            parts.append(f"{words(key)}: {_plain(now)}")
        else:
            parts.append(f"{words(key)} was {_plain(was)}")
    return "; ".join(parts)


def _plain(value) -> str:
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list | tuple):
        return ", ".join(_plain(item) for item in value) or str(_("none"))
    if isinstance(value, dict):
        return ", ".join(f"{words(k)} {_plain(v)}" for k, v in value.items())
    if value in (None, ""):
        return str(_("nothing"))
    return words(value) if isinstance(value, str) and "_" in value else str(value)
