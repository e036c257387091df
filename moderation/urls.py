from django.urls import path

from moderation.views import members, notices, operators, queue, reporting

app_name = "moderation"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("queue/<slug:view>/", queue.queue, name="queue_view"),
    path("items/<int:pk>/", queue.item_detail, name="item"),
    path("items/<int:pk>/claim/", queue.item_claim, name="item_claim"),
    path("items/<int:pk>/hand-back/", queue.item_release, name="item_release"),
    path("items/<int:pk>/decide/", queue.item_decide, name="item_decide"),
    path("break/", queue.take_break, name="take_break"),
    path("members/<int:pk>/", members.member_detail, name="member"),
    path("members/<int:pk>/notes/", members.member_note, name="member_note"),
    path(
        "members/<int:pk>/sanctions/", members.member_sanction, name="member_sanction"
    ),
    path("members/<int:pk>/trust/", members.member_trust, name="member_trust"),
    path("sanctions/<int:pk>/lift/", members.sanction_lift, name="sanction_lift"),
    path(
        "sanctions/<int:pk>/seen/", notices.sanction_acknowledge, name="sanction_seen"
    ),
    path(
        "sanctions/<int:pk>/appeal-decision/",
        members.sanction_appeal_decide,
        name="sanction_appeal_decide",
    ),
    path("appeal-sanction/", notices.sanction_appeal, name="sanction_appeal"),
    path("report/<slug:kind>/<str:object_id>/", reporting.report, name="report"),
    path("my-reports/", reporting.my_reports, name="my_reports"),
    path("messages/", notices.notices, name="notices"),
    path("appeal/<int:decision_id>/", notices.appeal, name="appeal"),
    path("suspended/", notices.suspended, name="suspended"),
    path("audit/", operators.audit, name="audit"),
    path("dashboard/", operators.dashboard, name="dashboard"),
    path("transparency/", operators.transparency, name="transparency"),
]
