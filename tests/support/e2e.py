"""End-to-end scaffolding with real processes: the uvicorn API and an arq worker (`processes`),
the Facebook simulator and a marketplace's simulator as HTTP servers, an owner registered over
HTTP with a Facebook page connected and the marketplace account connected by the real OAuth
flow.

    async with facebook_and(processes, ShopeeServer(), ShopeeSim, "shopee",
                            {"SHOPEE_API_URL": "{url}"}) as stack:
        shop = await stack.sim.create_shop("Shop E2E")
        await stack.connect(f"shop_id={shop.shop_id}")
        async with stack.websocket() as ws: ...
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import websockets

from chotdon.core.settings import get_settings
from support.live import created_frames
from support.passwords import STRONG_PASSWORD
from support.processes import free_port
from support.simulator import SimPage, Simulator, SimulatorServer
from support.threaded import SimControl, ThreadedSimulator


async def register_owner(http: httpx.AsyncClient, workspace_name: str = "E2E") -> str:
    """A new owner and workspace through the API; `http` then carries the owner's token."""
    r = await http.post(
        "/api/v1/auth/register",
        json={
            "email": f"e2e-{uuid.uuid4().hex[:10]}@test.chotdon.vn",
            "password": STRONG_PASSWORD,
            "name": "Chủ",
            "workspace_name": workspace_name,
        },
    )
    assert r.status_code == 201, r.text
    token = r.json()["access_token"]
    http.headers["Authorization"] = f"Bearer {token}"
    return str(token)


async def connect_page(http: httpx.AsyncClient, page: SimPage) -> int:
    """The simulator's page connected with its token: the channel's id."""
    r = await http.post(
        "/api/v1/channels/facebook",
        json={"page_id": page.page_id, "access_token": page.access_token},
    )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


@dataclass
class Stack:
    """The running processes and simulators of one end-to-end test, seen by the owner."""

    api: Any
    http: httpx.AsyncClient
    token: str
    fb: Simulator
    page: SimPage
    provider: str
    sim: Any

    async def connect(self, marker: str) -> None:
        """The marketplace account whose consent link carries `marker` ("shop_id=…") connected
        through POST /channels/{provider}/authorize, the consent page and our callback."""
        r = await self.http.post(f"/api/v1/channels/{self.provider}/authorize")
        assert r.status_code == 200, r.text
        r = await self.http.get(await self.sim.consent(r.json()["url"], marker))
        assert r.status_code == 303 and "connected=" in r.headers["location"], r.headers

    def websocket(self) -> Any:
        return websockets.connect(f"{self.api.ws_url}/api/v1/ws?token={self.token}")

    async def side_by_side(
        self, psid: str, fb_text: str, buyer_writes: Callable[[], Awaitable[Any]], text: str
    ) -> dict[str, dict[str, Any]]:
        """A Facebook customer (`psid`) writes `fb_text` and a marketplace buyer `text` (by
        `buyer_writes()`): both come live on the owner's WebSocket, each in its channel. The
        `message.created` data by provider."""
        async with self.websocket() as ws:
            await self.fb.customer_writes(self.page, psid, fb_text)
            await buyer_writes()
            frames = await created_frames(ws, 2)
        assert sorted(f["data"]["text"] for f in frames) == sorted([fb_text, text])
        r = await self.http.get("/api/v1/channels")
        channels = {c["id"]: c for c in r.json()["items"]}
        by_provider = {channels[f["data"]["channel_id"]]["provider"]: f["data"] for f in frames}
        assert set(by_provider) == {"facebook", self.provider}
        return by_provider


@asynccontextmanager
async def facebook_and(
    processes: Any,
    server: ThreadedSimulator,
    control: type[SimControl],
    provider: str,
    urls: Mapping[str, str],
    *,
    workspace_name: str = "E2E",
    **sim_config: Any,
) -> AsyncIterator[Stack]:
    """API + worker processes, the Facebook simulator and `server` (started here, stopped
    after) aimed at the API's webhooks, an owner with the page "Trang E2E" connected. `urls`:
    the settings that point our processes at `server` ("{url}" stands for its base URL);
    `sim_config`: more `/_sim/config` for it."""
    settings = get_settings()
    fb_server = SimulatorServer(
        None, app_secret=settings.facebook_app_secret, app_id=settings.facebook_app_id
    ).start()
    server.start()
    port = free_port()
    api_url = f"http://127.0.0.1:{port}"
    env = {
        "FACEBOOK_GRAPH_URL": fb_server.graph_url,
        **{name: value.format(url=server.url) for name, value in urls.items()},
        "PUBLIC_URL": api_url,
    }
    fb, sim = Simulator(fb_server.url), control(server.url)
    http = httpx.AsyncClient(base_url=api_url, timeout=30)
    try:
        api = await processes.start_api(port=port, env=env)
        await processes.start_worker(env=env)
        await fb.configure(webhook_url=f"{api.url}/webhooks/facebook")
        await sim.configure(webhook_url=f"{api.url}/webhooks/{provider}", **sim_config)
        token = await register_owner(http, workspace_name)
        page = await fb.create_page("Trang E2E")
        await connect_page(http, page)
        yield Stack(api, http, token, fb, page, provider, sim)
    finally:
        await http.aclose()
        await fb.aclose()
        await sim.http.aclose()
        await processes.stop_all()
        fb_server.stop()
        server.stop()
