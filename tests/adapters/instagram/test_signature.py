import hashlib
import hmac

import pytest

from adapters.instagram.signature import verify_signature
from tests.support.signing import meta_headers

SECRET = "app-secret"
BODY = '{"object":"instagram","entry":[{"messaging":[{"message":{"text":"안녕"}}]}]}'.encode()


def test_signature_accepted_when_signed_with_app_secret() -> None:
    header = meta_headers(BODY, SECRET)["X-Hub-Signature-256"]
    assert verify_signature(BODY, header, SECRET)


@pytest.mark.parametrize(
    "header",
    [
        meta_headers(BODY, "another-secret")["X-Hub-Signature-256"],
        meta_headers(BODY + b" ", SECRET)["X-Hub-Signature-256"],
        "sha256=" + "0" * 64,
        "sha1=" + hmac.new(SECRET.encode(), BODY, hashlib.sha1).hexdigest(),
        meta_headers(BODY, SECRET)["X-Hub-Signature-256"].removeprefix("sha256="),
        "sha256=",
        "",
        None,
    ],
    ids=[
        "other-secret",
        "body-changed",
        "zeros",
        "sha1",
        "no-prefix",
        "empty-hex",
        "empty",
        "missing",
    ],
)
def test_signature_refused_when_forged_or_missing(header: str | None) -> None:
    assert not verify_signature(BODY, header, SECRET)


def test_signature_refused_when_no_secret_configured() -> None:
    assert not verify_signature(BODY, meta_headers(BODY, "")["X-Hub-Signature-256"], "")
