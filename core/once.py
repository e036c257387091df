"""Values built once per process, on first use."""

import threading
from functools import update_wrapper


class once:  # noqa: N801 - used as a decorator, like functools.cache
    """build() runs the first time the value is asked for; a caller that comes while
    it is being built waits for it rather than building it again."""

    def __init__(self, build):
        self._build = build
        self._lock = threading.Lock()
        self._value = None
        self._built = False
        update_wrapper(self, build)

    def __call__(self):
        with self._lock:
            if not self._built:
                self._value = self._build()
                self._built = True
            return self._value

    @property
    def ready(self) -> bool:
        return self._built
