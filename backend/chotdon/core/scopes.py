"""What an API key's scopes allow: every router belongs to an area.

Scopes: `read` (GET in the inbox, orders and reports areas), `inbox`, `orders` (read and write
in that area) and `admin` (everything an admin may do, except creating API keys and members:
those need a logged-in person). A router not listed in `AREAS` is in the `admin` area, so a new
domain is closed to narrow keys until it is added here (CONTRIBUTING: "New domains").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

Scope = Literal["read", "inbox", "orders", "admin"]
SCOPES: tuple[str, ...] = ("read", "inbox", "orders", "admin")

# Router module -> area.
AREAS: dict[str, str] = {
    "chotdon.inbox.router": "inbox",
    "chotdon.customers.router": "inbox",
    "chotdon.realtime.router": "inbox",
    "chotdon.orders.router": "orders",
    "chotdon.livestream.router": "orders",
    "chotdon.shipping.router": "orders",
    "chotdon.addresses.router": "orders",
    "chotdon.reports.router": "reports",
    "chotdon.accounts.router": "admin",
    "chotdon.channels.router": "admin",
    "chotdon.channels.facebook.router": "admin",
    "chotdon.working_hours.router": "admin",
}
# Single endpoints outside their router's area ("module.function" -> area).
ENDPOINT_AREAS: dict[str, str] = {
    "chotdon.accounts.router.me": "any",  # an integration checks its key
}
READABLE_AREAS = frozenset({"inbox", "orders", "reports", "any"})
READ_METHODS = frozenset({"GET", "HEAD"})


def area_of(endpoint: Callable[..., Any] | None) -> str:
    if endpoint is None:
        return "admin"
    module = getattr(endpoint, "__module__", "")
    name = f"{module}.{getattr(endpoint, '__name__', '')}"
    return ENDPOINT_AREAS.get(name) or AREAS.get(module, "admin")


def allows(scopes: Iterable[str], area: str, method: str) -> bool:
    """Whether a key with `scopes` may call an endpoint of `area` with `method`."""
    granted = set(scopes)
    if "admin" in granted or (area == "any" and granted):
        return True
    if method.upper() in READ_METHODS and area in READABLE_AREAS:
        return bool(granted)
    return area in granted
