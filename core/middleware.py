import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.urls import Resolver404, get_resolver

logger = logging.getLogger("django.request")

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Adds a strict Content-Security-Policy: no inline script, no third parties."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class BrandedErrorsMiddleware:
    """With DEBUG on (make run), a mistyped address or a crash still shows the
    site's own 404 and 500 pages, with quick exit and help, instead of Django's
    debug pages that list every URL. The traceback still goes to the log.
    settings.DEBUG_ERROR_PAGES turns Django's debug pages back on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG and not settings.DEBUG_ERROR_PAGES:
            # An address no URL matches never reaches process_exception.
            try:
                get_resolver().resolve(request.path_info)
            except Resolver404 as missing:
                return get_resolver().resolve_error_handler(404)(request, missing)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not settings.DEBUG or settings.DEBUG_ERROR_PAGES:
            return None
        resolver = get_resolver()
        if isinstance(exception, Http404):
            return resolver.resolve_error_handler(404)(request, exception)
        if isinstance(exception, PermissionDenied | SuspiciousOperation):
            return None  # Django's own handling already answers these with 403/400
        logger.error(
            "Internal error: %s",
            request.path,
            exc_info=exception,
            extra={"status_code": 500},
        )
        return resolver.resolve_error_handler(500)(request)
