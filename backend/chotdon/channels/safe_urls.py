"""Ids from outside and the URLs built from them: one rule for every provider's client.

A provider's id (a sender, a comment, a live video, a shop) arrives in webhook deliveries and API
answers, i.e. from outside. Pasted into a URL path it must never change the host, the path's
depth, the query or the fragment: an id like `../me/accounts`, `//evil.example/x` or
`https://evil.example/` would make our worker call somewhere else with a page or shop token.

Two guards, both needed:
- `external_id(value)` at the parsing edge: an id is a short token of letters, digits, `_` and `-`
  (Facebook's are digits or `digits_digits`, Shopee's digits; simulators and tests use readable
  tokens like `psid-1`). Anything else is refused before it is stored or used.
- `provider_url(base_url, path)` in every provider client: the path is relative, made of safe
  segments, and the resulting URL has the base URL's scheme, host, port and path prefix. Absolute
  URLs, scheme-relative `//host`, backslashes, `.`/`..`, `%`-escapes, `?`, `#` and whitespace are
  refused (query parameters go through the client's `params`, never through the path).
"""

from __future__ import annotations

import re
from typing import Any

import httpx

# An external id: what every provider's ids look like, and nothing a URL parser gives meaning to.
EXTERNAL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")
# A path segment we send: ids plus API words like `subscribed_apps`, `v19.0`, `send_message`.
PATH_SEGMENT = re.compile(r"[A-Za-z0-9_.,-]+")


class UnsafeProviderUrl(ValueError):
    """A path or id that would leave the provider's API (another host, path or query)."""


def is_external_id(value: Any) -> bool:
    """True when `value` is a string that is safe as an id (and so as one URL path segment)."""
    return isinstance(value, str) and EXTERNAL_ID.fullmatch(value) is not None


def external_id(value: Any) -> str:
    """`value` as an id (ints become strings), or `UnsafeProviderUrl`."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not is_external_id(value):
        raise UnsafeProviderUrl(f"not a provider id: {str(value)[:80]!r}")
    return value


def optional_external_id(value: Any) -> str | None:
    """`value` as an id, or None when it is missing or not a safe id."""
    if value is None or value == "":
        return None
    try:
        return external_id(value)
    except UnsafeProviderUrl:
        return None


def provider_url(base_url: str, path: str) -> str:
    """`base_url` + `path`, refusing any path that would reach another host or leave the base.

    `path` is relative to `base_url` (a leading `/` is allowed and means the same); each segment
    must be a plain token (`PATH_SEGMENT`, not `.` or `..`).
    """
    if not isinstance(path, str) or not path:
        raise UnsafeProviderUrl("empty path")
    if "\\" in path or path.startswith("//") or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", path):
        raise UnsafeProviderUrl(f"not a relative path: {path[:80]!r}")
    segments = path.strip("/").split("/")
    for segment in segments:
        if segment in ("", ".", "..") or PATH_SEGMENT.fullmatch(segment) is None:
            raise UnsafeProviderUrl(f"unsafe path segment in {path[:80]!r}")
    base = httpx.URL(base_url.rstrip("/"))
    url = httpx.URL(f"{str(base).rstrip('/')}/{'/'.join(segments)}")
    base_path = base.path.rstrip("/") + "/"
    if (
        url.scheme != base.scheme
        or url.host != base.host
        or url.port != base.port
        or not url.path.startswith(base_path)
        or url.query
        or url.fragment
    ):
        raise UnsafeProviderUrl(f"path leaves {base_url}: {path[:80]!r}")
    return str(url)
