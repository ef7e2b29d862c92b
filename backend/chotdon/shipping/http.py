"""The HTTP client the carrier adapters share: one pooled httpx client per base URL."""

from __future__ import annotations

import httpx

from chotdon.shipping.carrier import CarrierError

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
