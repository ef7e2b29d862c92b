"""The HTTP client the carrier adapters share: one pooled httpx client per base URL."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

import httpx

from chotdon.shipping.carrier import CarrierError

T = TypeVar("T")
R = TypeVar("R")

_clients: dict[str, httpx.AsyncClient] = {}


def client_for(base_url: str) -> httpx.AsyncClient:
    client = _clients.get(base_url)
    if client is None or client.is_closed:
        client = _clients[base_url] = httpx.AsyncClient(
            base_url=base_url, timeout=httpx.Timeout(15.0, connect=5.0)
        )
    return client


async def close_clients() -> None:
    for client in list(_clients.values()):
        await client.aclose()
    _clients.clear()


def unreachable(carrier: str, exc: Exception) -> CarrierError:
    return CarrierError("carrier_unreachable", f"{carrier}: {type(exc).__name__}")


def json_of(carrier: str, response: httpx.Response) -> dict | list:  # type: ignore[type-arg]
    try:
        return response.json()  # type: ignore[no-any-return]
    except ValueError:
        raise CarrierError(
            "carrier_error", f"{carrier}: HTTP {response.status_code} without JSON"
        ) from None


async def gather_limited(
    call: Callable[[T], Awaitable[R]], items: Sequence[T], at_once: int
) -> list[R]:
    """`call` on every item, at most `at_once` running, results in the items' order."""
    gate = asyncio.Semaphore(at_once)

    async def one(item: T) -> R:
        async with gate:
            return await call(item)

    return list(await asyncio.gather(*(one(i) for i in items)))
