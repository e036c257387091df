"""Kindred's ASGI application as the chat benchmark serves it.

Unchanged, except that the per-socket flood limits of the room socket are raised:
a steady load of several messages a second per socket is what is being measured, and
the limit check itself still runs on every frame. KINDRED_BENCH_LAYER, when set,
names the channels-redis layer class to use instead of the configured one (for
comparing layers with the same settings). Its channels carry a prefix of their
own (KINDRED_BENCH_RUN), so that a run never hears another Kindred on the same
Redis, nor is heard by it.
"""

import os

from django.conf import settings

from kindred.asgi import application  # noqa: F401
from support.consumers import RoomConsumer

RoomConsumer.frame_limit = (100_000, 10.0)
RoomConsumer.message_limit = (100_000, 10.0)

_layer = os.environ.get("KINDRED_BENCH_LAYER")
_config = dict(settings.CHANNEL_LAYERS["default"].get("CONFIG", {}))
if "hosts" in _config:
    _config["prefix"] = f"kindred-bench-{os.environ.get('KINDRED_BENCH_RUN', '0')}"
    settings.CHANNEL_LAYERS["default"] = {
        **settings.CHANNEL_LAYERS["default"],
        "CONFIG": _config,
    }
if _layer and _layer != settings.CHANNEL_LAYERS["default"]["BACKEND"]:
    config = dict(_config)
    if _layer.endswith(".core.RedisChannelLayer"):
        # The core layer keeps a queue per channel: the sizes Kindred once used.
        config.update(capacity=1000, expiry=60)
    settings.CHANNEL_LAYERS["default"] = {"BACKEND": _layer, "CONFIG": config}
