"""The web process: webhooks, the playground and health checks on one aiohttp app."""

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from adapters.kakao.routes import KakaoWebhook
from adapters.webchat.routes import WebChat
from bots.settings import Settings
from bots.wiring import Services, build_services
from core.errors import StoreUnavailable

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True, slots=True)
class Channels:
    """The request handlers of every channel, built once the services exist."""

    kakao: KakaoWebhook
    webchat: WebChat


SERVICES = web.AppKey("services", Services)
CHANNELS = web.AppKey("channels", Channels)


def _channels(services: Services) -> Channels:
    settings = services.settings
    say = services.phrases.say
    kakao = KakaoWebhook(
        inbox=services.inbox,
        tasks=services.tasks,
        http=services.http,
        skill_secret=settings.kakao_skill_secret,
        bot_id=settings.kakao_bot_id,
        busy_text=say("ko", "kakao.busy"),
        duplicate_text=say("ko", "kakao.duplicate"),
        inline_budget_s=settings.kakao_inline_budget_s,
    )
    webchat = WebChat(inbox=services.inbox, demo_customers=services.demo_customers)
    return Channels(kakao=kakao, webchat=webchat)


def _delegate(pick: Callable[[Channels], Handler]) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        return await pick(request.app[CHANNELS])(request)

    return handler


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
    """Return the web application for `settings`; services start with the app."""
    app = web.Application()

    async def lifespan(app: web.Application) -> AsyncIterator[None]:
        async with build_services(settings) as services:
            app[SERVICES] = services
            app[CHANNELS] = _channels(services)
            yield

    app.cleanup_ctx.append(lifespan)
    app.router.add_get("/", _delegate(lambda c: c.webchat.page))
    app.router.add_get("/webchat/customers", _delegate(lambda c: c.webchat.customers))
    app.router.add_post("/webchat/messages", _delegate(lambda c: c.webchat.message))
    app.router.add_post("/webhooks/kakao", _delegate(lambda c: c.kakao.handle))
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    return app
