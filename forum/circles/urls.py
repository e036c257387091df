from django.urls import path

from forum.circles import views

app_name = "circles"

urlpatterns = [
    path("", views.index, name="index"),
    path("join/<slug:slug>/", views.join, name="join"),
    path("<int:pk>/", views.circle, name="circle"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("<int:pk>/wait/", views.wait, name="wait"),
    path("<int:pk>/wait/cancel/", views.wait_cancel, name="wait_cancel"),
    path("invitations/<int:pk>/", views.merge_answer, name="merge_answer"),
]
