"""Shopee Open Platform v2 signatures (channels-api.md §1.2, §1.4). Pure.

- API calls: `sign` = lowercase hex HMAC-SHA256(partner_key, partner_id + path + timestamp
  [+ access_token + shop_id]) in the query string, next to `partner_id`, `timestamp` (and
  `access_token`, `shop_id` for shop calls, also on POST).
- Pushes: header `Authorization` = hex HMAC-SHA256(partner_key, callback URL + "|" + raw body).
"""

from __future__ import annotations

import hashlib
import hmac


def api_sign(
    partner_key: str,
    partner_id: int | str,
    path: str,
    timestamp: int,
    access_token: str | None = None,
    shop_id: int | str | None = None,
) -> str:
    base = f"{partner_id}{path}{timestamp}"
    if access_token is not None and shop_id is not None:
        base += f"{access_token}{shop_id}"
    return hmac.new(partner_key.encode(), base.encode(), hashlib.sha256).hexdigest()


def push_sign(partner_key: str, url: str, body: bytes) -> str:
    message = url.encode() + b"|" + body
    return hmac.new(partner_key.encode(), message, hashlib.sha256).hexdigest()


def verify_push(partner_key: str, url: str, body: bytes, header: str | None) -> bool:
    """Constant-time check of a push's `Authorization` header."""
    if not header:
        return False
    expected = push_sign(partner_key, url, body)
    return hmac.compare_digest(
        expected.encode(), header.strip().lower().encode("latin-1", "replace")
    )
