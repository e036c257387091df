from django import template

register = template.Library()


@register.filter
def words(value) -> str:
    """ "harm_to_baby" -> "harm to baby"."""
    return str(value or "").replace("_", " ").replace("-", " ")
