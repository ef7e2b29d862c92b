"""The TikTok Shop simulator as a real HTTP server, and helpers to make things happen on it.

    from support.tiktok import tiktok, tiktok_server  # noqa: F401  (pytest fixtures)

    async def test_buyer_message(tiktok, run_jobs):
        shop = await tiktok.connect()            # OAuth through the simulator's consent page
        await tiktok.sim.buyer_writes(shop, "Shop ơi còn hàng không?", buyer_id="101")
        await run_jobs()

`tiktok_server` (session): `chotdon.channels.tiktok.simulator` in a thread on a free port (it
is both TikTok's API and its auth host). `tiktok` (per test): points `TIKTOK_API_URL` and
`TIKTOK_AUTH_URL` at it, aims its webhooks at `app_server`'s `/webhooks/tiktok`, and gives
`sim` (control client), `tenant` and `connect()`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from support.simulator import AppServer
from support.threaded import OAuthWorld, SimControl, ThreadedSimulator, serving, simulated


class TikTokServer(ThreadedSimulator):
    """`chotdon.channels.tiktok.simulator` with this run's app credentials, in a thread."""

    name = "TikTok Shop simulator"

    def make_app(self) -> Any:
        from chotdon.channels.tiktok.simulator.app import Config, create_simulator_app
        from chotdon.core.settings import get_settings

        s = get_settings()
        return create_simulator_app(
            Config(app_key=s.tiktok_app_key, app_secret=s.tiktok_app_secret)
        )


@dataclass
class SimShop:
    shop_id: str
    name: str


class TikTokSim(SimControl):
    """Async client of the simulator's control API (`/_sim/...`)."""

    label = "tiktok simulator"

    async def create_shop(self, name: str = "TikTok Shop Test") -> SimShop:
        body = await self.call("POST", "/shops", json={"name": name})
        return SimShop(body["shop_id"], body["name"])

    async def buyer_writes(
        self,
        shop: SimShop,
        text: str | None = None,
        *,
        buyer_id: str | None = None,
        name: str = "Lê Thị Mua",
        type: str | None = None,
        content: dict[str, Any] | None = None,
        ago_seconds: float = 0,
        notify: bool = True,
        visible: bool = True,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "shop_id": shop.shop_id,
            "buyer_id": buyer_id,
            "name": name,
            "text": text,
            "ago_seconds": ago_seconds,
            "notify": notify,
            "visible": visible,
        }
        if type:
            body["type"] = type
            body["content"] = content or {}
        return await self.call("POST", "/buyer_writes", json=body)

    async def shop_writes(self, shop: SimShop, conversation_id: str, text: str) -> dict[str, Any]:
        body = {"shop_id": shop.shop_id, "conversation_id": conversation_id, "text": text}
        return await self.call("POST", "/shop_writes", json=body)

    async def set_conversation(self, conversation_id: str, **changes: Any) -> dict[str, Any]:
        return await self.call("POST", f"/conversations/{conversation_id}", json=changes)

    async def expire_token(self, shop: SimShop, refresh: bool = False) -> None:
        await self.call("POST", f"/shops/{shop.shop_id}/expire_token", params={"refresh": refresh})

    async def revoke(self, shop: SimShop, notify: bool = True) -> None:
        await self.call("POST", f"/shops/{shop.shop_id}/revoke", params={"notify": notify})

    async def sent(self, shop: SimShop) -> list[dict[str, Any]]:
        return await self.call("GET", "/sent", params={"shop_id": shop.shop_id})


@pytest.fixture(scope="session")
def tiktok_server() -> Iterator[TikTokServer]:
    yield from serving(TikTokServer())


class TikTokWorld(OAuthWorld):
    provider = "tiktok"

    async def connect(
        self, name: str = "TikTok Shop Test", tenant: Any | None = None, shop: SimShop | None = None
    ) -> SimShop:
        """A simulated shop connected through the real OAuth flow (consent page, callback)."""
        shop = shop or await self.sim.create_shop(name)
        await self.connect_through(f"shop_id={shop.shop_id}", tenant)
        return shop


@pytest.fixture
async def tiktok(
    tiktok_server: TikTokServer, app_server: AppServer, tenant: Any, monkeypatch: Any
) -> AsyncIterator[TikTokWorld]:
    from chotdon.channels.tiktok import client as tiktok_client

    async with simulated(
        TikTokSim,
        tiktok_server,
        app_server,
        monkeypatch,
        provider="tiktok",
        urls={"TIKTOK_API_URL": "{url}", "TIKTOK_AUTH_URL": "{url}"},
        config={
            "signature_mode": "ok",
            "webhook_retries": 2,
            "rate_limit_next": 0,
            "fail_next_sends": 0,
            "echo_api_sends": True,
            "refresh_rotates": True,
        },
        client=lambda s: tiktok_client.TikTokClient(
            s.tiktok_api_url, s.tiktok_auth_url, s.tiktok_app_key, s.tiktok_app_secret, backoff=0.01
        ),
        use_client=tiktok_client.set_tiktok,
    ) as sim:
        yield TikTokWorld(sim, tenant, app_server.url)
