"""Lazada Open Platform signatures (channels-api.md §3.2, §3.4). Pure.

- API calls: `sign` = upper-case hex HMAC-SHA256(app_secret, api path + every parameter but
  `sign` sorted by name as `name + value`), sent with the other parameters.
- Pushes (LPM): header `Authorization` = hex HMAC-SHA256(app_secret, app_key + raw body);
  Lazada's sample is lower case, compared case-insensitively.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any


def sign_base(path: str, params: Mapping[str, Any]) -> str:
    return path + "".join(f"{k}{params[k]}" for k in sorted(params) if k != "sign")


def api_sign(app_secret: str, path: str, params: Mapping[str, Any]) -> str:
    base = sign_base(path, params)
    return hmac.new(app_secret.encode(), base.encode(), hashlib.sha256).hexdigest().upper()


def push_sign(app_secret: str, app_key: str, body: bytes) -> str:
    return hmac.new(app_secret.encode(), app_key.encode() + body, hashlib.sha256).hexdigest()


def verify_push(app_secret: str, app_key: str, body: bytes, header: str | None) -> bool:
    """Constant-time check of a push's `Authorization` header (any hex case)."""
    if not header:
        return False
    expected = push_sign(app_secret, app_key, body)
    return hmac.compare_digest(
        expected.encode(), header.strip().lower().encode("latin-1", "replace")
    )
