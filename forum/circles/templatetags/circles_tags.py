from django import template

from forum.circles.naming import circle_name

register = template.Library()


@register.filter
def circle_label(circle) -> str:
    """A circle's name in the page's language: "November 2026 babies · 2"."""
    return circle_name(circle.kind, circle.birth_month, circle.number)


@register.filter
def space_label(space) -> str:
    """A space's name for breadcrumbs and titles: a circle's own, in the page's
    language, for a circle's space (one query, only then)."""
    if not space.is_circle:
        return space.name
    from forum.circles.models import Circle

    circle = Circle.objects.select_related("kind").filter(space=space).first()
    return circle_label(circle) if circle else space.name
