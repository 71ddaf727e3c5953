"""python-telegram-bot's transport over aiohttp: PTB's default httpx pool is slow here."""

from typing import Final

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DEFAULT_TIMEOUT_S: Final = 5.0
MEDIA_WRITE_TIMEOUT_S: Final = 20.0


class AiohttpRequest(BaseRequest):
    """A `telegram.request.BaseRequest` that talks to the Bot API through one aiohttp session.

    The session is opened by `initialize()` and closed by `shutdown()`, which PTB's `Bot` and
    `Application` call from their own lifecycles. aiohttp has no separate write timeout: a
    request's total time is bounded by the sum of its connect, pool, write and read timeouts.
    """

    __slots__ = ("_defaults", "_limit", "_session")

    def __init__(
        self,
        *,
        connection_pool_size: int = 64,
        connect_timeout: float | None = DEFAULT_TIMEOUT_S,
        read_timeout: float | None = DEFAULT_TIMEOUT_S,
        write_timeout: float | None = DEFAULT_TIMEOUT_S,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._limit = connection_pool_size
        self._defaults = (connect_timeout, read_timeout, write_timeout, pool_timeout)
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """Return the default read timeout in seconds."""
        return self._defaults[1]

    async def initialize(self) -> None:
        """Open the session (idempotent)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._limit),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        """Close the session (idempotent)."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one request and return its status and body; raise `TimedOut`/`NetworkError`."""
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        connect, read, write, pool = self._defaults
        if request_data is not None and request_data.contains_files:
            write = MEDIA_WRITE_TIMEOUT_S
        timeout = _client_timeout(
            _chosen(connect_timeout, connect),
            _chosen(read_timeout, read),
            _chosen(write_timeout, write),
            _chosen(pool_timeout, pool),
        )
        try:
            async with self._session.request(
                method, url, data=_body(request_data), timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc


def _chosen(given: object, default: float | None) -> float | None:
    # PTB passes a DefaultValue when the caller did not set the timeout.
    return given if isinstance(given, int | float | None) else default


def _client_timeout(
    connect: float | None, read: float | None, write: float | None, pool: float | None
) -> aiohttp.ClientTimeout:
    parts = (connect, read, write, pool)
    total = None if None in parts else sum(p for p in parts if p is not None)
    return aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)


def _body(request_data: RequestData | None) -> aiohttp.FormData | None:
    # Encoded as PTB's own transport does: url-encoded fields, multipart when files are sent.
    if request_data is None:
        return None
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
