"""The Lazada simulator as a real HTTP server, and helpers to make things happen on Lazada.

    from support.lazada import lazada, lazada_server  # noqa: F401  (pytest fixtures)

    async def test_buyer_message(lazada, run_jobs):
        seller = await lazada.connect()          # OAuth through the simulator's consent page
        await lazada.sim.buyer_writes(seller, "Shop ơi còn hàng không?", buyer_id=101)
        await run_jobs()

`lazada_server` (session): `chotdon.channels.lazada.simulator` in a thread on a free port.
`lazada` (per test): points `LAZADA_API_URL` / `LAZADA_AUTH_URL` at it and `PUBLIC_URL` at
`app_server`, aims the simulator's pushes at `/webhooks/lazada` (retries 0.05 s apart instead
of 30 min), and gives `sim` (control client), `tenant` and `connect()`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit

import httpx
import pytest

from support.simulator import AppServer
from support.threaded import OAuthWorld, SimControl, ThreadedSimulator, serving, simulated


class LazadaServer(ThreadedSimulator):
    name = "Lazada simulator"

    def make_app(self) -> Any:
        from chotdon.channels.lazada.simulator.app import Config, create_simulator_app
        from chotdon.core.settings import get_settings

        s = get_settings()
        return create_simulator_app(
            Config(app_key=s.lazada_app_key, app_secret=s.lazada_app_secret)
        )


@dataclass
class SimSeller:
    seller_id: int
    name: str


class LazadaSim(SimControl):
    """Async client of the simulator's control API (`/_sim/...`)."""

    label = "lazada simulator"

    async def create_seller(self, name: str = "Lazada Shop Test") -> SimSeller:
        body = await self.call("POST", "/sellers", json={"name": name})
        return SimSeller(body["seller_id"], body["name"])

    async def buyer_writes(
        self,
        seller: SimSeller,
        text: str | None = None,
        *,
        buyer_id: int | None = None,
        name: str = "t***n",
        template_id: int | None = None,
        content: dict[str, Any] | None = None,
        ago_seconds: float = 0,
        push: bool = True,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "seller_id": seller.seller_id,
            "buyer_id": buyer_id,
            "name": name,
            "text": text,
            "ago_seconds": ago_seconds,
            "push": push,
        }
        if template_id:
            body["template_id"] = template_id
            body["content"] = content or {}
        return await self.call("POST", "/buyer_writes", json=body)

    async def shop_writes(
        self, seller: SimSeller, buyer_id: int, text: str, *, name: str = "k***h"
    ) -> dict[str, Any]:
        body = {"seller_id": seller.seller_id, "buyer_id": buyer_id, "text": text, "name": name}
        return await self.call("POST", "/shop_writes", json=body)

    async def buyer_reads(self, seller: SimSeller, buyer_id: int) -> str:
        body = {"seller_id": seller.seller_id, "buyer_id": buyer_id}
        return (await self.call("POST", "/buyer_reads", json=body))["push"]

    async def buyer_orders(self, seller: SimSeller, buyer_id: int) -> None:
        await self.call(
            "POST", "/buyer_orders", json={"seller_id": seller.seller_id, "buyer_id": buyer_id}
        )

    async def expire_token(self, seller: SimSeller) -> None:
        await self.call("POST", f"/sellers/{seller.seller_id}/expire_token")

    async def revoke(self, seller: SimSeller) -> None:
        await self.call("POST", f"/sellers/{seller.seller_id}/revoke")

    async def sent(self, seller: SimSeller) -> list[dict[str, Any]]:
        return await self.call("GET", "/sent", params={"seller_id": seller.seller_id})

    async def approve(self, authorize_url: str, seller: SimSeller) -> str:
        """What the seller does on Lazada's consent page: returns our callback URL."""
        return await self.consent(authorize_url, f"seller_id={seller.seller_id}")


@pytest.fixture(scope="session")
def lazada_server() -> Iterator[LazadaServer]:
    yield from serving(LazadaServer())


@dataclass
class LazadaWorld(OAuthWorld):
    provider: ClassVar[str] = "lazada"

    async def callback(self, callback_url: str, tenant: Any | None = None) -> httpx.Response:
        parts = urlsplit(callback_url)
        return await (tenant or self.tenant).client.get(f"{parts.path}?{parts.query}")

    async def connect(self, name: str = "Lazada Shop Test", tenant: Any | None = None) -> SimSeller:
        """A simulated seller connected through the real OAuth flow (consent page, callback)."""
        seller = await self.sim.create_seller(name)
        await self.connect_through(f"seller_id={seller.seller_id}", tenant)
        return seller


@pytest.fixture
async def lazada(
    lazada_server: LazadaServer, app_server: AppServer, tenant: Any, monkeypatch: Any
) -> AsyncIterator[LazadaWorld]:
    from chotdon.channels.lazada import client as lazada_client

    async with simulated(
        LazadaSim,
        lazada_server,
        app_server,
        monkeypatch,
        provider="lazada",
        urls={"LAZADA_API_URL": "{url}/rest", "LAZADA_AUTH_URL": "{url}"},
        config={
            "signature_mode": "ok",
            "push_retries": 12,
            "push_retry_interval": 0.05,
            "fail_next_deliveries": 0,
            "echo_api_sends": True,
            "rate_limit_next": 0,
            "lose_next_refresh_answers": 0,
            "enforce_initiated_rules": True,
            "initiated_daily_limit": 5,
        },
        client=lambda s: lazada_client.LazadaClient(
            s.lazada_api_url, s.lazada_auth_url, s.lazada_app_key, s.lazada_app_secret, backoff=0.01
        ),
        use_client=lazada_client.set_lazada,
    ) as sim:
        yield LazadaWorld(sim, tenant, app_server.url)
