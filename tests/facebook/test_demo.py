"""`make run` DEMO: the seeded workspace has a connected, living page; seeding is idempotent."""

from __future__ import annotations

import asyncio

from chotdon import demo


async def test_seed_connects_the_page_and_the_inbox_comes_alive(
    app_server, simulator, client, run_jobs
):
    login = await demo.seed(app_server.url)
    assert login == (demo.DEMO_EMAIL, demo.DEMO_PASSWORD)
    await demo.seed(app_server.url)  # every start of `make run` calls it again
    r = await client.post("/api/v1/auth/login", json={"email": login[0], "password": login[1]})
    headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
    [channel] = (await client.get("/api/v1/channels", headers=headers)).json()["items"]
    assert channel["external_id"] == demo.DEMO_PAGE_ID and channel["status"] == "connected"
    assert channel["settings"]["label_sync"] is True
    assert (await simulator.call("GET", "/scenario"))["running"] is True
    items: list = []
    for _ in range(50):  # the scenario's first round happens at once
        await simulator.flush()
        await run_jobs()
        items = (await client.get("/api/v1/conversations", headers=headers)).json()["items"]
        if items:
            break
        await asyncio.sleep(0.1)
    assert items
    await simulator.stop_scenario()
    r = await client.get("/api/v1/tags", headers=headers, params={"limit": 200})
    assert {t["name"] for t in r.json()["items"]} >= set(demo.DEMO_LABELS)
