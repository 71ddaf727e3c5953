"""The outbox rows: recorded once, claimed by one worker at a time, leases that expire."""

import asyncio
from dataclasses import replace
from datetime import timedelta

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from outbox_doubles import T0, delivery, row

from adapters.outbox.store import SqlOutboxStore
from adapters.outbox.table import OutboxRow
from adapters.sql import Sessions, make_engine
from adapters.sql.tables import Base


async def test_recording_the_same_id_twice_keeps_one_row(
    store: SqlOutboxStore, sessions: Sessions
) -> None:
    assert await store.record(delivery("d-1")) is True
    assert await store.record(delivery("d-1")) is False

    saved = await row(sessions, "d-1")
    assert (saved.status, saved.attempts, saved.channel, saved.user_id) == (
        "pending",
        0,
        "telegram",
        "42",
    )


async def test_a_claim_returns_the_recorded_delivery(store: SqlOutboxStore) -> None:
    await store.record(delivery("d-1"))

    claim = await store.claim("d-1", T0, lease_s=30)

    assert claim is not None
    assert claim.delivery == delivery("d-1")
    assert claim.attempt == 1


async def test_of_two_concurrent_claims_exactly_one_wins(
    store: SqlOutboxStore, sessions: Sessions
) -> None:
    await store.record(delivery("d-1"))

    claims = await asyncio.gather(*(store.claim("d-1", T0, 30) for _ in range(2)))

    assert sum(claim is not None for claim in claims) == 1
    saved = await row(sessions, "d-1")
    assert (saved.status, saved.attempts) == ("sending", 1)
    assert saved.claimed_until == T0 + timedelta(seconds=30)


async def test_a_lease_blocks_others_until_it_expires(store: SqlOutboxStore) -> None:
    await store.record(delivery("d-1"))
    await store.claim("d-1", T0, lease_s=30)

    assert await store.claim("d-1", T0 + timedelta(seconds=29), 30) is None
    again = await store.claim("d-1", T0 + timedelta(seconds=31), 30)

    assert again is not None
    assert again.attempt == 2


async def test_sent_and_failed_deliveries_are_never_claimed_again(
    store: SqlOutboxStore, sessions: Sessions
) -> None:
    for delivery_id in ("sent", "failed"):
        await store.record(delivery(delivery_id))
        await store.claim(delivery_id, T0, 30)
    await store.mark_sent("sent", T0)
    await store.mark_failed("failed", "bot was blocked by the user")

    later = T0 + timedelta(hours=1)
    assert await store.claim("sent", later, 30) is None
    assert await store.claim("failed", later, 30) is None
    sent, failed = await row(sessions, "sent"), await row(sessions, "failed")
    assert (sent.status, sent.sent_at, sent.claimed_until) == ("sent", T0, None)
    assert (failed.status, failed.last_error) == ("failed", "bot was blocked by the user")


async def test_a_released_delivery_is_claimable_from_not_before(
    store: SqlOutboxStore, sessions: Sessions
) -> None:
    await store.record(delivery("d-1"))
    await store.claim("d-1", T0, 30)
    due = T0 + timedelta(seconds=5)

    await store.release("d-1", "HTTP 502", due)

    saved = await row(sessions, "d-1")
    assert (saved.status, saved.last_error, saved.not_before) == ("pending", "HTTP 502", due)
    assert await store.claim("d-1", due - timedelta(seconds=1), 30) is None
    claim = await store.claim("d-1", due, 30)
    assert claim is not None
    assert claim.attempt == 2


async def test_a_postponed_claim_gives_its_attempt_back(
    store: SqlOutboxStore, sessions: Sessions
) -> None:
    await store.record(delivery("d-1"))
    await store.claim("d-1", T0, 30)

    await store.postpone("d-1", T0 + timedelta(seconds=2))

    saved = await row(sessions, "d-1")
    assert (saved.status, saved.attempts) == ("pending", 0)
    assert await store.claim("d-1", T0 + timedelta(seconds=1), 30) is None


async def test_stranded_lists_only_overdue_pending_and_expired_leases(
    store: SqlOutboxStore,
) -> None:
    for delivery_id in ("lost", "leased", "expired", "sent", "retry-later"):
        await store.record(delivery(delivery_id))
    now = T0 + timedelta(seconds=60)
    await store.claim("leased", now, 30)
    await store.claim("expired", T0, 30)
    await store.claim("sent", T0, 30)
    await store.mark_sent("sent", T0)
    await store.claim("retry-later", T0, 30)
    await store.release("retry-later", "429", now + timedelta(seconds=10))
    await store.record(replace(delivery("fresh"), created_at=now))

    assert set(await store.stranded(now, grace_s=30, limit=10)) == {"lost", "expired"}


async def test_the_migration_creates_the_outbox_the_model_describes(
    db_url: str, sessions: Sessions
) -> None:
    engine = make_engine(db_url)
    async with engine.connect() as connection:
        differences = await connection.run_sync(
            lambda c: compare_metadata(MigrationContext.configure(c), Base.metadata)
        )
    await engine.dispose()
    assert OutboxRow.__tablename__ in Base.metadata.tables
    assert [d for d in differences if "outbox" in repr(d)] == []
