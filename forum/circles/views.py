"""Circle pages. Thin: selectors read (a circle answers 404 to anyone but its
present members and moderators), services write, every change is a POST."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from forum.circles import selectors, services
from forum.circles.forms import JoinForm
from forum.circles.models import Circle
from forum.circles.naming import circle_name


def _name(circle: Circle) -> str:
    return circle_name(circle.kind, circle.birth_month, circle.number)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    member = request.user
    context = {
        "kinds": selectors.open_kinds(),
        "mine": selectors.circles_of(member),
        "waiting": selectors.waiting_of(member),
        "offers": selectors.merge_offers_for(member),
        "max_circles": services.MAX_CIRCLES_PER_MEMBER,
    }
    return render(request, "circles/index.html", context)


@login_required
def join(request: HttpRequest, slug: str) -> HttpResponse:
    kind = selectors.open_kind(slug)
    months = selectors.birth_months()
    data = request.POST if request.method == "POST" else None
    form = JoinForm(data, kind=kind, months=months)
    if request.method == "POST" and form.is_valid():
        try:
            circle = services.circle_join(
                member=request.user,
                kind=kind,
                birth_month=form.cleaned_data.get("birth_month"),
                time_zone=form.cleaned_data.get("time_zone", ""),
            )
        except services.CircleRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Welcome to %(circle)s. Say hello whenever you're ready.")
                % {"circle": _name(circle)},
            )
            return redirect(circle.get_absolute_url())
    # Which circles of the group there are, to wait for a place in one of them.
    month = None
    if kind.by_birth_month:
        chosen = (data or request.GET).get("birth_month", "")
        month = next((m for m in months if m.isoformat() == chosen), None)
    rows = (
        selectors.group_circles(request.user, kind, month)
        if month or not kind.by_birth_month
        else []
    )
    context = {
        "kind": kind,
        "form": form,
        "month": month,
        "rows": [{"row": row, "name": _name(row.circle)} for row in rows],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "circles/join.html", context, status=status)


@require_GET
@login_required
def circle(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.circle_for(request.user, pk)
    context = selectors.circle_page(request.user, found, request.GET.get("page") or 1)
    context["name"] = _name(found)
    return render(request, "circles/circle.html", context)


@login_required
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.circle_for(request.user, pk)
    if not selectors.is_member(request.user, found):
        raise Http404("Not in this circle")
    if request.method == "POST":
        services.circle_leave(member=request.user, circle=found)
        messages.success(
            request,
            _("You have left %(circle)s. Take care of yourself.")
            % {"circle": _name(found)},
        )
        return redirect("circles:index")
    return render(
        request, "circles/leave.html", {"circle": found, "name": _name(found)}
    )


def _open_circle(pk: int) -> Circle:
    found = (
        Circle.objects.select_related("kind")
        .filter(pk=pk, closed_at__isnull=True, kind__active=True)
        .first()
    )
    if found is None:
        raise Http404("No such circle")
    return found


@require_POST
@login_required
def wait(request: HttpRequest, pk: int) -> HttpResponse:
    found = _open_circle(pk)
    try:
        joined = services.circle_wait(member=request.user, circle=found)
    except services.CircleRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("circles:index")
    if joined:
        messages.success(
            request,
            _("There was a place after all: welcome to %(circle)s.")
            % {"circle": _name(found)},
        )
        return redirect(found.get_absolute_url())
    messages.success(
        request,
        _(
            "You are waiting for a place in %(circle)s. When someone leaves, the "
            "person who has waited longest gets the place, and it shows here."
        )
        % {"circle": _name(found)},
    )
    return redirect("circles:index")


@require_POST
@login_required
def wait_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    found = _open_circle(pk)
    services.circle_wait_cancel(member=request.user, circle=found)
    messages.success(request, _("You are no longer waiting for that circle."))
    return redirect("circles:index")


@require_POST
@login_required
def merge_answer(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.merge_offer_for(request.user, pk)
    move = request.POST.get("answer") == "move"
    try:
        services.merge_offer_answer(member=request.user, offer=offer, move=move)
    except services.CircleRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("circles:index")
    if move:
        messages.success(
            request,
            _("You have moved to %(circle)s. Welcome.")
            % {"circle": _name(offer.into_circle)},
        )
        return redirect(offer.into_circle.get_absolute_url())
    messages.success(request, _("You are staying where you are."))
    return redirect("circles:index")
