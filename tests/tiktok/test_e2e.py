"""End to end with real processes: uvicorn API + arq worker + the Facebook and TikTok Shop
simulators over HTTP.

A TikTok buyer's message shows up live on the WebSocket next to a Facebook customer's, the
inbox filters by channel, and a reply in the TikTok conversation reaches the simulator with
`content` as a JSON string; TikTok's echo of that reply is not recorded a second time.
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
from support.simulator import Simulator, SimulatorServer
from support.tiktok import TikTokServer, TikTokSim

pytestmark = pytest.mark.e2e


async def test_tiktok_and_facebook_live_side_by_side_and_a_reply_reaches_tiktok(
    processes,  # noqa: F811
    database,
):
    settings = get_settings()
    fb_server = SimulatorServer(
        None, app_secret=settings.facebook_app_secret, app_id=settings.facebook_app_id
    ).start()
    tiktok_server = TikTokServer().start()
    port = free_port()
    api_url = f"http://127.0.0.1:{port}"
    env = {
        "FACEBOOK_GRAPH_URL": fb_server.graph_url,
        "TIKTOK_API_URL": tiktok_server.url,
        "TIKTOK_AUTH_URL": tiktok_server.url,
        "PUBLIC_URL": api_url,
    }
    fb, tiktok = Simulator(fb_server.url), TikTokSim(tiktok_server.url)
    http = httpx.AsyncClient(base_url=api_url, timeout=30)
    try:
        api = await processes.start_api(port=port, env=env)
        await processes.start_worker(env=env)
        await fb.configure(webhook_url=f"{api.url}/webhooks/facebook")
        await tiktok.configure(webhook_url=f"{api.url}/webhooks/tiktok", echo_api_sends=True)
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
        shop = await tiktok.create_shop("Shop TikTok E2E")
        authorize = (await http.post("/api/v1/channels/tiktok/authorize")).json()["url"]
        r = await http.get(await tiktok.consent(authorize, f"shop_id={shop.shop_id}"))
        assert r.status_code == 303 and "connected=" in r.headers["location"], r.headers
        async with websockets.connect(f"{api.ws_url}/api/v1/ws?token={token}") as ws:
            await fb.customer_writes(page, "psid-e2e-tt", "Facebook: còn hàng không?")
            await tiktok.buyer_writes(shop, "TikTok: đèn còn màu trắng không?", buyer_id="8801")
            frames = await created_frames(ws, 2)
        texts = sorted(f["data"]["text"] for f in frames)
        assert texts == ["Facebook: còn hàng không?", "TikTok: đèn còn màu trắng không?"]
        channels = {c["id"]: c for c in (await http.get("/api/v1/channels")).json()["items"]}
        by_provider = {channels[f["data"]["channel_id"]]["provider"]: f["data"] for f in frames}
        assert set(by_provider) == {"facebook", "tiktok"}
        tiktok_channel = by_provider["tiktok"]["channel_id"]
        listed = await http.get("/api/v1/conversations", params={"channel_id": tiktok_channel})
        [only] = listed.json()["items"]
        conversation_id = by_provider["tiktok"]["conversation_id"]
        assert only["id"] == conversation_id and only["reply_window"]["state"] == "open"
        r = await http.post(
            f"/api/v1/conversations/{conversation_id}/messages", json={"text": "Dạ còn ạ 💡"}
        )
        assert r.status_code == 202, r.text

        async def reply_reached_tiktok() -> list[dict[str, Any]]:
            return [
                m for m in await tiktok.sent(shop) if m["content"].get("content") == "Dạ còn ạ 💡"
            ]

        [sent] = await wait_for(reply_reached_tiktok)
        assert sent["type"] == "TEXT" and re.fullmatch(r"\d+", sent["message_id"])

        async def reply_sent() -> list[dict[str, Any]]:
            items = (await http.get(f"/api/v1/conversations/{conversation_id}/messages")).json()
            return [m for m in items["items"] if m["direction"] == "out" and m["status"] == "sent"]

        [ours] = await wait_for(reply_sent)
        assert ours["external_id"] == sent["message_id"]

        async def echo_delivered() -> bool:
            state = await tiktok.state()
            return sum(1 for n in state["notifications"] if n["status"] == 200) >= 2

        await wait_for(echo_delivered)
        items = (await http.get(f"/api/v1/conversations/{conversation_id}/messages")).json()
        assert [m["text"] for m in items["items"]].count("Dạ còn ạ 💡") == 1
    finally:
        await http.aclose()
        await fb.aclose()
        await tiktok.http.aclose()
        await processes.stop_all()
        fb_server.stop()
        tiktok_server.stop()
