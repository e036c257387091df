"""Moderation pages. Every moderator page answers 404 to anyone else; reporting, the
member's own reports and notices, appeals and the transparency page are for members."""

import csv
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moderation import registry, selectors, services
from moderation.forms import (
    AppealForm,
    AuditFilterForm,
    DecisionForm,
    NoteForm,
    ReportForm,
    SanctionForm,
)
from moderation.models import Decision, QueueView, ReviewItem, Sanction
from moderation.services import ModerationRefused

QUEUE_PAGE_SIZE = 50


def _moderator(request: HttpRequest):
    selectors.require_moderator(request.user)
    return request.user


# --- The queue -----------------------------------------------------------------------


def queue(request: HttpRequest, view: str = "") -> HttpResponse:
    moderator = _moderator(request)
    counts = selectors.queue_counts()
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
    if request.GET.get("partial") == "1":
        return render(request, "moderation/_queue_list.html", context)
    services.activity_touch(moderator=moderator)
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
    may_act = (
        item.is_open
        and item.claimed_by_id in (None, moderator.pk)
        and item.excluded_moderator_id != moderator.pk
        and (not item.escalated or moderator.can("senior_moderate"))
    )
    return {
        "item": item,
        "appeal": appeal,
        "form": form,
        "may_act": may_act,
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
    moderator = _moderator(request)
    try:
        services.item_claim(item_id=pk, moderator=moderator)
        messages.success(request, _("It's yours. Take the time you need."))
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("moderation:item", pk=pk)


@require_POST
def item_release(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = _moderator(request)
    try:
        item = services.item_release(item_id=pk, moderator=moderator)
        messages.success(request, _("Handed back. Someone else can pick it up."))
        return redirect("moderation:queue_view", view=item.view)
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("moderation:item", pk=pk)


@require_POST
def item_decide(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = _moderator(request)
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
        decided = services.item_decide(
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
    moderator = _moderator(request)
    services.activity_break(moderator=moderator)
    messages.success(request, _("Thank you for everything you did. Go gently."))
    return redirect("home")


# --- Members -------------------------------------------------------------------------


def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _moderator(request)
    member = get_object_or_404(get_user_model(), pk=pk)
    return render(
        request,
        "moderation/member.html",
        {
            "history": selectors.author_history(member),
            "note_form": NoteForm(),
            "sanction_form": SanctionForm(),
            "items": ReviewItem.objects.filter(author=member).order_by("-opened_at")[
                :20
            ],
        },
    )


@require_POST
def member_note(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = _moderator(request)
    member = get_object_or_404(get_user_model(), pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.note_add(
            member=member, moderator=moderator, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Note saved."))
    else:
        messages.error(request, _("The note is empty."))
    return redirect("moderation:member", pk=pk)


@require_POST
def member_sanction(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = _moderator(request)
    member = get_object_or_404(get_user_model(), pk=pk)
    form = SanctionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        ends_at = (
            timezone.now() + timedelta(days=data["days"])
            if data.get("days") and data["kind"] != Sanction.Kind.WARNING
            else None
        )
        try:
            services.sanction_issue(
                member=member,
                moderator=moderator,
                kind=data["kind"],
                guideline=data["guideline"],
                message=data["message"],
                private_note=data.get("private_note", ""),
                ends_at=ends_at,
            )
            messages.success(
                request, _("Saved. The member will see it on their next visit.")
            )
            return redirect("moderation:member", pk=pk)
        except ModerationRefused as refusal:
            form.add_error(None, str(refusal))
    return render(
        request,
        "moderation/member.html",
        {
            "history": selectors.author_history(member),
            "note_form": NoteForm(),
            "sanction_form": form,
            "items": ReviewItem.objects.filter(author=member).order_by("-opened_at")[
                :20
            ],
        },
        status=400,
    )


@require_POST
def sanction_lift(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = _moderator(request)
    sanction = get_object_or_404(Sanction, pk=pk)
    try:
        services.sanction_lift(
            sanction_id=pk,
            moderator=moderator,
            reason=request.POST.get("reason", "").strip(),
        )
        messages.success(request, _("Lifted."))
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("moderation:member", pk=sanction.member_id)


@require_POST
def member_trust(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = _moderator(request)
    member = get_object_or_404(get_user_model(), pk=pk)
    raw = request.POST.get("level", "")
    try:
        level = None if raw == "" else int(raw)
        services.trust_set(
            member=member,
            moderator=moderator,
            level=level,
            reason=request.POST.get("reason", "").strip(),
        )
        messages.success(request, _("Trust updated."))
    except (ValueError, ModerationRefused):
        messages.error(request, _("Trust is 0, 1 or 2."))
    return redirect("moderation:member", pk=pk)


# --- Members: reporting, their reports, notices, appeals -----------------------------


def _reportable(request: HttpRequest, kind: str, object_id: str):
    try:
        registration = registry.for_kind(kind)
    except KeyError:
        raise Http404 from None
    try:
        target = registration.model._default_manager.filter(pk=object_id).first()
    except (ValueError, TypeError):
        raise Http404 from None
    if target is None:
        raise Http404
    if registration.can_view is not None and not registration.can_view(
        target, request.user
    ):
        raise Http404
    if kind == "member" and target.pk == request.user.pk:
        raise Http404
    return target


@login_required
def report(request: HttpRequest, kind: str, object_id: str) -> HttpResponse:
    target = _reportable(request, kind, object_id)
    snapshot = services.snapshot_of(target)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            _report, created = services.report_create(
                reporter=request.user,
                target=target,
                guideline=form.cleaned_data["guideline"],
                words=form.cleaned_data["words"],
            )
        except ModerationRefused as refusal:
            form.add_error(None, str(refusal))
            status = 429
        else:
            if created:
                messages.success(
                    request,
                    _(
                        "Thank you. A moderator will look at it, and we'll let you "
                        "know what happened in Your reports."
                    ),
                )
            else:
                messages.info(
                    request,
                    _("You have already reported this. Thank you; it's in hand."),
                )
            return redirect(snapshot.get("url") or reverse("moderation:my_reports"))
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "moderation/report.html",
        {"form": form, "kind": kind, "snapshot": snapshot, "object_id": object_id},
        status=status,
    )


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "moderation/my_reports.html",
        {"reports": selectors.reports_by(request.user)[:100]},
    )


@login_required
def notices(request: HttpRequest) -> HttpResponse:
    items = list(selectors.notices_for(request.user)[:50])
    services.notices_mark_read(member=request.user)
    appealed = set(
        Decision.objects.filter(
            appeal__isnull=False, item__author=request.user
        ).values_list("pk", flat=True)
    )
    return render(
        request, "moderation/notices.html", {"notices": items, "appealed": appealed}
    )


@login_required
def appeal(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = get_object_or_404(
        Decision.objects.select_related("item"),
        pk=decision_id,
        item__author=request.user,
    )
    form = AppealForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_create(
                decision=decision, author=request.user, words=form.cleaned_data["words"]
            )
        except PermissionDenied:
            raise Http404 from None
        except ModerationRefused as refusal:
            form.add_error(None, str(refusal))
            status = 400
        else:
            messages.success(
                request, _("Thank you. Another moderator will look at it again.")
            )
            return redirect("moderation:notices")
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "moderation/appeal.html",
        {"form": form, "decision": decision},
        status=status,
    )


@login_required
def suspended(request: HttpRequest) -> HttpResponse:
    sanction = next(
        (
            s
            for s in selectors.sanctions_to_show(request.user)
            if s.locks_out and s.is_active()
        ),
        None,
    )
    if sanction is None:
        return redirect("home")
    return render(request, "moderation/suspended.html", {"sanction": sanction})


@login_required
@require_POST
def sanction_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    services.sanction_acknowledge(member=request.user, sanction_id=pk)
    next_url = request.POST.get("next", "")
    if not next_url.startswith("/") or next_url.startswith("//"):
        next_url = "/"
    return redirect(next_url)


# --- Operators, dashboard, transparency ----------------------------------------------


def _csv_cell(value) -> str:
    text = "" if value is None else str(value)
    # Spreadsheets run cells starting with these as formulas.
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


class _Echo:
    def write(self, value):
        return value


def audit(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (
        user.is_authenticated and (user.can("operate") or user.can("senior_moderate"))
    ):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_entries(
        actor=filters.get("actor", ""),
        kind=filters.get("kind", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    if request.GET.get("format") == "csv":
        writer = csv.writer(_Echo())
        header = [
            "created",
            "actor",
            "kind",
            "target_type",
            "target_id",
            "before",
            "after",
            "reason",
        ]

        def rows():
            yield writer.writerow(header)
            for entry in entries.iterator():
                yield writer.writerow(
                    [
                        _csv_cell(v)
                        for v in (
                            entry.created.isoformat(),
                            entry.actor_label,
                            entry.kind,
                            entry.target_type,
                            entry.target_id,
                            entry.before,
                            entry.after,
                            entry.reason,
                        )
                    ]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="kindred-audit.csv"'
        return response
    query = request.GET.copy()
    query["format"] = "csv"
    return render(
        request,
        "moderation/audit.html",
        {"form": form, "entries": entries[:200], "csv_query": query.urlencode()},
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    moderator = _moderator(request)
    from moderation.charts import bar_chart, day_chart

    data = selectors.dashboard()
    return render(
        request,
        "moderation/dashboard.html",
        {
            **data,
            "break_due": selectors.break_due(moderator),
            "queue_chart": bar_chart(data["queue"], title=_("Open items by view")),
            "category_chart": bar_chart(
                data["categories"], title=_("Items by category, last 30 days")
            ),
            "first_action_chart": day_chart(
                data["first_action_by_day"],
                title=_("Median minutes to first action, by day"),
            ),
            "decision_chart": day_chart(
                data["decision_by_day"], title=_("Median minutes to decision, by day")
            ),
        },
    )


def transparency(request: HttpRequest) -> HttpResponse:
    from accounts.guidelines import GUIDELINES

    data = selectors.transparency()
    titles = {item.number: item.title for item in GUIDELINES}
    actions = dict(Decision.Action.choices)
    kinds = dict(Sanction.Kind.choices)
    months = [
        {
            **month,
            "actions": [
                (number, titles.get(number, ""), actions.get(action, action), count)
                for number, action, count in month["actions"]
            ],
            "sanctions": [
                (kinds.get(kind, kind), count) for kind, count in month["sanctions"]
            ],
        }
        for month in data["months"]
    ]
    return render(request, "moderation/transparency.html", {"months": months})
