"""End to end with real processes: uvicorn API + arq worker + the Facebook and TikTok Shop
simulators over HTTP.

A TikTok buyer's message shows up live on the WebSocket next to a Facebook customer's, the
inbox filters by channel, and a reply in the TikTok conversation reaches the simulator with
`content` as a JSON string; TikTok's echo of that reply is not recorded a second time.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from support.e2e import facebook_and
from support.live import wait_for
from support.processes import processes  # noqa: F401  (pytest fixture)
from support.tiktok import TikTokServer, TikTokSim

pytestmark = pytest.mark.e2e


async def test_tiktok_and_facebook_live_side_by_side_and_a_reply_reaches_tiktok(
    processes,  # noqa: F811
    database,
):
    urls = {"TIKTOK_API_URL": "{url}", "TIKTOK_AUTH_URL": "{url}"}
    async with facebook_and(
        processes, TikTokServer(), TikTokSim, "tiktok", urls, echo_api_sends=True
    ) as stack:
        tiktok, http = stack.sim, stack.http
        shop = await tiktok.create_shop("Shop TikTok E2E")
        await stack.connect(f"shop_id={shop.shop_id}")
        text = "TikTok: đèn còn màu trắng không?"
        by_provider = await stack.side_by_side(
            "psid-e2e-tt",
            "Facebook: còn hàng không?",
            lambda: tiktok.buyer_writes(shop, text, buyer_id="8801"),
            text,
        )
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
