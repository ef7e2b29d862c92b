"""Webhook signatures: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`.

Facebook signs the bytes it sends, which are ASCII-escaped JSON (`\\u00e1`, `\\/`). We verify
against the raw request body, never against re-serialised JSON, and in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any


def sign(body: bytes, secret: str) -> str:
    """The header value Facebook would send for `body`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def sign_sha1(body: bytes, secret: str) -> str:
    """The legacy `X-Hub-Signature` header, still sent alongside."""
    return "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()


def verify(body: bytes, header: str | None, secret: str) -> bool:
    if not header or not header.startswith("sha256="):
        return False
    expected = sign(body, secret)
    return hmac.compare_digest(expected.encode(), header.strip().encode("latin-1", "replace"))


def facebook_json(payload: Any) -> bytes:
    """Serialise like Facebook: ASCII only (`\\uXXXX`, lowercase hex, surrogate pairs), `\\/`."""
    return (
        json.dumps(payload, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/").encode()
    )
