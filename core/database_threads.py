"""Database calls from async code, on a few threads that keep their connections.

Under ASGI Django closes every connection when a call is done (CONN_MAX_AGE = 0),
because the threads that run sync views come and go and an open connection left on
one would never be closed. A live chat socket makes a database call for every
message, and a page view a few, and opening a connection costs more than most of
those calls: on PostgreSQL a new backend process, on SQLite a file opened and
Django's functions registered again. So these calls run on fixed sets of threads of
their own (one set for sockets, one for pages, so that a burst of page views never
holds up a chat message), each keeping its connection for KEEP_CONNECTION_SECONDS,
after which (or after an error) it opens a fresh one.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from asgiref.sync import sync_to_async
from django.db import DEFAULT_DB_ALIAS, connections

# SQLite takes one writer at a time. On PostgreSQL a second thread lets one call's
# round trip overlap another's work; more threads mostly fight over the GIL (four
# gave a worse p99 than two in bench/chat_latency.py).
POSTGRESQL_THREADS = 2
# Pages are mostly Python under one GIL, so more threads add no throughput; a few
# keep one slow page (a password check, a long search) from holding up the rest.
PAGE_THREADS = 4
KEEP_CONNECTION_SECONDS = 60.0

Result = TypeVar("Result")


@functools.cache
def _executor() -> ThreadPoolExecutor:
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    threads = 1 if vendor == "sqlite" else POSTGRESQL_THREADS
    return ThreadPoolExecutor(max_workers=threads, thread_name_prefix="database")


@functools.cache
def _page_executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=PAGE_THREADS, thread_name_prefix="pages")


def _call_keeping_connection(call: Callable[[], Result]) -> Result:
    connection = connections[DEFAULT_DB_ALIAS]
    # Closes it after an error it did not survive, or once it is old enough.
    connection.close_if_unusable_or_obsolete()
    before = connection.connection
    try:
        return call()
    finally:
        if connection.in_atomic_block:
            # Never hand a half-done transaction to the next call.
            connection.close()
        elif connection.connection is not None and connection.connection is not before:
            connection.close_at = time.monotonic() + KEEP_CONNECTION_SECONDS


async def in_database(call: Callable[[], Result]) -> Result:
    """Run call() on a database thread and return what it returns. Calls run in
    the order they are made only on SQLite (one thread); order them yourself where
    it matters."""
    return await sync_to_async(
        functools.partial(_call_keeping_connection, call),
        thread_sensitive=False,
        executor=_executor(),
    )()


def _call_on_live_connection(call: Callable[[], Result]) -> Result:
    connection = connections[DEFAULT_DB_ALIAS]
    # A page used to get a new connection, so the first one after the database
    # came back worked: check a kept one first (one round trip) to keep it so.
    if connection.connection is not None and not connection.is_usable():
        connection.close()
    return _call_keeping_connection(call)


async def in_page_thread(call: Callable[[], Result]) -> Result:
    """Run call() (a whole page view, middleware included) on a page thread and
    return what it returns."""
    return await sync_to_async(
        functools.partial(_call_on_live_connection, call),
        thread_sensitive=False,
        executor=_page_executor(),
    )()
