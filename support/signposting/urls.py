from django.urls import path

from support.signposting import views

urlpatterns = [
    path("help/", views.crisis, name="crisis"),
    path("worried/", views.worried, name="worried"),
]
