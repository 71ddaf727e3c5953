"""Our small aiohttp client for the Graph API Send API, and its one error mapping."""

import json
from collections.abc import Mapping
from typing import Any, Final

import aiohttp

from core.outbound import PermanentSendError, SendError, TransientSendError

RATE_LIMIT_CODES: Final = frozenset({4, 17, 32, 613})
PERMANENT_CODES: Final = {
    10: "permission denied or outside the messaging window",
    551: "this person isn't available right now",
}
NO_MATCHING_USER: Final = (100, 2018001)


class GraphClient:
    """Sends Send API messages; the access token goes in the `access_token` query parameter.

    That is how Meta documents `graph.facebook.com/{version}/me/messages`. The token never
    appears in an error message or a log line of ours.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        base_url: str,
        version: str,
        access_token: str,
        timeout: float = 10.0,
    ) -> None:
        self._session = session
        self._url = f"{base_url.rstrip('/')}/{version}/me/messages"
        self._params = {"access_token": access_token}
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def send_message(self, body: Mapping[str, Any]) -> None:
        """POST one Send API body, once.

        Raises:
            TransientSendError: rate limits, 5xx, timeouts and connection failures.
            PermanentSendError: every other refusal.
        """
        try:
            async with self._session.post(
                self._url, json=body, params=self._params, timeout=self._timeout
            ) as response:
                text = await response.text(errors="replace")  # read: keeps the connection
                if response.status >= 300:
                    raise graph_error(response.status, response.headers, text)
        except TimeoutError as exc:
            raise TransientSendError("Graph API timed out") from exc
        except aiohttp.ClientError as exc:
            raise TransientSendError(f"Graph API unreachable: {type(exc).__name__}") from exc


def graph_error(status: int, headers: Mapping[str, str], text: str) -> SendError:
    """Return the send error for a failed Graph API response."""
    error = _json(text).get("error")
    error = error if isinstance(error, Mapping) else {}
    code, subcode = _int(error.get("code")), _int(error.get("error_subcode"))
    detail = f"Graph API {status}, code {code}, subcode {subcode}: {error.get('message', '')}"
    if status == 429 or code in RATE_LIMIT_CODES:
        return TransientSendError(f"rate limited; {detail}", retry_after=_seconds(headers))
    if status >= 500 or error.get("is_transient") is True:
        return TransientSendError(detail, retry_after=_seconds(headers))
    if (code, subcode) == NO_MATCHING_USER:
        return PermanentSendError(f"no matching Instagram user; {detail}")
    if code in PERMANENT_CODES:
        return PermanentSendError(f"{PERMANENT_CODES[code]}; {detail}")
    return PermanentSendError(detail)


def _seconds(headers: Mapping[str, str]) -> float | None:
    try:
        value = float(headers.get("Retry-After", ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _json(text: str) -> Mapping[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, Mapping) else {}
