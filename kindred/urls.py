from django.contrib import admin
from django.urls import include, path

from kindred import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("peer-support/", views.peer_support, name="peer_support"),
    path("privacy/", views.privacy, name="privacy"),
    path("quick-exit/", views.quick_exit, name="quick_exit"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("theme/", views.toggle_theme, name="toggle_theme"),
    path("accounts/", include("accounts.urls")),
    path("support/", include("support.urls")),
    path("moderation/", include("moderation.urls")),
    path("admin/", admin.site.urls),
    path("", include("forum.urls")),
]

handler400 = "kindred.views.bad_request"
handler403 = "kindred.views.forbidden"
handler404 = "kindred.views.not_found"
handler500 = "kindred.views.server_error"
