"""End to end with real processes: uvicorn API + arq worker + both simulators over HTTP.

A Shopee buyer's message shows up live on the WebSocket next to a Facebook customer's, and a
reply in the Shopee conversation reaches the Shopee simulator.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest
import websockets

from chotdon.core.settings import get_settings
from support.live import created_frames, wait_for
from support.passwords import STRONG_PASSWORD
from support.processes import free_port, processes  # noqa: F401  (pytest fixture)
from support.shopee import ShopeeServer, ShopeeSim
from support.simulator import Simulator, SimulatorServer

pytestmark = pytest.mark.e2e


_frames = created_frames


async def test_shopee_and_facebook_live_side_by_side_and_a_reply_reaches_shopee(
    processes,  # noqa: F811
    database,
):
    settings = get_settings()
    fb_server = SimulatorServer(
        None, app_secret=settings.facebook_app_secret, app_id=settings.facebook_app_id
    ).start()
    shopee_server = ShopeeServer().start()
    port = free_port()
    api_url = f"http://127.0.0.1:{port}"
    env = {
        "FACEBOOK_GRAPH_URL": fb_server.graph_url,
        "SHOPEE_API_URL": shopee_server.url,
        "PUBLIC_URL": api_url,
    }
    fb, shopee = Simulator(fb_server.url), ShopeeSim(shopee_server.url)
    http = httpx.AsyncClient(base_url=api_url, timeout=30)
    try:
        api = await processes.start_api(port=port, env=env)
        await processes.start_worker(env=env)
        await fb.configure(webhook_url=f"{api.url}/webhooks/facebook")
        await shopee.configure(webhook_url=f"{api.url}/webhooks/shopee")
        r = await http.post(
            "/api/v1/auth/register",
            json={
                "email": f"e2e-{uuid.uuid4().hex[:10]}@test.chotdon.vn",
                "password": STRONG_PASSWORD,
                "name": "Chủ",
                "workspace_name": "E2E",
            },
        )
        assert r.status_code == 201, r.text
        token = r.json()["access_token"]
        http.headers["Authorization"] = f"Bearer {token}"
        page = await fb.create_page("Trang E2E")
        r = await http.post(
            "/api/v1/channels/facebook",
            json={"page_id": page.page_id, "access_token": page.access_token},
        )
        assert r.status_code == 201, r.text
        shop = await shopee.create_shop("Shop Shopee E2E")
        authorize = (await http.post("/api/v1/channels/shopee/authorize")).json()["url"]
        callback = await shopee.approve(authorize, shop)
        r = await http.get(callback)
        assert r.status_code == 303 and "connected=" in r.headers["location"], r.headers
        async with websockets.connect(f"{api.ws_url}/api/v1/ws?token={token}") as ws:
            await fb.customer_writes(page, "psid-e2e-sh", "Facebook: còn hàng không?")
            await shopee.buyer_writes(shop, "Shopee: giao trong ngày không?", buyer_id=8801)
            frames = await _frames(ws, 2)
        texts = sorted(f["data"]["text"] for f in frames)
        assert texts == ["Facebook: còn hàng không?", "Shopee: giao trong ngày không?"]
        channels = {c["id"]: c for c in (await http.get("/api/v1/channels")).json()["items"]}
        by_provider = {channels[f["data"]["channel_id"]]["provider"]: f["data"] for f in frames}
        assert set(by_provider) == {"facebook", "shopee"}
        conversation_id = by_provider["shopee"]["conversation_id"]
        r = await http.post(
            f"/api/v1/conversations/{conversation_id}/messages", json={"text": "Dạ có ạ 🚚"}
        )
        assert r.status_code == 202, r.text

        async def reply_reached_shopee() -> list[dict[str, Any]]:
            return [m for m in await shopee.sent(shop) if m["content"].get("text") == "Dạ có ạ 🚚"]

        [sent] = await wait_for(reply_reached_shopee)
        assert sent["to_id"] == 8801
        assert re.fullmatch(r"\d+", sent["message_id"])
    finally:
        await http.aclose()
        await fb.aclose()
        await shopee.http.aclose()
        await processes.stop_all()
        fb_server.stop()
        shopee_server.stop()
