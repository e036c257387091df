from django.urls import path

from support import views

urlpatterns = [
    path("now/", views.request_start, name="request_start"),
]
