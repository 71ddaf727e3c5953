"""`OutboxDispatcher`: one delivery attempt — claim, throttle, send, record the outcome."""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from adapters.outbox.ratelimit import RateLimiter
from adapters.outbox.retry import RetryPolicy
from adapters.outbox.store import Claim, SqlOutboxStore
from adapters.sql.tables import utc_now
from core.models import Channel
from core.outbound import PermanentSendError, Sender, TransientSendError

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    """What one `deliver` call did."""

    SENT = "sent"
    FAILED = "failed"
    RETRY = "retry"
    SKIPPED = "skipped"  # not claimable: done already, leased by another worker, or not due


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    """The outcome; `retry_in` seconds until the delivery is due again when it is RETRY."""

    outcome: Outcome
    retry_in: float | None = None


class OutboxDispatcher:
    """Delivers recorded deliveries through the sender of their channel."""

    def __init__(
        self,
        *,
        store: SqlOutboxStore,
        senders: Mapping[Channel, Sender],
        limiter: RateLimiter,
        retry: RetryPolicy,
        now: Callable[[], datetime] = utc_now,
        lease_s: float = 60.0,
        max_throttle_s: float = 10.0,
    ) -> None:
        self._store = store
        self._senders = senders
        self._limiter = limiter
        self._retry = retry
        self._now = now
        self._lease_s = lease_s
        self._max_throttle_s = max_throttle_s

    async def deliver(self, delivery_id: str) -> DeliveryOutcome:
        """Make one attempt at `delivery_id`; safe to call twice or from two workers at once.

        A longer rate-limit wait than `max_throttle_s` hands the claim back instead of
        sitting on it, so a wait never outlives the lease.
        """
        claim = await self._store.claim(delivery_id, self._now(), self._lease_s)
        if claim is None:
            return DeliveryOutcome(Outcome.SKIPPED)
        key = claim.delivery.key
        sender = self._senders.get(key.channel)
        if sender is None:
            return await self._fail(delivery_id, f"no sender for channel {key.channel}")
        if claim.attempt > self._retry.max_attempts:  # its workers kept dying mid-send
            return await self._fail(delivery_id, f"abandoned after {claim.attempt - 1} attempts")
        wait = await self._limiter.acquire(key.channel, key.user_id, self._max_throttle_s)
        if wait > 0:
            await self._store.postpone(delivery_id, self._after(wait))
            return DeliveryOutcome(Outcome.RETRY, wait)
        return await self._send(sender, claim)

    async def _send(self, sender: Sender, claim: Claim) -> DeliveryOutcome:
        delivery_id = claim.delivery.delivery_id
        try:
            await sender.send(claim.delivery)
        except PermanentSendError as exc:
            return await self._fail(delivery_id, f"permanent: {exc}")
        except TransientSendError as exc:
            if exc.retry_after is not None:
                await self._limiter.pause(claim.delivery.key.channel, exc.retry_after)
            return await self._retry_later(claim, str(exc), exc.retry_after)
        except Exception as exc:  # a sender bug must not strand the delivery in "sending"
            logger.exception("Sender failed unexpectedly", extra={"delivery_id": delivery_id})
            return await self._retry_later(claim, f"unexpected: {exc!r}", None)
        await self._store.mark_sent(delivery_id, self._now())
        return DeliveryOutcome(Outcome.SENT)

    async def _retry_later(
        self, claim: Claim, error: str, retry_after: float | None
    ) -> DeliveryOutcome:
        delay = self._retry.delay(claim.attempt, retry_after)
        if delay is None:
            return await self._fail(
                claim.delivery.delivery_id, f"gave up after {claim.attempt} attempts: {error}"
            )
        await self._store.release(claim.delivery.delivery_id, error, self._after(delay))
        return DeliveryOutcome(Outcome.RETRY, delay)

    async def _fail(self, delivery_id: str, reason: str) -> DeliveryOutcome:
        logger.warning("Delivery failed: %s", reason, extra={"delivery_id": delivery_id})
        await self._store.mark_failed(delivery_id, reason)
        return DeliveryOutcome(Outcome.FAILED)

    def _after(self, seconds: float) -> datetime:
        return self._now() + timedelta(seconds=seconds)
