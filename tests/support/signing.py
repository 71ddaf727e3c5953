"""Request headers that platforms sign their webhooks with, computed independently of adapters."""

import hashlib
import hmac


def meta_headers(body: bytes, app_secret: str) -> dict[str, str]:
    """Return the headers Meta sends with a webhook `body` signed by `app_secret`."""
    digest = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={digest}"}
