from django import template
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from moderation import registry

register = template.Library()

# Codes moderators read (risk categories, audit keys and values), in words. The
# English words are the code with spaces, so English pages read as they always did;
# kinds of content are named by the apps that register them, and codes known to
# neither fall back to exactly that.
_CODE_WORDS = {
    "member": gettext_lazy("member"),
    # A listener application's way through (support/training).
    "listener_application": gettext_lazy("listener application"),
    "lessons": gettext_lazy("doing the lessons"),
    "waiting": gettext_lazy("waiting for approval"),
    "training": gettext_lazy("in training"),
    "declined": gettext_lazy("declined"),
    "withdrawn": gettext_lazy("withdrawn"),
    "completed": gettext_lazy("listening on her own"),
    "review_item": gettext_lazy("review item"),
    "suicidal_thoughts": gettext_lazy("suicidal thoughts"),
    "self_harm": gettext_lazy("self harm"),
    "harm_to_baby": gettext_lazy("harm to baby"),
    "intrusive_thoughts": gettext_lazy("intrusive thoughts"),
    "psychosis": gettext_lazy("psychosis"),
    "abuse": gettext_lazy("abuse"),
    "medical_emergency": gettext_lazy("medical emergency"),
    "worried_about_someone": gettext_lazy("worried about someone"),
    "identifying_details": gettext_lazy("identifying details"),
    "links_spam": gettext_lazy("links spam"),
    "harsh_language": gettext_lazy("harsh language"),
    "action": gettext_lazy("action"),
    "categories": gettext_lazy("categories"),
    "decision": gettext_lazy("decision"),
    "ends_at": gettext_lazy("ends at"),
    "guideline": gettext_lazy("guideline"),
    "held": gettext_lazy("held"),
    "item": gettext_lazy("item"),
    "kind": gettext_lazy("kind"),
    "level": gettext_lazy("level"),
    "lifted": gettext_lazy("lifted"),
    "live_support": gettext_lazy("live support"),
    "note": gettext_lazy("note"),
    "outcome": gettext_lazy("outcome"),
    "override": gettext_lazy("override"),
    "round": gettext_lazy("round"),
    "rules": gettext_lazy("rules"),
    "sanction": gettext_lazy("sanction"),
    "text": gettext_lazy("text"),
    "trust": gettext_lazy("trust"),
    "none": pgettext_lazy("risk level", "none"),
    "low": pgettext_lazy("risk level", "low"),
    "high": pgettext_lazy("risk level", "high"),
    "urgent": pgettext_lazy("risk level", "urgent"),
    "warning": gettext_lazy("warning"),
    "mute": gettext_lazy("mute"),
    "suspension": gettext_lazy("suspension"),
    "ban": gettext_lazy("ban"),
    "paused": gettext_lazy("paused"),
    "still open": gettext_lazy("still open"),
    "not affected": gettext_lazy("not affected"),
    "lift": gettext_lazy("lift"),
    "uphold": gettext_lazy("uphold"),
    "overturned": gettext_lazy("overturned"),
    "upheld": gettext_lazy("upheld"),
}


@register.filter
def words(value) -> str:
    """ "harm_to_baby" -> "harm to baby" (in the reader's language when known)."""
    code = str(value or "")
    if ", " in code:  # several codes, as a screening lists its categories
        return ", ".join(words(part) for part in code.split(", "))
    known = _CODE_WORDS.get(code)
    if known is None:
        moderatable = registry.find_kind(code)
        known = moderatable.label if moderatable is not None else None
    if known:
        return str(known)
    return code.replace("_", " ").replace("-", " ")


_REASONS = {
    "premoderation": gettext_lazy("New member's first posts"),
    "identifying_details": gettext_lazy("Contact or identifying details"),
    "rule": gettext_lazy("Risk rules"),
    "report": gettext_lazy("Report"),
    "worry": gettext_lazy("Worry for this person"),
    "alert": gettext_lazy("Alert"),
    "flag": gettext_lazy("Flag"),
}


@register.filter
def reason_words(code) -> str:
    """A hold or queue reason as a moderator reads it: "premoderation" -> "New
    member's first posts", "space_approval" -> "Space approval"."""
    known = _REASONS.get(str(code))
    if known is None:
        routine = registry.hold_reason(str(code))
        known = routine.label if routine is not None else None
    return str(known) if known else capfirst(words(code))


@register.filter
def reason_detail(reason: dict) -> str:
    """What a queue reason says besides its source: a routine hold's explanation in
    the reader's language (the stored words are in the writer's), else its words."""
    routine = registry.hold_reason(str(reason.get("source", "")))
    if routine is not None:
        return str(routine.explanation)
    return reason_words(reason.get("text", ""))


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
    days = round(total / (24 * 60))
    return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}


@register.filter
def audit_change(entry) -> str:
    """An audit entry's change in words: "trust: 1 → 2; item: 14"."""
    before, after = entry.before or {}, entry.after or {}
    parts = []
    for key in dict.fromkeys([*before, *after]):
        was, now = before.get(key), after.get(key)
        values = {"what": words(key), "was": _plain(was), "now": _plain(now)}
        if key in before and key in after and was != now:
            parts.append(_("%(what)s: %(was)s → %(now)s") % values)
        elif key in after:
            parts.append(_("%(what)s: %(now)s") % values)
        else:
            parts.append(_("%(what)s was %(was)s") % values)
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
    if isinstance(value, str) and (value in _CODE_WORDS or "_" in value):
        return words(value)
    return str(value)
