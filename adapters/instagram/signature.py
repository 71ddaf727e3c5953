"""Meta's webhook signature: `X-Hub-Signature-256: sha256=<hex HMAC of the raw body>`."""

import hashlib
import hmac

SIGNATURE_HEADER = "X-Hub-Signature-256"
_PREFIX = "sha256="


def sign(body: bytes, app_secret: str) -> str:
    """Return the header value Meta sends for `body`."""
    return _PREFIX + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, header: str | None, app_secret: str) -> bool:
    """Return True when `header` is the HMAC-SHA256 of the raw `body` under `app_secret`.

    The algorithm is fixed: a header naming any other one (e.g. `sha1=`) is refused.
    """
    if not header or not app_secret or not header.startswith(_PREFIX):
        return False
    return hmac.compare_digest(sign(body, app_secret).encode(), header.strip().encode())
