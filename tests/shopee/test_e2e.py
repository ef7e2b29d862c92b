"""End to end with real processes: uvicorn API + arq worker + both simulators over HTTP.

A Shopee buyer's message shows up live on the WebSocket next to a Facebook customer's, and a
reply in the Shopee conversation reaches the Shopee simulator.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from support.e2e import facebook_and
from support.live import wait_for
from support.processes import processes  # noqa: F401  (pytest fixture)
from support.shopee import ShopeeServer, ShopeeSim

pytestmark = pytest.mark.e2e


async def test_shopee_and_facebook_live_side_by_side_and_a_reply_reaches_shopee(
    processes,  # noqa: F811
    database,
):
    urls = {"SHOPEE_API_URL": "{url}"}
    async with facebook_and(processes, ShopeeServer(), ShopeeSim, "shopee", urls) as stack:
        shopee, http = stack.sim, stack.http
        shop = await shopee.create_shop("Shop Shopee E2E")
        await stack.connect(f"shop_id={shop.shop_id}")
        text = "Shopee: giao trong ngày không?"
        by_provider = await stack.side_by_side(
            "psid-e2e-sh",
            "Facebook: còn hàng không?",
            lambda: shopee.buyer_writes(shop, text, buyer_id=8801),
            text,
        )
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
