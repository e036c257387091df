"""A browser page signed in as a member, by a session made in the test process."""

from django.conf import settings

from tests.e2e.conftest import in_thread
from tests.support.conftest import session_cookie

__all__ = ["session_cookie", "signed_in_page"]


def signed_in_page(new_page, server, person):
    """A page in its own browser context, signed in as person by a session cookie."""
    page = new_page()
    cookie = in_thread(session_cookie, person)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": server.url}]
    )
    return page
