"""TikTok Shop Partner API signatures (channels-api.md §2.2, §2.4). Pure.

- API calls: `sign` = hex HMAC-SHA256(app_secret, app_secret + path + sorted `key+value` of
  the query (without `sign`, `access_token`, `x-tts-access-token`; array values skipped)
  [+ the raw body when the method is not GET and the body is not multipart] + app_secret).
- Webhooks: header `Authorization` = hex HMAC-SHA256(app_secret, app_key + raw body).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

UNSIGNED_PARAMS = frozenset({"sign", "access_token", "x-tts-access-token"})


def _hmac(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def api_sign(app_secret: str, path: str, params: Mapping[str, Any], body: bytes = b"") -> str:
    """The `sign` query parameter of a call to `path` with `params` (and a JSON `body`)."""
    pairs = "".join(
        f"{key}{value}"
        for key, value in sorted(params.items())
        if key not in UNSIGNED_PARAMS and not isinstance(value, list | tuple)
    )
    message = app_secret.encode() + path.encode() + pairs.encode() + body + app_secret.encode()
    return _hmac(app_secret, message)


def webhook_sign(app_key: str, app_secret: str, body: bytes) -> str:
    return _hmac(app_secret, app_key.encode() + body)


def verify_webhook(app_key: str, app_secret: str, body: bytes, header: str | None) -> bool:
    """Constant-time check of a webhook's `Authorization` header."""
    if not header:
        return False
    expected = webhook_sign(app_key, app_secret, body)
    return hmac.compare_digest(
        expected.encode(), header.strip().lower().encode("latin-1", "replace")
    )
