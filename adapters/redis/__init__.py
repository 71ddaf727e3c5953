"""Stores behind core's ports on a shared Redis, for many web and worker processes."""

from adapters.redis.dedup import RedisDeduplicator
from adapters.redis.dialog_store import RedisDialogStore
from adapters.redis.keys import RedisKeys

__all__ = ["RedisDeduplicator", "RedisDialogStore", "RedisKeys"]
