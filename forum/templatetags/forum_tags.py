from django import template

from forum import rendering, thread_list

register = template.Library()


@register.filter
def note_labels(notes) -> str:
    return rendering.note_labels(notes)


@register.filter
def keeps_closed(notes, keep_closed) -> bool:
    """Whether any of a post's notes is one the reader asked to keep collapsed."""
    return bool(set(notes or ()) & set(keep_closed or ()))


# The thread page's reaction forms are rendered here rather than in the view so that
# they carry the page's one CSRF token, the one {% csrf_token %} shows.


@register.simple_tag(takes_context=True)
def thread_reactions(context, renderer, mine) -> str:
    """The reaction form of the thread's own post."""
    renderer.use_csrf_token(context.get("csrf_token"))
    return renderer.opening_reactions(mine)


@register.simple_tag(takes_context=True)
def thread_replies(context, renderer, nodes) -> str:
    """The <li> items of the thread page's reply list."""
    renderer.use_csrf_token(context.get("csrf_token"))
    return renderer.replies(nodes)


@register.simple_tag
def thread_items(threads, show_space=False) -> str:
    """The <li> items of a list of threads."""
    return thread_list.thread_items(threads, show_space=show_space)
