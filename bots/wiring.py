"""Builds every object one process needs, from settings, and closes them again."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import aiohttp
from redis.asyncio import Redis

from adapters.demo.listing import ListedCustomer, list_customers
from adapters.memory import MemoryDeduplicator, MemoryDialogStore
from adapters.redis import RedisDeduplicator, RedisDialogStore
from adapters.sql import (
    Sessions,
    SqlCustomerDirectory,
    SqlEscalationQueue,
    SqlOrderBackend,
    SqlTranscript,
    make_engine,
    make_sessions,
    migrate,
)
from adapters.tasks import TaskRegistry
from bots.llm import build_language_model
from bots.nlu_cli import build_understander
from bots.settings import Settings
from conversations import build_router, load_phrasebook
from core.assist import GroundedAnswerer, IntentSecondOpinion, LanguageModel
from core.engine import ConversationEngine
from core.inbox import Inbox
from core.nlu import CatalogTerm, Understander
from core.orders import Product
from core.phrases import Phrasebook
from core.ports import Deduplicator, DialogStore
from core.voice import Voice


@dataclass(frozen=True, slots=True)
class ShopClock:
    """The wall clock in the shop's time zone."""

    zone: ZoneInfo

    def now(self) -> datetime:
        """Return the current time in the shop's time zone."""
        return datetime.now(self.zone)


@dataclass(frozen=True, slots=True, kw_only=True)
class Services:
    """Everything a web or worker process uses, built once."""

    settings: Settings
    sessions: Sessions
    redis: Redis | None
    store: DialogStore
    dedup: Deduplicator
    phrases: Phrasebook
    engine: ConversationEngine
    inbox: Inbox
    tasks: TaskRegistry
    http: aiohttp.ClientSession
    clock: ShopClock

    async def demo_customers(self) -> list[ListedCustomer]:
        """Return the demo customers the playground offers."""
        return await list_customers(self.sessions, limit=30)

    async def ready(self) -> None:
        """Raise when a store cannot be reached."""
        await self.store.ping()
        async with self.sessions() as session:
            await session.connection()


def catalog_terms(products: list[Product]) -> list[CatalogTerm]:
    """Return the names shoppers may use for each product."""
    return [CatalogTerm(p.product_id, (p.name, p.name_en)) for p in products]


def _second_opinion(model: LanguageModel | None, settings: Settings) -> IntentSecondOpinion | None:
    if model is None:
        return None
    return IntentSecondOpinion(
        model=model, threshold=Understander.LOW_CONFIDENCE, timeout_s=settings.openai_timeout_s
    )


@asynccontextmanager
async def build_services(settings: Settings) -> AsyncIterator[Services]:
    """Build the process's services; close them on exit."""
    await migrate(settings.database_url)
    db = make_engine(settings.database_url)
    sessions = make_sessions(db)
    redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
    store: DialogStore = RedisDialogStore(redis) if redis else MemoryDialogStore()
    dedup: Deduplicator = RedisDeduplicator(redis) if redis else MemoryDeduplicator()
    orders = SqlOrderBackend(sessions)
    understander = build_understander(catalog_terms(await orders.products()))
    phrases = load_phrasebook()
    clock = ShopClock(ZoneInfo(settings.tz_shop))
    model = build_language_model(settings)
    engine = ConversationEngine(
        store=store,
        understanding=understander,
        router=build_router(low_confidence=Understander.LOW_CONFIDENCE),
        orders=orders,
        customers=SqlCustomerDirectory(sessions),
        escalation=SqlEscalationQueue(sessions),
        transcript=SqlTranscript(sessions),
        voice=Voice(phrases),
        clock=clock,
        second_opinion=_second_opinion(model, settings),
        answers=GroundedAnswerer(model=model, timeout_s=settings.openai_timeout_s)
        if model
        else None,
    )
    tasks = TaskRegistry()
    http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
    try:
        yield Services(
            settings=settings,
            sessions=sessions,
            redis=redis,
            store=store,
            dedup=dedup,
            phrases=phrases,
            engine=engine,
            inbox=Inbox(dedup=dedup, engine=engine),
            tasks=tasks,
            http=http,
            clock=clock,
        )
    finally:
        await tasks.aclose()
        await http.close()
        if redis is not None:
            await redis.aclose()
        if model is not None:
            await model.aclose()
        await db.dispose()
