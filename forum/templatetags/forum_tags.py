from django import template

from accounts.content_notes import ContentNote

register = template.Library()

_NOTE_LABELS = dict(ContentNote.choices)


@register.filter
def note_labels(notes) -> str:
    return ", ".join(str(_NOTE_LABELS.get(note, note)) for note in notes or ())


@register.filter
def keeps_closed(notes, keep_closed) -> bool:
    """Whether any of a post's notes is one the reader asked to keep collapsed."""
    return bool(set(notes or ()) & set(keep_closed or ()))
