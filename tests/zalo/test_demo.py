"""`make run` DEMO: a Zalo OA connected by OAuth + PKCE against the simulator, whose followers
write into the same inbox as the Facebook page; seeding again (every start) keeps one OA."""

from __future__ import annotations

import asyncio

import httpx

from chotdon import demo
from support import inbox_api


async def test_the_demo_oa_is_connected_and_its_followers_write(zalo, run_jobs, monkeypatch):
    monkeypatch.setenv("DEMO_ZALO_INTERVAL_SECONDS", "30")
    async with httpx.AsyncClient(base_url=zalo.app_url, timeout=30) as api:
        await demo._seed_zalo(api, zalo.tenant.headers)
        await demo._seed_zalo(api, zalo.tenant.headers)  # every start of `make run`
    [channel] = await inbox_api.channels(zalo.tenant, "zalo")
    assert channel["external_id"] == demo.DEMO_OA_ID and channel["name"] == demo.DEMO_OA_NAME
    assert channel["status"] == "connected"
    items: list = []
    for _ in range(50):  # the scenario's first follower writes at once
        await run_jobs()
        items = await inbox_api.conversations(zalo.tenant)
        if items:
            break
        await asyncio.sleep(0.1)
    [conversation] = items
    assert conversation["channel_id"] == channel["id"]
    assert conversation["contact"]["name"] == "Phạm Thu Hà"
    assert conversation["reply_window"]["remaining"] == 8
