"""Translation of Redis connection failures into the core's error."""

from collections.abc import Iterator
from contextlib import contextmanager

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from core.errors import StoreUnavailable


@contextmanager
def unavailable_on_failure() -> Iterator[None]:
    """Raise StoreUnavailable when Redis cannot be reached or does not answer in time."""
    try:
        yield
    except (RedisConnectionError, RedisTimeoutError) as exc:
        raise StoreUnavailable(f"redis: {exc}") from exc
