"""Groups near you: thin; selectors read, services keep a member's own area."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from support.groups import presentation, selectors, services
from support.groups.forms import AreaForm
from support.signposting import countries


def groups(request: HttpRequest) -> HttpResponse:
    """A member sees the groups for the area she keeps; a signed-out reader for the
    area in the address, for this visit only: nothing is stored for her."""
    areas = selectors.areas_by_country()
    signed_in = request.user.is_authenticated
    asked = request.GET.get("area", "")
    if signed_in:
        area = selectors.chosen_area(request.user)
    else:
        area = selectors.area_from_value(asked, areas)
    choices = presentation.area_choices(
        areas, first=countries.country_for_request(request)
    )
    form = AreaForm(initial={"area": area.value if area else ""}, choices=choices)
    context = {
        "form": form,
        "area": area,
        "area_country": presentation.country_name(area.country) if area else "",
        "not_found": bool(asked) and area is None and not signed_in,
        "cards": [presentation.group_card(g) for g in selectors.groups_in(area)]
        if area
        else [],
        "has_areas": bool(areas),
    }
    response = render(request, "groups/groups.html", context)
    if signed_in:
        # Her area is on the page: no cache along the way may keep a copy.
        add_never_cache_headers(response)
    return response


@login_required
@require_POST
def group_area(request: HttpRequest) -> HttpResponse:
    """Keep, or forget, the area a member chose; only she ever sees it."""
    if request.POST.get("forget"):
        services.group_area_forget(member=request.user)
        messages.success(request, _("Your area is forgotten."))
        return redirect("support:groups")
    area = selectors.area_from_value(
        request.POST.get("area"), selectors.areas_by_country()
    )
    if area is None:
        messages.error(request, _("Please choose an area from the list."))
        return redirect("support:groups")
    services.group_area_set(member=request.user, country=area.country, area=area.name)
    messages.success(
        request, _("Thank you. Here are the groups for %(area)s.") % {"area": area.name}
    )
    return redirect("support:groups")
