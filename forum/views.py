"""Forum pages. Thin: they read through selectors, write through services, and every
lookup of a post answers 404 unless forum.visibility lets the member see it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.text import render_user_text
from forum import rendering, selectors, services, visibility
from forum.circles import selectors as circle_selectors
from forum.forms import EditReplyForm, EditThreadForm, ReplyForm, ThreadForm
from forum.models import BODY_MAX_LENGTH, PostStatus, ReactionKind, Reply, Thread
from moderation import holds
from moderation import selectors as moderation_selectors
from support.signposting import presentation as signposting_presentation
from support.signposting import selectors as signposting
from support.signposting.countries import chooser_for_request, country_for_request

POSTED_KEY = "forum_posted"


def _page_number(request: HttpRequest):
    return request.GET.get("page") or 1


def _remember_posted(
    request: HttpRequest, posted: services.Posted, draft_key: str
) -> None:
    """What the next page must know: which draft to forget, and whether to show the
    crisis panel (the rules saw words that call for it)."""
    request.session[POSTED_KEY] = {
        "draft": draft_key,
        "signpost": bool(posted.screening.signpost),
    }
    if posted.held:
        notice = holds.held_notice(
            posted.screening.hold_reason, moderation_selectors.typical_wait()
        )
        messages.info(request, notice)
    else:
        messages.success(request, _("Posted. Thank you for sharing."))


def _post_url(thread: Thread, reply: Reply | None) -> str:
    if reply is None:
        return thread.get_absolute_url()
    page = selectors.reply_page_number(reply)
    url = thread.get_absolute_url()
    if page > 1:
        url += f"?page={page}"
    return f"{url}#reply-{reply.pk}"


def _refusal(form, error) -> None:
    form.add_error(None, error.message)


def _preview_page(
    request: HttpRequest, template: str, form, context: dict
) -> HttpResponse:
    """Show the form again with the text rendered as it would be saved (no JS)."""
    body = request.POST.get("body", "")
    preview_html = render_user_text(body) if len(body) <= BODY_MAX_LENGTH else ""
    form.is_valid()
    return render(
        request, template, {**context, "form": form, "preview_html": preview_html}
    )


# --- reading ---------------------------------------------------------------------


@require_GET
def space_index(request: HttpRequest) -> HttpResponse:
    spaces = selectors.spaces_for(request.user)
    return render(request, "forum/space_index.html", {"spaces": spaces})


@require_GET
def space_detail(request: HttpRequest, slug: str) -> HttpResponse:
    space = selectors.space_by_slug(request.user, slug)
    if space.is_circle:
        return redirect(circle_selectors.circle_of_space(space).get_absolute_url())
    page = selectors.space_threads(request.user, space, _page_number(request))
    hidden = space.pk in selectors.hidden_space_ids(request.user)
    return render(
        request,
        "forum/space.html",
        {"space": space, "page": page, "space_hidden": hidden},
    )


@require_GET
def thread_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    thread = selectors.thread_for(request.user, pk)
    context = selectors.thread_page(request.user, thread, _page_number(request))
    country = country_for_request(request)
    chooser = chooser_for_request(request, country)
    cards = signposting.contextual_cards_for(context["risk_categories"], country)
    cards_by_category = {card["category"]: card for card in cards}

    def cards_for(post) -> list[dict]:
        return [
            cards_by_category[c]
            for c in post.risk_categories or []
            if c in cards_by_category
        ]

    if cards_by_category:
        for node in context["nodes"]:
            node.cards = [] if node.placeholder else cards_for(node.reply)
    posted = request.session.pop(POSTED_KEY, None) or {}
    if posted.get("signpost"):
        context["crisis"] = signposting_presentation.crisis_panel(
            country, chooser=chooser
        )
    context["posted_draft"] = posted.get("draft", "")
    member = request.user
    if (
        not posted
        and thread.status == PostStatus.HELD
        and thread.author_id == member.pk
    ):
        context["held_notice"] = holds.held_notice(
            moderation_selectors.hold_reason_of(thread),
            moderation_selectors.typical_wait(),
        )
    renderer = rendering.ThreadRenderer(
        thread=thread,
        viewer_id=member.pk if member.is_authenticated else None,
        is_moderator=context["is_moderator"],
        country_chooser=chooser,
        keep_closed=(member.collapsed_content_notes or [])
        if member.is_authenticated
        else [],
        ignored=selectors.ignored_member_ids(member),
    )
    context["thread_renderer"] = renderer
    context["opening"] = renderer.opening(
        revisions=context["thread_revisions"], cards=cards_for(thread)
    )
    context["reply_fields_html"] = rendering.blank_reply_fields(
        anonymous=visibility.replies_anonymously_by_default(thread, member),
        in_circle=thread.space.is_circle,
    )
    return render(request, "forum/thread.html", context)


@require_GET
def reply_permalink(request: HttpRequest, pk: int) -> HttpResponse:
    reply = selectors.reply_for(request.user, pk)
    return redirect(_post_url(reply.thread, reply))


@require_GET
def waiting(request: HttpRequest) -> HttpResponse:
    page = selectors.waiting_page(request.user, _page_number(request))
    return render(request, "forum/waiting.html", {"page": page})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    hits = selectors.search(request.user, query) if query else []
    return render(request, "forum/search.html", {"query": query[:200], "hits": hits})


# --- writing ---------------------------------------------------------------------


def _post_anyway(request: HttpRequest) -> bool:
    return request.POST.get("post_anyway") == "1"


def thread_new(request: HttpRequest, slug: str) -> HttpResponse:
    space = selectors.space_by_slug(request.user, slug)
    draft_key = f"new-thread:{space.slug}"
    if request.method == "POST" and "preview" in request.POST:
        return _preview_page(
            request,
            "forum/thread_form.html",
            ThreadForm(request.POST, in_circle=space.is_circle),
            {"space": space, "draft_key": draft_key},
        )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        form = ThreadForm(request.POST, in_circle=space.is_circle)
        nudge = False
        if form.is_valid():
            try:
                posted = services.thread_create(
                    author=request.user,
                    space=space,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    content_notes=form.cleaned_data["content_notes"],
                    anonymous=form.cleaned_data.get("anonymous", False),
                    post_anyway=_post_anyway(request),
                )
            except services.NudgeNeeded:
                nudge = True
            except services.PostRefused as refusal:
                _refusal(form, refusal)
            else:
                _remember_posted(request, posted, draft_key)
                return redirect(posted.thread.get_absolute_url())
        status = 200 if nudge else 400
        return render(
            request,
            "forum/thread_form.html",
            {"space": space, "form": form, "nudge": nudge, "draft_key": draft_key},
            status=status,
        )
    return render(
        request,
        "forum/thread_form.html",
        {
            "space": space,
            "form": ThreadForm(in_circle=space.is_circle),
            "draft_key": draft_key,
        },
    )


def reply_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer a thread, or (with ?to= or parent=) a reply inside it."""
    thread = selectors.thread_for(request.user, pk)
    parent_id = request.POST.get("parent") or request.GET.get("to") or None
    parent = None
    if parent_id:
        try:
            parent = selectors.reply_for(request.user, int(parent_id))
        except (TypeError, ValueError):
            raise Http404("No such reply") from None
        if parent.thread_id != thread.pk:
            raise Http404("No such reply")
    if thread.status != PostStatus.VISIBLE and thread.status != PostStatus.HELD:
        raise Http404("This thread is closed")
    in_circle = thread.space.is_circle
    draft_key = f"reply:{thread.pk}:{parent.pk if parent else 0}"
    context = {"thread": thread, "parent": parent, "draft_key": draft_key}
    if parent is not None:
        context["parent_label"] = visibility.author_label(parent, request.user)
    if request.method == "POST" and "preview" in request.POST:
        return _preview_page(
            request,
            "forum/reply_form.html",
            ReplyForm(request.POST, in_circle=in_circle),
            context,
        )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        form = ReplyForm(request.POST, in_circle=in_circle)
        nudge = False
        if form.is_valid():
            try:
                posted = services.reply_create(
                    author=request.user,
                    thread=thread,
                    parent=parent,
                    body=form.cleaned_data["body"],
                    content_notes=form.cleaned_data["content_notes"],
                    anonymous=form.cleaned_data.get("anonymous", False),
                    post_anyway=_post_anyway(request),
                )
            except services.NudgeNeeded:
                nudge = True
            except services.PostRefused as refusal:
                _refusal(form, refusal)
            else:
                _remember_posted(request, posted, draft_key)
                return redirect(_post_url(thread, posted.reply))
        context.update(form=form, nudge=nudge)
        return render(
            request, "forum/reply_form.html", context, status=200 if nudge else 400
        )
    context["form"] = ReplyForm(
        in_circle=in_circle,
        initial={
            "parent": parent.pk if parent else None,
            "anonymous": visibility.replies_anonymously_by_default(
                thread, request.user
            ),
        },
    )
    return render(request, "forum/reply_form.html", context)


def _own_post(request: HttpRequest, kind: str, pk: int) -> Thread | Reply:
    """The member's own post of kind, editable; 404 for anything else."""
    if kind == "thread":
        post = selectors.thread_for(request.user, pk)
    else:
        post = selectors.reply_for(request.user, pk)
    if post.author_id != request.user.pk or post.status not in {
        PostStatus.VISIBLE,
        PostStatus.HELD,
    }:
        raise Http404("Not yours to change")
    return post


@login_required
def post_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    post = _own_post(request, kind, pk)
    form_class = EditThreadForm if kind == "thread" else EditReplyForm
    thread = post if kind == "thread" else post.thread
    reply = None if kind == "thread" else post
    initial = {"body": post.body_source, "content_notes": post.content_notes}
    if kind == "thread":
        initial["title"] = post.title
    nudge = False
    page_context = {"post": post, "kind": kind, "thread": thread}
    if request.method == "POST" and "preview" in request.POST:
        return _preview_page(
            request, "forum/edit_form.html", form_class(request.POST), page_context
        )
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                services.post_edit(
                    author=request.user,
                    post=post,
                    title=form.cleaned_data.get("title") if kind == "thread" else None,
                    body=form.cleaned_data["body"],
                    content_notes=form.cleaned_data["content_notes"],
                    post_anyway=_post_anyway(request),
                )
            except services.NudgeNeeded:
                nudge = True
            except services.PostRefused as refusal:
                _refusal(form, refusal)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(_post_url(thread, reply))
    else:
        form = form_class(initial=initial)
    return render(
        request,
        "forum/edit_form.html",
        {**page_context, "form": form, "nudge": nudge},
        status=400 if request.method == "POST" and not nudge else 200,
    )


@login_required
def post_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    post = _own_post(request, kind, pk)
    thread = post if kind == "thread" else post.thread
    if request.method == "POST":
        space_url = thread.space.get_absolute_url()
        services.post_delete(author=request.user, post=post)
        messages.success(request, _("Your post is gone."))
        if kind == "thread":
            thread.refresh_from_db()
            return redirect(
                thread.get_absolute_url() if thread.reply_count else space_url
            )
        return redirect(thread.get_absolute_url())
    return render(
        request,
        "forum/delete_confirm.html",
        {"post": post, "kind": kind, "thread": thread},
    )


@require_POST
def react(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind == "thread":
        thread, reply = selectors.thread_for(request.user, pk), None
    else:
        reply = selectors.reply_for(request.user, pk)
        thread = reply.thread
    if not request.user.is_authenticated:
        return redirect_to_login(_post_url(thread, reply))
    post = reply or thread
    if post.status != PostStatus.VISIBLE:
        raise Http404("Not open for reactions")
    reaction = request.POST.get("reaction", "")
    if reaction not in ReactionKind.values:
        raise Http404("No such reaction")
    try:
        services.reaction_toggle(
            member=request.user, thread=thread, reply=reply, kind=reaction
        )
    except services.PostRefused as refusal:
        messages.warning(request, refusal.message)
    return redirect(
        _post_url(thread, reply) if reply else f"{thread.get_absolute_url()}#post"
    )


@require_POST
@login_required
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    thread = selectors.thread_for(request.user, pk)
    active = request.POST.get("follow") == "1"
    services.follow_set(member=request.user, thread=thread, active=active)
    if active:
        messages.success(request, _("You'll be told about new replies here."))
    else:
        messages.success(
            request, _("You won't be told about new replies here any more.")
        )
    return redirect(thread.get_absolute_url())


@require_POST
def preview(request: HttpRequest) -> JsonResponse:
    """Render text exactly as it would be saved, without saving anything."""
    body = request.POST.get("body", "")
    if len(body) > BODY_MAX_LENGTH:
        return JsonResponse(
            {"error": _("That is longer than one post can hold.")}, status=400
        )
    return JsonResponse({"html": render_user_text(body)})


# --- notifications ---------------------------------------------------------------


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    page = selectors.notification_page(request.user, _page_number(request))
    response = render(request, "forum/notifications.html", {"page": page})
    unread = [n.pk for n in page.object_list if n.read_at is None]
    if unread:
        services.notifications_mark_read(member=request.user, ids=unread)
    return response


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notification = selectors.notifications_for(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404("No such notification")
    services.notifications_mark_read(member=request.user, ids=[notification.pk])
    reply = notification.reply
    return redirect(_post_url(notification.thread, reply))


@login_required
def notifications_json(request: HttpRequest) -> JsonResponse:
    page = selectors.notification_page(request.user, 1)
    return JsonResponse(
        {
            "unread": selectors.unread_count(request.user),
            "items": [
                {
                    "id": n.pk,
                    "text": n.text,
                    "url": reverse("forum:notification_open", args=[n.pk]),
                    "unread": n.read_at is None,
                    "created": n.created.isoformat(),
                }
                for n in page.object_list
            ],
        }
    )
