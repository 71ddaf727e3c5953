"""The web process: webhooks, the playground and health checks on one aiohttp app."""

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from adapters.instagram.routes import InstagramWebhook
from adapters.kakao.parking import MemoryParkedReplies, RedisParkedReplies
from adapters.kakao.routes import KakaoWebhook
from adapters.outbox.queue import SqlOutbox
from adapters.telegram import TelegramWebhook
from adapters.webchat.routes import WebChat
from bots.senders import PushChannels, instagram_enabled, push_channels, telegram_enabled
from bots.settings import Settings
from bots.wiring import Services, build_services
from bots.worker import outbound
from core.errors import StoreUnavailable

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True, slots=True)
class Channels:
    """The request handlers of every channel, built once the services exist."""

    kakao: KakaoWebhook
    webchat: WebChat
    telegram: TelegramWebhook | None
    instagram: InstagramWebhook | None


SERVICES = web.AppKey("services", Services)
CHANNELS = web.AppKey("channels", Channels)


def _channels(services: Services, push: PushChannels, outbox: SqlOutbox) -> Channels:
    settings = services.settings
    say = services.phrases.say
    kakao = KakaoWebhook(
        inbox=services.inbox,
        tasks=services.tasks,
        http=services.http,
        skill_secret=settings.kakao_skill_secret,
        bot_id=settings.kakao_bot_id,
        parked=RedisParkedReplies(services.redis) if services.redis else MemoryParkedReplies(),
        busy_text=say("ko", "kakao.busy"),
        duplicate_text=say("ko", "kakao.duplicate"),
        inline_budget_s=settings.kakao_inline_budget_s,
    )
    telegram = None
    if push.telegram is not None and settings.telegram_webhook_secret:
        telegram = TelegramWebhook(
            inbox=services.inbox,
            outbox=outbox,
            customers=services.engine.customers,
            payloads=push.payloads,
            application=push.telegram,
            secret=settings.telegram_webhook_secret,
            now=services.clock.now,
        )
    instagram = None
    if instagram_enabled(settings) and settings.meta_app_secret and settings.meta_verify_token:
        instagram = InstagramWebhook(
            inbox=services.inbox,
            outbox=outbox,
            transcript=services.engine.transcript,
            app_secret=settings.meta_app_secret,
            verify_token=settings.meta_verify_token,
            now=services.clock.now,
        )
    webchat = WebChat(inbox=services.inbox, demo_customers=services.demo_customers)
    return Channels(kakao=kakao, webchat=webchat, telegram=telegram, instagram=instagram)


def _delegate(pick: Callable[[Channels], Handler | None]) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        chosen = pick(request.app[CHANNELS])
        if chosen is None:
            raise web.HTTPNotFound
        return await chosen(request)

    return handler


def _telegram_update(channels: Channels) -> Handler | None:
    return channels.telegram.handle_update if channels.telegram else None


def _instagram_verify(channels: Channels) -> Handler | None:
    return channels.instagram.verify if channels.instagram else None


def _instagram_event(channels: Channels) -> Handler | None:
    return channels.instagram.handle if channels.instagram else None


async def healthz(_request: web.Request) -> web.Response:
    """Answer while the process is alive."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """Answer 200 when the stores answer, 503 otherwise."""
    try:
        await request.app[SERVICES].ready()
    except (StoreUnavailable, OSError, ConnectionError) as exc:
        return web.json_response({"status": "unavailable", "reason": str(exc)}, status=503)
    return web.json_response({"status": "ready"})


def create_app(settings: Settings) -> web.Application:
    """Return the web application for `settings`; services start with the app.

    Without Redis (embedded) the delivery worker runs in this process too.
    """
    app = web.Application()

    async def lifespan(app: web.Application) -> AsyncIterator[None]:
        async with (
            build_services(settings) as services,
            push_channels(services) as push,
            outbound(settings, services.sessions, push.senders) as out,
        ):
            app[SERVICES] = services
            app[CHANNELS] = _channels(services, push, out.outbox)
            yield

    app.cleanup_ctx.append(lifespan)
    add = app.router
    add.add_get("/", _delegate(lambda c: c.webchat.page))
    add.add_get("/webchat/customers", _delegate(lambda c: c.webchat.customers))
    add.add_post("/webchat/messages", _delegate(lambda c: c.webchat.message))
    add.add_post("/webhooks/kakao", _delegate(lambda c: c.kakao.handle))
    if telegram_enabled(settings):
        add.add_post("/webhooks/telegram", _delegate(_telegram_update))
    if instagram_enabled(settings):
        add.add_get("/webhooks/instagram", _delegate(_instagram_verify))
        add.add_post("/webhooks/instagram", _delegate(_instagram_event))
    add.add_get("/healthz", healthz)
    add.add_get("/readyz", readyz)
    return app
