from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import cache_page
from django.views.i18n import JavaScriptCatalog

from accounts.language import switch_language
from kindred import health, views

# The words static/js shows, in the page's language (the template adds the
# language to the address, so a browser never keeps one language's copy for another).
javascript_catalog = cache_page(3600)(JavaScriptCatalog.as_view())

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
    path("language/", switch_language, name="switch_language"),
    path("jsi18n/", javascript_catalog, name="javascript_catalog"),
    path("accounts/", include("accounts.urls")),
    path("support/", include("support.urls")),
    path("moderation/", include("moderation.urls")),
    path("circles/", include("forum.circles.urls")),
    path("admin/", admin.site.urls),
    path("", include("forum.urls")),
]

handler400 = "kindred.views.bad_request"
handler403 = "kindred.views.forbidden"
handler404 = "kindred.views.not_found"
handler500 = "kindred.views.server_error"
