"""Django's ASGI handler with each request served by one call on a page thread.

Stock Django under ASGI starts a new thread for every request (its thread-sensitive
context), opens a new database connection on it, and crosses between that thread
and the event loop several times: the middleware that is sync only (ours and
WhiteNoise) runs on the thread, hands back to the loop for the rest of the
middleware, which hands the view to the thread again. Measured on the thread page
that was half the page's CPU time. Here the middleware chain is built sync, the
way a WSGI server runs it, and a request runs through it in one call on a fixed
set of threads that keep their database connections (core.database_threads).
"""

import functools

import django
from django.core.handlers import base
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpRequest, HttpResponseBase

from core.database_threads import in_page_thread


class PageThreadASGIHandler(ASGIHandler):
    def __init__(self):
        base.BaseHandler.__init__(self)
        self.load_middleware(is_async=False)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(
                f"Django can only handle ASGI/HTTP connections, not {scope['type']}."
            )
        await self.handle(scope, receive, send)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        return await in_page_thread(functools.partial(self.get_response, request))


def get_asgi_application() -> PageThreadASGIHandler:
    """django.core.asgi.get_asgi_application(), with the handler above."""
    django.setup(set_prefix=False)
    return PageThreadASGIHandler()
