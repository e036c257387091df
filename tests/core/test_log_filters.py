"""Repeated errors (channels-redis retrying while Redis is away) are logged at most
once a minute, and the next one says how many were held back."""

import logging
import time

from core.log_filters import QuietRepeats


def records(logger_name: str, message: str, count: int) -> list[logging.LogRecord]:
    return [
        logging.LogRecord(logger_name, logging.ERROR, __file__, 1, message, None, None)
        for _ in range(count)
    ]


def test_a_repeated_message_passes_once_a_period_and_counts_the_rest():
    quiet = QuietRepeats(seconds=0.2)
    passed = [quiet.filter(r) for r in records("redis", "receive failed", 5)]
    assert passed == [True, False, False, False, False]
    time.sleep(0.25)
    [later] = records("redis", "receive failed", 1)
    assert quiet.filter(later)
    assert later.getMessage() == "receive failed (and 4 more like it since)"


def test_different_messages_and_loggers_are_not_held_back_by_each_other():
    quiet = QuietRepeats(seconds=60)
    first, other_message, other_logger = (
        records("redis", "receive failed", 1)
        + records("redis", "clean-up failed", 1)
        + records("elsewhere", "receive failed", 1)
    )
    assert quiet.filter(first)
    assert quiet.filter(other_message)
    assert quiet.filter(other_logger)


def test_the_setting_attaches_the_filter_to_channels_redis():
    logger = logging.getLogger("channels_redis.pubsub")
    assert any(isinstance(f, QuietRepeats) for f in logger.filters)
