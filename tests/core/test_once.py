import threading
import time

import pytest

from core.once import once


def test_the_value_is_built_on_first_use_and_kept():
    builds = []

    @once
    def answer():
        builds.append(1)
        return 42

    assert not answer.ready
    assert answer() == 42 and answer() == 42
    assert answer.ready and len(builds) == 1


def test_callers_that_come_while_it_is_being_built_wait_for_it():
    builds = []

    @once
    def slow():
        builds.append(1)
        time.sleep(0.2)
        return object()

    results = []
    callers = [
        threading.Thread(target=lambda: results.append(slow())) for _ in range(4)
    ]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    assert len(builds) == 1
    assert len(results) == 4 and all(value is results[0] for value in results)


def test_a_failed_build_is_tried_again_by_the_next_caller():
    attempts = []

    @once
    def flaky():
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("not yet")
        return "built"

    with pytest.raises(OSError):
        flaky()
    assert not flaky.ready
    assert flaky() == "built" and len(attempts) == 2
