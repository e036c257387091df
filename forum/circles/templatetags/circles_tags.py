from django import template

from forum.circles.naming import circle_name

register = template.Library()


@register.filter
def circle_label(circle) -> str:
    """A circle's name in the page's language: "November 2026 babies · 2"."""
    return circle_name(circle.kind, circle.birth_month, circle.number)
