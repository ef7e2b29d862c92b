"""The Shopee simulator as a real HTTP server, and helpers to make things happen on Shopee.

    from support.shopee import shopee, shopee_server  # noqa: F401  (pytest fixtures)

    async def test_buyer_message(shopee, run_jobs):
        shop = await shopee.connect()            # OAuth through the simulator's consent page
        await shopee.sim.buyer_writes(shop, "Shop ơi còn hàng không?", buyer_id=101)
        await run_jobs()

`shopee_server` (session): `chotdon.channels.shopee.simulator` in a thread on a free port.
`shopee` (per test): points `SHOPEE_API_URL` at it and `PUBLIC_URL` at `app_server` (Shopee
signs pushes over our public URL), aims the simulator's pushes at `/webhooks/shopee`, and gives
`sim` (control client), `tenant` and `connect()`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from support.simulator import AppServer
from support.threaded import OAuthWorld, SimControl, ThreadedSimulator, serving, simulated


class ShopeeServer(ThreadedSimulator):
    name = "shopee-sim"

    def make_app(self) -> Any:
        from chotdon.channels.shopee.simulator.app import Config, create_simulator_app
        from chotdon.core.settings import get_settings

        s = get_settings()
        config = Config(partner_id=s.shopee_partner_id, partner_key=s.shopee_partner_key)
        return create_simulator_app(config)


@dataclass
class SimShop:
    shop_id: int
    name: str


class ShopeeSim(SimControl):
    """Async client of the simulator's control API (`/_sim/...`)."""

    label = "shopee simulator"

    async def create_shop(self, name: str = "Shopee Shop Test") -> SimShop:
        body = await self.call("POST", "/shops", json={"name": name})
        return SimShop(body["shop_id"], body["name"])

    async def buyer_writes(
        self,
        shop: SimShop,
        text: str | None = None,
        *,
        buyer_id: int | None = None,
        name: str = "Trần Văn Mua",
        message_type: str | None = None,
        content: dict[str, Any] | None = None,
        ago_seconds: float = 0,
        push: bool = True,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "shop_id": shop.shop_id,
            "buyer_id": buyer_id,
            "name": name,
            "text": text,
            "ago_seconds": ago_seconds,
            "push": push,
        }
        if message_type:
            body["message_type"] = message_type
            body["content"] = content or {}
        return await self.call("POST", "/buyer_writes", json=body)

    async def shop_writes(self, shop: SimShop, buyer_id: int, text: str) -> dict[str, Any]:
        body = {"shop_id": shop.shop_id, "buyer_id": buyer_id, "text": text}
        return await self.call("POST", "/shop_writes", json=body)

    async def expire_token(self, shop: SimShop) -> None:
        await self.call("POST", f"/shops/{shop.shop_id}/expire_token")

    async def revoke(self, shop: SimShop, notify: bool = True) -> None:
        await self.call("POST", f"/shops/{shop.shop_id}/revoke", params={"notify": notify})

    async def sent(self, shop: SimShop) -> list[dict[str, Any]]:
        return await self.call("GET", "/sent", params={"shop_id": shop.shop_id})

    async def approve(self, authorize_url: str, shop: SimShop) -> str:
        """What the owner does on Shopee's consent page: returns our callback URL."""
        return await self.consent(authorize_url, f"shop_id={shop.shop_id}")


@pytest.fixture(scope="session")
def shopee_server() -> Iterator[ShopeeServer]:
    yield from serving(ShopeeServer())


class ShopeeWorld(OAuthWorld):
    provider = "shopee"

    async def connect(self, name: str = "Shopee Shop Test", tenant: Any | None = None) -> SimShop:
        """A simulated shop connected through the real OAuth flow (consent page, callback)."""
        shop = await self.sim.create_shop(name)
        await self.connect_through(f"shop_id={shop.shop_id}", tenant)
        return shop


@pytest.fixture
async def shopee(
    shopee_server: ShopeeServer, app_server: AppServer, tenant: Any, monkeypatch: Any
) -> AsyncIterator[ShopeeWorld]:
    from chotdon.channels.shopee import client as shopee_client

    async with simulated(
        ShopeeSim,
        shopee_server,
        app_server,
        monkeypatch,
        provider="shopee",
        urls={"SHOPEE_API_URL": "{url}"},
        config={
            "signature_mode": "ok",
            "drop_next_pushes": 0,
            "refresh_reuse_grace_seconds": 300,
            "lose_next_refresh_answers": 0,
            "rate_limit_next": 0,
            "push_retries": 2,
            "echo_api_sends": False,
        },
        client=lambda s: shopee_client.ShopeeClient(
            s.shopee_api_url, s.shopee_partner_id, s.shopee_partner_key, backoff=0.01
        ),
        use_client=shopee_client.set_shopee,
    ) as sim:
        yield ShopeeWorld(sim, tenant, app_server.url)
