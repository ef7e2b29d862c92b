"""`make run` DEMO: the seeded workspace has a connected, living page; seeding is idempotent."""

from __future__ import annotations

import asyncio

import httpx

from chotdon import demo


async def test_seed_connects_the_page_and_the_inbox_comes_alive(
    app_server, simulator, client, run_jobs, monkeypatch
):
    # No worker runs during seed() here: the customers' history is seeded below, after jobs.
    monkeypatch.setenv("DEMO_HISTORY_WAIT_SECONDS", "0")
    login = await demo.seed(app_server.url)
    assert login == (demo.DEMO_EMAIL, demo.DEMO_PASSWORD)
    await demo.seed(app_server.url)  # every start of `make run` calls it again
    r = await client.post("/api/v1/auth/login", json={"email": login[0], "password": login[1]})
    headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
    channels = (await client.get("/api/v1/channels", headers=headers)).json()["items"]
    [channel] = [c for c in channels if c["provider"] == "facebook"]
    assert channel["external_id"] == demo.DEMO_PAGE_ID and channel["status"] == "connected"
    assert channel["settings"]["label_sync"] is True
    # The page's Instagram account, connected through Facebook Login.
    [instagram] = [c for c in channels if c["provider"] == "instagram"]
    assert (instagram["external_id"], instagram["status"]) == (
        demo.DEMO_INSTAGRAM_ID,
        "connected",
    )
    # Every live of the demo page takes orders, not only the first (auto_livestream).
    assert channel["settings"]["auto_livestream"] is True
    assert (await simulator.call("GET", "/scenario"))["running"] is True
    items: list = []
    for _ in range(50):  # the scenario's first round happens at once, on both channels
        await simulator.flush()
        await run_jobs()
        items = (await client.get("/api/v1/conversations", headers=headers)).json()["items"]
        if {c["channel_id"] for c in items} == {channel["id"], instagram["id"]}:
            break
        await asyncio.sleep(0.1)
    assert {c["channel_id"] for c in items} == {channel["id"], instagram["id"]}
    await simulator.stop_scenario()
    r = await client.get("/api/v1/tags", headers=headers, params={"limit": 200})
    assert {t["name"] for t in r.json()["items"]} >= set(demo.DEMO_LABELS)
    # The headline: a livestream prepared with the catalogue's keywords (sizes as variants).
    [live] = (await client.get("/api/v1/livestreams", headers=headers)).json()["items"]
    config = (await client.get(f"/api/v1/livestreams/{live['id']}/config", headers=headers)).json()
    assert [i["keyword"] for i in config["items"]] == ["A01", "A02", "B01", "V03"]
    assert config["confirm_by_message"] and config["hide_phone_comments"]
    # Customers with a history: orders in every status, a customer who "bùng" twice.
    await simulator.flush()
    await run_jobs()
    async with httpx.AsyncClient(base_url=app_server.url, timeout=30) as api:
        async with httpx.AsyncClient(base_url=simulator.base_url, timeout=30) as sim:
            products = {p["sku"]: p for p in await _products(api, headers)}
            task = asyncio.create_task(
                demo.seed_history(api, headers, sim, products, wait_seconds=20)
            )
            while not task.done():  # the worker of `make run`: run the jobs as they come
                await simulator.flush()
                await run_jobs()
                await asyncio.sleep(0.2)
            assert task.result() == sum(len(h[4]) for h in demo.HISTORY)
    orders = (await client.get("/api/v1/orders", headers=headers, params={"limit": 100})).json()
    assert {o["status"] for o in orders["items"]} == {
        "draft",
        "confirmed",
        "closed",
        "completed",
        "cancelled",
    }
    r = await client.get("/api/v1/contacts", headers=headers, params={"phone": "0987654321"})
    [hung] = r.json()["items"]
    assert hung["cancelled_orders_count"] == 2
    # Seeding again (every start of `make run`) adds nothing.
    await demo.seed(app_server.url)
    assert (await client.get("/api/v1/livestreams", headers=headers)).json()["items"] == [live]


async def _products(api, headers):
    return (await api.get("/api/v1/products", headers=headers)).json()["items"]
