from django.urls import path, re_path

from forum import hiding_views, views

app_name = "forum"

urlpatterns = [
    path("spaces/", views.space_index, name="spaces"),
    path("spaces/<slug:slug>/", views.space_detail, name="space"),
    path("spaces/<slug:slug>/new/", views.thread_new, name="thread_new"),
    path("threads/<int:pk>/", views.thread_detail, name="thread_short"),
    path("threads/<int:pk>/reply/", views.reply_new, name="reply_new"),
    path("threads/<int:pk>/follow/", views.follow, name="follow"),
    path("threads/<int:pk>/<slug:slug>/", views.thread_detail, name="thread"),
    path("replies/<int:pk>/", views.reply_permalink, name="reply"),
    re_path(
        r"^(?P<kind>thread|reply)/(?P<pk>[0-9]+)/edit/$", views.post_edit, name="edit"
    ),
    re_path(
        r"^(?P<kind>thread|reply)/(?P<pk>[0-9]+)/delete/$",
        views.post_delete,
        name="delete",
    ),
    re_path(
        r"^(?P<kind>thread|reply)/(?P<pk>[0-9]+)/react/$", views.react, name="react"
    ),
    path("waiting/", views.waiting, name="waiting"),
    path("hidden/", hiding_views.hidden, name="hidden"),
    path("languages/", hiding_views.reading_languages, name="reading_languages"),
    path("members/<int:pk>/hide/", hiding_views.member_hide, name="member_hide"),
    path("members/<int:pk>/show/", hiding_views.member_show, name="member_show"),
    path("spaces/<slug:slug>/hide/", hiding_views.space_hide_view, name="space_hide"),
    path("spaces/<slug:slug>/show/", hiding_views.space_show_view, name="space_show"),
    path("search/", views.search, name="search"),
    path("preview/", views.preview, name="preview"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications.json", views.notifications_json, name="notifications_json"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
]
