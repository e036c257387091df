"""Operators' and senior moderators' pages: the audit log and its CSV export, the
dashboard of queue size and response times, and the public transparency page."""

import csv

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from moderation import selectors
from moderation.forms import AuditFilterForm
from moderation.models import Decision, Sanction
from moderation.views import moderator_of


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
    moderator = moderator_of(request)
    from moderation.charts import bar_chart, day_chart
    from moderation.templatetags.moderation_tags import words

    data = selectors.dashboard()
    return render(
        request,
        "moderation/dashboard.html",
        {
            **data,
            "break_due": selectors.break_due(moderator),
            "queue_chart": bar_chart(data["queue"], title=_("Open items by view")),
            "category_chart": bar_chart(
                [(words(code), count) for code, count in data["categories"]],
                title=_("Items by category, last 30 days"),
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
