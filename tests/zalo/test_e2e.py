"""End to end with real processes: uvicorn API + arq worker + the Facebook and Zalo simulators
over HTTP. A Zalo follower's message shows up live on the WebSocket next to a Facebook
customer's, the inbox filtered by channel shows each alone with its provider, and a reply in the
Zalo conversation reaches Zalo within the free replies the composer announced."""

from __future__ import annotations

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
from support.zalo import ZaloServer, ZaloSim

pytestmark = pytest.mark.e2e


async def test_zalo_and_facebook_live_side_by_side_and_a_reply_reaches_zalo(
    processes,  # noqa: F811
    database,
):
    settings = get_settings()
    fb_server = SimulatorServer(
        None, app_secret=settings.facebook_app_secret, app_id=settings.facebook_app_id
    ).start()
    zalo_server = ZaloServer()
    zalo_server.start()
    port = free_port()
    api_url = f"http://127.0.0.1:{port}"
    env = {
        "FACEBOOK_GRAPH_URL": fb_server.graph_url,
        "ZALO_API_URL": zalo_server.url,
        "ZALO_OAUTH_URL": zalo_server.url,
        "PUBLIC_URL": api_url,
    }
    fb, zalo = Simulator(fb_server.url), ZaloSim(zalo_server.url)
    http = httpx.AsyncClient(base_url=api_url, timeout=30)
    try:
        api = await processes.start_api(port=port, env=env)
        await processes.start_worker(env=env)
        await fb.configure(webhook_url=f"{api.url}/webhooks/facebook")
        await zalo.configure(webhook_url=f"{api.url}/webhooks/zalo")
        r = await http.post(
            "/api/v1/auth/register",
            json={
                "email": f"e2e-{uuid.uuid4().hex[:10]}@test.chotdon.vn",
                "password": STRONG_PASSWORD,
                "name": "Chủ",
                "workspace_name": "E2E Zalo",
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
        oa = await zalo.create_oa("Zalo OA E2E")
        authorize = (await http.post("/api/v1/channels/zalo/authorize")).json()["url"]
        r = await http.get(await zalo.approve(authorize, oa))
        assert r.status_code == 303 and "connected=" in r.headers["location"], r.headers
        async with websockets.connect(f"{api.ws_url}/api/v1/ws?token={token}") as ws:
            await fb.customer_writes(page, "psid-e2e-za", "Facebook: còn hàng không?")
            await zalo.user_writes(oa, "Zalo: sđt mình 0987654321", user_id="88001")
            frames = await created_frames(ws, 2)
        texts = sorted(f["data"]["text"] for f in frames)
        assert texts == ["Facebook: còn hàng không?", "Zalo: sđt mình 0987654321"]
        channels = {c["id"]: c for c in (await http.get("/api/v1/channels")).json()["items"]}
        by_provider = {channels[f["data"]["channel_id"]]["provider"]: f["data"] for f in frames}
        assert set(by_provider) == {"facebook", "zalo"}
        zalo_channel = by_provider["zalo"]["channel_id"]
        listed = await http.get("/api/v1/conversations", params={"channel_id": zalo_channel})
        [conversation] = listed.json()["items"]
        assert conversation["contact"]["phones"] == ["+84987654321"]
        assert conversation["reply_window"]["remaining"] == 8
        r = await http.post(
            f"/api/v1/conversations/{conversation['id']}/messages", json={"text": "Dạ có ạ 🚚"}
        )
        assert r.status_code == 202, r.text

        async def reply_reached_zalo() -> list[dict[str, Any]]:
            return [m for m in await zalo.sent(oa) if m.get("text") == "Dạ có ạ 🚚"]

        [sent] = await wait_for(reply_reached_zalo)
        assert sent["user_id"] == "88001"

        async def named() -> str:
            r = await http.get(f"/api/v1/conversations/{conversation['id']}")
            return r.json()["contact"]["name"]

        assert await wait_for(named) == "Nguyễn Thị Mua"  # looked up by the worker
    finally:
        await http.aclose()
        await fb.aclose()
        await zalo.http.aclose()
        await processes.stop_all()
        fb_server.stop()
        zalo_server.stop()
