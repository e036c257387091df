"""Kindred's URLs plus pages that fail, to see the error pages as visitors would."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from kindred.urls import handler400, handler403, handler404, handler500  # noqa: F401
from kindred.urls import urlpatterns as kindred_urlpatterns


def broken(request):
    raise RuntimeError("a deliberately broken page")


def forbidden(request):
    raise PermissionDenied


def garbled(request):
    raise SuspiciousOperation("garbled")


urlpatterns = [
    path("test-broken/", broken),
    path("test-forbidden/", forbidden),
    path("test-garbled/", garbled),
    *kindred_urlpatterns,
]
