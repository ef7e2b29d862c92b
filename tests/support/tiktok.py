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

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from support.simulator import AppServer
from support.threaded import ThreadedSimulator


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


class TikTokSim:
    """Async client of the simulator's control API (`/_sim/...`)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.http = httpx.AsyncClient(base_url=base_url, timeout=30)

    async def call(self, method: str, path: str, **kw: Any) -> Any:
        r = await self.http.request(method, f"/_sim{path}", **kw)
        if r.status_code >= 400:
            raise AssertionError(f"tiktok simulator {method} {path} → {r.status_code}: {r.text}")
        return r.json()

    async def configure(self, **settings: Any) -> dict[str, Any]:
        return await self.call("POST", "/config", json=settings)

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

    async def state(self) -> dict[str, Any]:
        return await self.call("GET", "/state")

    async def approve(self, authorize_url: str, shop: SimShop) -> str:
        """What the seller does on TikTok's consent page: returns our callback URL."""
        page = await self.http.get(authorize_url)
        assert page.status_code == 200, page.text
        links = re.findall(r'href="([^"]+)"', page.text)
        [link] = [link.replace("&amp;", "&") for link in links if f"shop_id={shop.shop_id}" in link]
        answer = await self.http.get(link)
        assert answer.status_code == 302, answer.text
        return answer.headers["location"]


@pytest.fixture(scope="session")
def tiktok_server() -> Iterator[TikTokServer]:
    server = TikTokServer().start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class TikTokWorld:
    sim: TikTokSim
    tenant: Any
    app_url: str

    async def authorize(self, tenant: Any | None = None) -> str:
        r = await (tenant or self.tenant).post("/api/v1/channels/tiktok/authorize")
        assert r.status_code == 200, r.text
        return r.json()["url"]

    async def callback(self, callback_url: str) -> httpx.Response:
        parts = urlsplit(callback_url)
        return await self.tenant.client.get(f"{parts.path}?{parts.query}")

    async def connect(
        self, name: str = "TikTok Shop Test", tenant: Any | None = None, shop: SimShop | None = None
    ) -> SimShop:
        """A simulated shop connected through the real OAuth flow (consent page, callback)."""
        shop = shop or await self.sim.create_shop(name)
        callback = await self.sim.approve(await self.authorize(tenant), shop)
        r = await self.callback(callback)
        assert r.status_code == 303, r.text
        query = parse_qs(urlsplit(r.headers["location"]).query)
        assert "connected" in query, r.headers["location"]
        return shop


@pytest.fixture
async def tiktok(
    tiktok_server: TikTokServer, app_server: AppServer, tenant: Any, monkeypatch: Any
) -> AsyncIterator[TikTokWorld]:
    from chotdon.channels.tiktok import client as tiktok_client
    from chotdon.core.settings import get_settings, settings_cache_clear

    monkeypatch.setenv("TIKTOK_API_URL", tiktok_server.url)
    monkeypatch.setenv("TIKTOK_AUTH_URL", tiktok_server.url)
    monkeypatch.setenv("PUBLIC_URL", app_server.url)
    settings_cache_clear()
    sim = TikTokSim(tiktok_server.url)
    await sim.call("POST", "/reset")
    await sim.configure(
        webhook_url=f"{app_server.url}/webhooks/tiktok",
        signature_mode="ok",
        webhook_retries=2,
        rate_limit_next=0,
        fail_next_sends=0,
        echo_api_sends=True,
        refresh_rotates=True,
    )
    s = get_settings()
    fast = tiktok_client.TikTokClient(
        tiktok_server.url, tiktok_server.url, s.tiktok_app_key, s.tiktok_app_secret, backoff=0.01
    )
    tiktok_client.set_tiktok(fast)
    try:
        yield TikTokWorld(sim, tenant, app_server.url)
    finally:
        tiktok_client.set_tiktok(None)
        await fast.aclose()
        await sim.http.aclose()
        monkeypatch.undo()
        settings_cache_clear()
