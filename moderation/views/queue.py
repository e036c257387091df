"""The queue and its items: the queue views, an item's page, claiming, handing back
and deciding it, and taking a break."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moderation import selectors
from moderation.forms import DecisionForm
from moderation.models import Decision, QueueView, ReviewItem
from moderation.services import decisions, wellbeing
from moderation.services.permissions import ModerationRefused, may_act_refusal
from moderation.views import moderator_of

QUEUE_PAGE_SIZE = 50


def queue(request: HttpRequest, view: str = "") -> HttpResponse:
    moderator = moderator_of(request)
    counts = request.moderation_counts = selectors.queue_counts()
    if view and view not in QueueView.values:
        raise Http404
    if not view:
        view = next(
            (name for name in QueueView.values if counts[name]), QueueView.SAFETY
        )
    items = list(selectors.queue_for(moderator, view)[:QUEUE_PAGE_SIZE])
    context = {
        "view": view,
        "view_label": QueueView(view).label,
        "views": [
            (choice.value, choice.label, counts[choice.value]) for choice in QueueView
        ],
        "items": items,
        "counts": counts,
        "now": timezone.now(),
    }
    if view == QueueView.APPEALS:
        context["sanction_appeals"] = selectors.sanction_appeals_waiting()
    if request.GET.get("partial") == "1":
        return render(request, "moderation/_queue_list.html", context)
    wellbeing.activity_touch(moderator=moderator)
    context["break_due"] = selectors.break_due(moderator)
    return render(request, "moderation/queue.html", context)


def _actions_for(item: ReviewItem, moderator, appeal) -> list[str]:
    actions = []
    if item.is_risk:
        actions.append(Decision.Action.SUPPORT)
    actions += [
        Decision.Action.APPROVE,
        Decision.Action.EDIT,
        Decision.Action.HIDE,
        Decision.Action.REMOVE,
    ]
    if appeal is not None:
        actions.insert(0, Decision.Action.UPHOLD)
    if not item.escalated:
        actions.append(Decision.Action.ESCALATE)
    return actions


def _default_action(item: ReviewItem, appeal) -> str:
    # Saying you have suicidal thoughts is never a violation: support comes first.
    if item.is_risk:
        return Decision.Action.SUPPORT
    if appeal is not None:
        return Decision.Action.UPHOLD
    if item.held:
        return Decision.Action.APPROVE
    return ""


def _item_context(request, item: ReviewItem, form: DecisionForm | None = None) -> dict:
    moderator = request.user
    appeal = (
        item.decisions.filter(appeal__isnull=False, appeal__resolved_at__isnull=True)
        .select_related("appeal", "moderator")
        .first()
    )
    appeal = appeal.appeal if appeal else None
    if form is None:
        form = DecisionForm(
            actions=_actions_for(item, moderator, appeal),
            initial={
                "version": item.version,
                "action": _default_action(item, appeal),
                "new_text": item.snapshot.get("text", ""),
                "guideline": 8 if item.is_risk else None,
            },
        )
    refusal = may_act_refusal(item, moderator)
    return {
        "item": item,
        "appeal": appeal,
        "form": form,
        "may_act": refusal is None,
        "refusal": refusal,
        "claimed_by_me": item.claimed_by_id == moderator.pk,
        "history": selectors.author_history(item.author),
        "reports": list(item.reports.select_related("reporter").order_by("created")),
        "decisions": list(
            item.decisions.select_related("moderator").order_by("-created")
        ),
        "now": timezone.now(),
    }


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for_moderator(request.user, pk)
    return render(request, "moderation/item.html", _item_context(request, item))


@require_POST
def item_claim(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = moderator_of(request)
    try:
        decisions.item_claim(item_id=pk, moderator=moderator)
        messages.success(request, _("It's yours. Take the time you need."))
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("moderation:item", pk=pk)


@require_POST
def item_release(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = moderator_of(request)
    try:
        item = decisions.item_release(item_id=pk, moderator=moderator)
        messages.success(request, _("Handed back. Someone else can pick it up."))
        return redirect("moderation:queue_view", view=item.view)
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("moderation:item", pk=pk)


@require_POST
def item_decide(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = moderator_of(request)
    item = selectors.item_for_moderator(moderator, pk)
    context = _item_context(request, item)
    form = DecisionForm(
        request.POST, actions=[c[0] for c in context["form"].fields["action"].choices]
    )
    if not form.is_valid():
        context["form"] = form
        return render(request, "moderation/item.html", context, status=400)
    data = form.cleaned_data
    try:
        decided = decisions.item_decide(
            item_id=pk,
            moderator=moderator,
            action=data["action"],
            guideline=data["guideline"],
            reason=data["reason"],
            version=data["version"],
            new_text=data.get("new_text", ""),
        )
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("moderation:item", pk=pk)
    if decided.is_open:
        messages.success(request, _("Escalated to the senior moderators."))
    else:
        messages.success(request, _("Done. The author has been told, kindly."))
    return redirect("moderation:queue_view", view=decided.view)


@require_POST
def take_break(request: HttpRequest) -> HttpResponse:
    moderator = moderator_of(request)
    wellbeing.activity_break(moderator=moderator)
    messages.success(request, _("Thank you for everything you did. Go gently."))
    return redirect("home")
