"""Client addresses are never stored in the clear, only as rotating keyed hashes."""

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone


def client_ip(request: HttpRequest) -> str:
    """Return the client's address, trusting X-Forwarded-For only behind a proxy."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hash_ip(ip: str, *, when=None) -> str:
    """Return an HMAC of ip whose key changes every month, so hashes can't be linked
    across months and a leaked table can't be reversed by trying every address."""
    moment = when or timezone.now()
    key = f"{settings.IP_HASH_SECRET}:ip:{moment:%Y-%m}".encode()
    return hmac.new(key, ip.encode(), hashlib.sha256).hexdigest()


def hashed_client_ip(request: HttpRequest) -> str:
    return hash_ip(client_ip(request))
