"""What a socket leaves in the channel layer once it is gone.

channels-redis's pub/sub layer unsubscribes a socket's own channel only from the
read that is waiting on it when the socket stops. When an event for the socket
has just arrived (another socket of the room leaving, say), Channels has queued
the next read but not started it when the socket stops; cancelling a read that
never ran skips that clean-up, and the subscription and its queue stay for as
long as the process lives. Sockets of one room closing together hit this every
time. release_channel() finishes the job once the socket's tasks have ended.
"""

from __future__ import annotations

import logging

from channels_redis.pubsub import RedisPubSubChannelLayer

logger = logging.getLogger(__name__)


async def release_channel(layer, channel: str) -> None:
    """Unsubscribe channel and drop it from every group, on a layer that keeps
    per-process subscriptions (channels-redis pub/sub); no-op on other layers.
    Call it once nothing reads the channel any more."""
    if not isinstance(layer, RedisPubSubChannelLayer):
        return
    loop_layer = layer._get_layer()
    try:
        if loop_layer.channels.pop(channel, None) is not None:
            await loop_layer._get_shard(channel).unsubscribe(channel)
        for group_channel, members in list(loop_layer.groups.items()):
            if channel not in members:
                continue
            members.discard(channel)
            if not members and loop_layer.groups.get(group_channel) is members:
                del loop_layer.groups[group_channel]
                await loop_layer._get_shard(group_channel).unsubscribe(group_channel)
    except Exception:
        # Redis may be away; its restart drops every subscription anyway.
        logger.warning("Releasing channel %s failed", channel, exc_info=True)
