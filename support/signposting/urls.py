from django.urls import path

from support.signposting import views

urlpatterns = [
    path("help/", views.crisis, name="crisis"),
    path("resources/", views.resources, name="resources"),
    path("worried/", views.worried, name="worried"),
    path("country/", views.country_set, name="country_set"),
    path("check-in/", views.check_in, name="check_in"),
    path("check-in/history/", views.check_in_history, name="check_in_history"),
    path("check-in/<int:check_in_id>/", views.check_in_result, name="check_in_result"),
    path(
        "check-in/<int:check_in_id>/delete/",
        views.check_in_delete,
        name="check_in_delete",
    ),
    path("check-in/delete-all/", views.check_in_delete_all, name="check_in_delete_all"),
    path(
        "check-in/export.json",
        views.check_in_export,
        {"fmt": "json"},
        name="check_in_export_json",
    ),
    path(
        "check-in/export.csv",
        views.check_in_export,
        {"fmt": "csv"},
        name="check_in_export_csv",
    ),
    path("check-in/q/<slug:slug>/", views.questionnaire, name="questionnaire"),
]
