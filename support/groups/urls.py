from django.urls import path

from support.groups import views

urlpatterns = [
    path("groups/", views.groups, name="groups"),
    path("groups/area/", views.group_area, name="group_area"),
]
