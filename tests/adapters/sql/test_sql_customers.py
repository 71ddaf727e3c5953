"""Customer directory: identities on several channels link to one customer."""

from datetime import UTC, datetime

import pytest
from sql_shop import utc
from sqlalchemy import func, select

from adapters.demo import DemoShop
from adapters.sql import Sessions, SqlCustomerDirectory, import_shop
from adapters.sql.tables import CustomerRow, IdentityRow
from core.models import Channel, ConversationKey

KAKAO = ConversationKey(Channel.KAKAO, "bot9:u1")
TELEGRAM = ConversationKey(Channel.TELEGRAM, "777")


@pytest.fixture
async def directory(sessions: Sessions, shop: DemoShop) -> SqlCustomerDirectory:
    await import_shop(sessions, shop)
    return SqlCustomerDirectory(sessions)


async def identity(sessions: Sessions, key: ConversationKey) -> IdentityRow | None:
    async with sessions() as session:
        return await session.scalar(
            select(IdentityRow).where(
                IdentityRow.channel == key.channel.value, IdentityRow.user_id == key.user_id
            )
        )


async def test_get_returns_the_stored_customer(
    directory: SqlCustomerDirectory, shop: DemoShop
) -> None:
    customer = await directory.get("C-1")
    assert customer == shop.customers[0]
    assert customer is not None
    assert utc(customer.joined_at)
    assert await directory.get("C-404") is None


async def test_two_identities_linked_to_one_customer(
    directory: SqlCustomerDirectory, sessions: Sessions
) -> None:
    assert await directory.by_identity(KAKAO) is None

    await directory.link(KAKAO, "C-1")
    await directory.link(TELEGRAM, "C-1")

    kakao, telegram = await directory.by_identity(KAKAO), await directory.by_identity(TELEGRAM)
    assert kakao is not None
    assert kakao == telegram
    assert kakao.customer_id == "C-1"
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(CustomerRow)) == 2
        linked = select(func.count()).where(IdentityRow.customer_id == "C-1")
        assert await session.scalar(linked) == 2
    row = await identity(sessions, KAKAO)
    assert row is not None
    assert utc(row.linked_at)


async def test_relinking_moves_the_identity_and_unlink_forgets_it(
    directory: SqlCustomerDirectory, sessions: Sessions
) -> None:
    await directory.link(KAKAO, "C-1")
    await directory.link(TELEGRAM, "C-1")
    await directory.link(KAKAO, "C-2")
    moved = await directory.by_identity(KAKAO)
    assert moved is not None
    assert moved.customer_id == "C-2"

    await directory.unlink(KAKAO)
    await directory.unlink(ConversationKey(Channel.WEBCHAT, "never-seen"))

    assert await directory.by_identity(KAKAO) is None
    still = await directory.by_identity(TELEGRAM)
    assert still is not None
    assert still.customer_id == "C-1"
    row = await identity(sessions, KAKAO)
    assert row is not None
    assert (row.customer_id, row.linked_at) == (None, None)


async def test_link_to_an_unknown_customer_is_refused(directory: SqlCustomerDirectory) -> None:
    with pytest.raises(LookupError):
        await directory.link(KAKAO, "C-404")
    assert await directory.by_identity(KAKAO) is None


async def test_marketing_consent_is_kept_on_the_identity_and_the_linked_customer(
    directory: SqlCustomerDirectory, sessions: Sessions
) -> None:
    await directory.set_marketing_consent(TELEGRAM, True)  # not linked: identity only
    unlinked = await identity(sessions, TELEGRAM)
    assert unlinked is not None
    assert (unlinked.customer_id, unlinked.marketing_consent) == (None, True)

    await directory.link(KAKAO, "C-1")
    await directory.set_marketing_consent(KAKAO, False)

    customer = await directory.get("C-1")
    assert customer is not None
    assert customer.marketing_consent is False
    linked = await identity(sessions, KAKAO)
    assert linked is not None
    assert linked.marketing_consent is False
    other = await directory.get("C-2")
    assert other is not None
    assert other.marketing_consent is False  # as imported, untouched


async def test_mark_unreachable_flags_only_that_identity(
    directory: SqlCustomerDirectory, sessions: Sessions
) -> None:
    await directory.link(KAKAO, "C-1")
    await directory.link(TELEGRAM, "C-1")

    await directory.mark_unreachable(KAKAO)

    kakao, telegram = await identity(sessions, KAKAO), await identity(sessions, TELEGRAM)
    assert kakao is not None
    assert telegram is not None
    assert (kakao.unreachable, telegram.unreachable) == (True, False)
    assert kakao.linked_at is not None
    assert kakao.linked_at <= datetime.now(UTC)
