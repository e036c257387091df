"""Pages where a member hides someone's posts or a whole space, and shows them
again. Nobody is told."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum import selectors
from forum.models import Language, Space
from forum.selectors.hiding import unread_languages
from forum.services.hiding import (
    HidingRefused,
    member_ignore,
    member_unignore,
    space_hide,
    space_show,
)
from forum.services.language import reading_languages_set


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@login_required
def member_hide(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask once, then fold this member's named posts closed for the reader."""
    member = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    status = 200
    error = ""
    if request.method == "POST":
        try:
            member_ignore(member=request.user, ignored=member)
        except HidingRefused as refusal:
            error, status = str(refusal), 400
        else:
            messages.success(
                request,
                _("You won't see %(name)s's posts unless you choose to.")
                % {"name": member.pseudonym},
            )
            return _back(request, "forum:hidden")
    return render(
        request,
        "forum/member_hide.html",
        {"hidden_member": member, "error": error, "next": request.GET.get("next", "")},
        status=status,
    )


@require_POST
@login_required
def member_show(request: HttpRequest, pk: int) -> HttpResponse:
    member_unignore(member=request.user, ignored_id=pk)
    messages.success(request, _("Their posts show again."))
    return _back(request, "forum:hidden")


@require_POST
@login_required
def space_hide_view(request: HttpRequest, slug: str) -> HttpResponse:
    space = get_object_or_404(Space, slug=slug, is_circle=False)
    space_hide(member=request.user, space=space)
    messages.success(
        request,
        _("%(space)s is hidden from your lists. You can show it again any time.")
        % {"space": space.name},
    )
    return _back(request, "forum:hidden")


@require_POST
@login_required
def space_show_view(request: HttpRequest, slug: str) -> HttpResponse:
    space = get_object_or_404(Space, slug=slug, is_circle=False)
    space_show(member=request.user, space_id=space.pk)
    messages.success(
        request, _("%(space)s is back in your lists.") % {"space": space.name}
    )
    return _back(request, "forum:hidden")


@login_required
def hidden(request: HttpRequest) -> HttpResponse:
    return render(request, "forum/hidden.html", selectors.hidden_for(request.user))


@login_required
def reading_languages(request: HttpRequest) -> HttpResponse:
    """Choose the languages she reads the forum in (every one, until she chooses)."""
    error = ""
    if request.method == "POST":
        chosen = [code for code in request.POST.getlist("language") if code in Language]
        if chosen:
            reading_languages_set(member=request.user, chosen=chosen)
            messages.success(
                request, _("Saved. Your lists show posts in these languages.")
            )
            return redirect("forum:reading_languages")
        error = _("Choose at least one language to read in.")
    unread = unread_languages(request.user)
    choices = [
        {"code": code, "label": label, "checked": code not in unread}
        for code, label in Language.choices
    ]
    return render(
        request,
        "forum/reading_languages.html",
        {"choices": choices, "error": error},
        status=400 if error else 200,
    )
