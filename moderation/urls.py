from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("queue/<slug:view>/", views.queue, name="queue_view"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/claim/", views.item_claim, name="item_claim"),
    path("items/<int:pk>/hand-back/", views.item_release, name="item_release"),
    path("items/<int:pk>/decide/", views.item_decide, name="item_decide"),
    path("break/", views.take_break, name="take_break"),
    path("members/<int:pk>/", views.member_detail, name="member"),
    path("members/<int:pk>/notes/", views.member_note, name="member_note"),
    path("members/<int:pk>/sanctions/", views.member_sanction, name="member_sanction"),
    path("members/<int:pk>/trust/", views.member_trust, name="member_trust"),
    path("sanctions/<int:pk>/lift/", views.sanction_lift, name="sanction_lift"),
    path("sanctions/<int:pk>/seen/", views.sanction_acknowledge, name="sanction_seen"),
    path("report/<slug:kind>/<str:object_id>/", views.report, name="report"),
    path("my-reports/", views.my_reports, name="my_reports"),
    path("messages/", views.notices, name="notices"),
    path("appeal/<int:decision_id>/", views.appeal, name="appeal"),
    path("suspended/", views.suspended, name="suspended"),
    path("audit/", views.audit, name="audit"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("transparency/", views.transparency, name="transparency"),
]
