"""End to end with real processes: uvicorn API + arq worker + the Facebook and Zalo simulators
over HTTP. A Zalo follower's message shows up live on the WebSocket next to a Facebook
customer's, the inbox filtered by channel shows each alone with its provider, and a reply in the
Zalo conversation reaches Zalo within the free replies the composer announced."""

from __future__ import annotations

from typing import Any

import pytest

from support.e2e import facebook_and
from support.live import wait_for
from support.processes import processes  # noqa: F401  (pytest fixture)
from support.zalo import ZaloServer, ZaloSim

pytestmark = pytest.mark.e2e


async def test_zalo_and_facebook_live_side_by_side_and_a_reply_reaches_zalo(
    processes,  # noqa: F811
    database,
):
    urls = {"ZALO_API_URL": "{url}", "ZALO_OAUTH_URL": "{url}"}
    async with facebook_and(
        processes, ZaloServer(), ZaloSim, "zalo", urls, workspace_name="E2E Zalo"
    ) as stack:
        zalo, http = stack.sim, stack.http
        oa = await zalo.create_oa("Zalo OA E2E")
        await stack.connect(f"oa_id={oa.oa_id}")
        text = "Zalo: sđt mình 0987654321"
        by_provider = await stack.side_by_side(
            "psid-e2e-za",
            "Facebook: còn hàng không?",
            lambda: zalo.user_writes(oa, text, user_id="88001"),
            text,
        )
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
