"""Livestreams over HTTP: create, attach, configure, start/stop, the board, isolation, roles."""

from __future__ import annotations

import uuid

from chotdon.channels.events import InboundPost
from chotdon.channels.models import Channel
from chotdon.core.db import unit_of_work
from chotdon.inbox import flows

from .helpers import default_items, lines, make_channel, make_live, make_products

PHONE = "0912345678"


async def _live_post(channel_id: int, video_id: str, status: str | None = "live") -> int:
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        post = await flows.upsert_post(
            session,
            channel,
            InboundPost(
                external_id=f"{channel.external_id}_{video_id}",
                message="Live sale 11.11",
                kind="live_video",
                live_video_external_id=video_id,
            ),
        )
        post.live_status = status
        return post.id


async def test_create_and_list_livestreams(tenant):
    channel_id = await make_channel(tenant.workspace_id)
    r = await tenant.post(
        "/api/v1/livestreams", json={"channel_id": channel_id, "title": "Live thứ 7"}
    )
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["status"] == "scheduled" and created["accepting_orders"] is True
    assert created["config"]["items"] == []
    assert "{code}" in created["config"]["bot_template"]
    r = await tenant.get("/api/v1/livestreams")
    assert [ls["id"] for ls in r.json()["items"]] == [created["id"]]
    r = await tenant.get(f"/api/v1/livestreams/{created['id']}")
    assert r.status_code == 200 and r.json()["title"] == "Live thứ 7"


async def test_prepared_livestream_attaches_to_the_next_live_video(tenant, run_jobs):
    channel_id = await make_channel(tenant.workspace_id)
    products = await make_products(tenant)
    r = await tenant.post(
        "/api/v1/livestreams", json={"channel_id": channel_id, "title": "Chuẩn bị trước"}
    )
    live_id = r.json()["id"]
    r = await tenant.put(
        f"/api/v1/livestreams/{live_id}/config", json={"items": default_items(products)}
    )
    assert r.status_code == 200
    # The page goes live: its first comment attaches the prepared livestream.
    from .helpers import Live

    async with unit_of_work() as session:
        page = (await session.get_one(Channel, channel_id)).external_id
    live = Live(tenant, channel_id, {"id": live_id}, products, "vid-" + uuid.uuid4().hex[:8], page)
    await live.comment("u1", f"Q02 {PHONE}")
    await run_jobs()
    r = await tenant.get(f"/api/v1/livestreams/{live_id}")
    body = r.json()
    assert body["status"] == "live" and body["live_video_id"] == live.video_id
    assert body["post_id"] is not None
    [order] = await live.orders()
    assert lines(order) == [("Q02", 1)]
    videos = (await tenant.get("/api/v1/livestreams/live-videos")).json()["items"]
    assert [(v["live_video_id"], v["livestream_id"]) for v in videos] == [(live.video_id, live_id)]


async def test_create_on_a_synced_live_video_and_list_videos(tenant):
    channel_id = await make_channel(tenant.workspace_id)
    post_id = await _live_post(channel_id, "v-1")
    ended_id = await _live_post(channel_id, "v-0", status="vod")
    r = await tenant.get("/api/v1/livestreams/live-videos", params={"channel_id": channel_id})
    videos = {v["post_id"]: v for v in r.json()["items"]}
    assert videos[post_id]["status"] == "live" and videos[ended_id]["status"] == "ended"
    assert videos[post_id]["livestream_id"] is None
    r = await tenant.post(
        "/api/v1/livestreams",
        json={"channel_id": channel_id, "post_id": post_id, "title": "Đang live"},
    )
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "live" and r.json()["live_video_id"] == "v-1"
    again = await tenant.post(
        "/api/v1/livestreams", json={"channel_id": channel_id, "post_id": post_id, "title": "x"}
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "live_video_taken"


async def test_attach_by_hand(tenant):
    channel_id = await make_channel(tenant.workspace_id)
    post_id = await _live_post(channel_id, "v-2")
    r = await tenant.post(
        "/api/v1/livestreams", json={"channel_id": channel_id, "title": "Chuẩn bị"}
    )
    live_id = r.json()["id"]
    r = await tenant.post(f"/api/v1/livestreams/{live_id}/attach", params={"post_id": post_id})
    assert r.status_code == 200, r.text
    assert r.json()["post_id"] == post_id and r.json()["status"] == "live"


async def test_config_round_trip_and_validation(tenant):
    live = await make_live(tenant)
    r = await tenant.get(f"/api/v1/livestreams/{live.id}/config")
    config = r.json()
    assert [i["keyword"] for i in config["items"]] == ["A01", "Q02", "V03"]
    a01 = config["items"][0]
    assert len(a01["variants"]) == 3 and a01["variant_sku"] is None
    assert config["items"][2]["effective_price"] == 299_000
    # One variant as its own keyword.
    sku = live.products["ao"]["variants"][0]["sku"]
    body = {
        "items": [{"keyword": "ÁO-M", "product_id": live.products["ao"]["id"], "variant_sku": sku}],
        "confirm_by_message": True,
        "hide_phone_comments": True,
    }
    r = await tenant.put(f"/api/v1/livestreams/{live.id}/config", json=body)
    assert r.status_code == 200, r.text
    [item] = r.json()["items"]
    assert item["variant_sku"] == sku and item["variants"] == []
    assert r.json()["confirm_by_message"] and r.json()["hide_phone_comments"]

    async def put(items, **extra):
        return await tenant.put(
            f"/api/v1/livestreams/{live.id}/config", json={"items": items, **extra}
        )

    pid = live.products["quan"]["id"]
    r = await put([{"keyword": "A1", "product_id": pid}, {"keyword": "a1", "product_id": pid}])
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "items.1.keyword"
    r = await put([{"keyword": "Á1", "product_id": pid}, {"keyword": "a1", "product_id": pid}])
    assert r.status_code == 422
    r = await put([{"keyword": "A1", "product_id": 999999999}])
    assert r.status_code == 404
    r = await put([{"keyword": "A1", "product_id": pid, "variant_sku": "NOPE"}])
    assert r.status_code == 404
    r = await put([{"keyword": "---", "product_id": pid}])
    assert r.status_code == 422
    r = await put([{"keyword": "A1", "product_id": pid, "price": -1}])
    assert r.status_code == 422
    r = await put([], bot_template="Chào {ten}")
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "bot_template"
    r = await tenant.put(f"/api/v1/livestreams/{live.id}/config", json={"items": "x"})
    assert r.status_code == 422


async def test_workspace_isolation(tenant, make_tenant):
    live = await make_live(tenant)
    other = await make_tenant()
    for method, url, kw in [
        ("get", f"/api/v1/livestreams/{live.id}", {}),
        ("get", f"/api/v1/livestreams/{live.id}/config", {}),
        ("put", f"/api/v1/livestreams/{live.id}/config", {"json": {"items": []}}),
        ("post", f"/api/v1/livestreams/{live.id}/start", {}),
        ("post", f"/api/v1/livestreams/{live.id}/stop", {}),
        ("get", f"/api/v1/livestreams/{live.id}/orders", {}),
        ("get", f"/api/v1/livestreams/{live.id}/totals", {}),
        ("get", f"/api/v1/livestreams/{live.id}/comments", {}),
        (
            "post",
            f"/api/v1/livestreams/{live.id}/orders/bulk",
            {"json": {"ids": [1], "action": "confirm"}},
        ),
        ("post", f"/api/v1/livestreams/{live.id}/orders/print", {"json": {"ids": [1]}}),
    ]:
        r = await getattr(other, method)(url, **kw)
        assert r.status_code == 404, (url, r.text)
        assert r.json()["error"]["code"] == "not_found"
    r = await other.post("/api/v1/livestreams", json={"channel_id": live.channel_id, "title": "x"})
    assert r.status_code == 404
    # Their product cannot be put on sale in our livestream either.
    r = await tenant.put(
        f"/api/v1/livestreams/{live.id}/config",
        json={
            "items": [{"keyword": "X", "product_id": (await make_products(other))["quan"]["id"]}]
        },
    )
    assert r.status_code == 404
    assert (await other.get("/api/v1/livestreams")).json()["items"] == []


async def test_agents_run_the_board_but_do_not_configure(tenant, run_jobs):
    live = await make_live(tenant)
    agent = await tenant.add_member("agent")
    r = await agent.put(f"/api/v1/livestreams/{live.id}/config", json={"items": []})
    assert r.status_code == 403
    assert (await agent.post(f"/api/v1/livestreams/{live.id}/stop")).status_code == 403
    assert (
        await agent.post("/api/v1/livestreams", json={"channel_id": live.channel_id, "title": "x"})
    ).status_code == 403
    await live.comment("u1", f"Q02 {PHONE}")
    await run_jobs()
    r = await agent.get(f"/api/v1/livestreams/{live.id}/orders")
    assert r.status_code == 200 and len(r.json()["items"]) == 1
    order_id = r.json()["items"][0]["order"]["id"]
    r = await agent.post(
        f"/api/v1/livestreams/{live.id}/orders/bulk", json={"ids": [order_id], "action": "confirm"}
    )
    assert r.json() == {"done": [order_id], "failed": []}


async def test_bad_ids_are_4xx(tenant):
    for url in [
        "/api/v1/livestreams/abc",
        "/api/v1/livestreams/0",
        "/api/v1/livestreams/99999999999999999999",
    ]:
        r = await tenant.get(url)
        assert r.status_code in (404, 422), (url, r.status_code)
    r = await tenant.post("/api/v1/livestreams", json={"channel_id": 1})
    assert r.status_code == 422
    r = await tenant.get("/api/v1/livestreams", params={"cursor": "garbage!"})
    assert r.status_code == 422
    r = await tenant.get("/api/v1/livestreams", params={"status": "nope"})
    assert r.status_code == 422


async def test_board_by_status_history_bulk_and_print(tenant, run_jobs):
    live = await make_live(tenant)
    await live.comment("u1", f"Q02 {PHONE}")
    await live.comment("u2", "V03 x2 0987654321")
    await live.comment("u3", "Q02 0383222111")
    await run_jobs()
    orders = {o["id"]: o for o in await live.orders()}
    ids = sorted(orders)
    # Bulk confirm all three; close needs an address: each fails alone, clearly.
    r = await tenant.post(
        f"/api/v1/livestreams/{live.id}/orders/bulk", json={"ids": ids, "action": "confirm"}
    )
    assert sorted(r.json()["done"]) == sorted(ids)
    r = await tenant.patch(f"/api/v1/orders/{ids[0]}", json={"address": "12 Lê Lợi, Q1, HCM"})
    assert r.status_code == 200, r.text
    r = await tenant.post(
        f"/api/v1/livestreams/{live.id}/orders/bulk",
        json={"ids": [ids[0], ids[1], 987654321], "action": "close"},
    )
    body = r.json()
    assert body["done"] == [ids[0]]
    failed = {f["id"]: f["code"] for f in body["failed"]}
    assert failed == {ids[1]: "address_required", 987654321: "not_found"}
    r = await tenant.post(
        f"/api/v1/livestreams/{live.id}/orders/bulk", json={"ids": [ids[2]], "action": "cancel"}
    )
    assert r.json()["failed"][0]["code"] == "reason_required"
    r = await tenant.post(
        f"/api/v1/livestreams/{live.id}/orders/bulk",
        json={"ids": [ids[2]], "action": "cancel", "reason": "Khách bùng"},
    )
    assert r.json()["done"] == [ids[2]]
    by_status = await live.orders(status="confirmed")
    assert [o["id"] for o in by_status] == [ids[1]]
    both = await live.orders(status=["closed", "cancelled"])
    assert sorted(o["id"] for o in both) == sorted([ids[0], ids[2]])
    totals = await live.totals()
    assert totals["orders"] == 3
    assert totals["by_status"]["cancelled"] == 1 and totals["by_status"]["closed"] == 1
    assert totals["confirmed_rate"] == round(2 / 3, 4)
    assert totals["revenue"] == orders[ids[0]]["total"] + orders[ids[1]]["total"]
    # The customer's history: a cancelled ("bùng") order shows next to their next one.
    live2 = await make_live(tenant)
    r = await tenant.post(
        "/api/v1/livestreams",
        json={"channel_id": live.channel_id, "live_video_id": "v-next", "title": "Live 2"},
    )
    assert r.status_code == 201
    r = await tenant.get(f"/api/v1/livestreams/{live.id}/orders")
    rows = {row["order"]["id"]: row for row in r.json()["items"]}
    assert rows[ids[2]]["history"]["cancelled_orders_count"] == 1
    assert live2.id != live.id
    r = await tenant.post(f"/api/v1/livestreams/{live.id}/orders/print", json={"ids": [ids[0]]})
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert orders[ids[0]]["code"] in r.text and orders[ids[1]]["code"] not in r.text


async def test_comment_feed_shows_what_was_understood(tenant, run_jobs):
    live = await make_live(tenant)
    await live.comment("u1", f"A01 size M màu đen {PHONE}")
    await live.comment("u2", "hàng đẹp quá")
    await run_jobs()
    feed = await live.comments()
    assert [c["outcome"] for c in feed] == ["not_understood", "order_created"]
    parsed = feed[1]["parsed"]
    assert parsed["items"][0]["variant_sku"].endswith("-M-DEN")
    assert parsed["phone"] == "+84912345678" and parsed["missing"] == []
    assert feed[1]["order_code"] and feed[1]["customer_name"] == "Khách u1"
    only = await live.comments(outcome="order_created")
    assert len(only) == 1
    page1 = await tenant.get(f"/api/v1/livestreams/{live.id}/comments", params={"limit": 1})
    assert page1.json()["next_cursor"]
    page2 = await tenant.get(
        f"/api/v1/livestreams/{live.id}/comments",
        params={"limit": 1, "cursor": page1.json()["next_cursor"]},
    )
    assert page2.json()["items"][0]["id"] == feed[1]["id"]


async def test_end_livestream_stops_orders(tenant, run_jobs):
    live = await make_live(tenant)
    r = await tenant.post(f"/api/v1/livestreams/{live.id}/end")
    assert r.json()["status"] == "ended" and r.json()["accepting_orders"] is False
    await live.comment("u1", f"Q02 {PHONE}")
    await run_jobs()
    assert await live.orders() == []
    r = await tenant.patch(f"/api/v1/livestreams/{live.id}", json={"title": "Live đã xong"})
    assert r.json()["title"] == "Live đã xong"


async def test_status_follows_the_live_video(tenant):
    channel_id = await make_channel(tenant.workspace_id)
    post_id = await _live_post(channel_id, "v-status")
    r = await tenant.post(
        "/api/v1/livestreams", json={"channel_id": channel_id, "post_id": post_id, "title": "A"}
    )
    on_air = r.json()["id"]
    r = await tenant.post("/api/v1/livestreams", json={"channel_id": channel_id, "title": "B"})
    prepared = r.json()["id"]

    async def ids(status):
        r = await tenant.get("/api/v1/livestreams", params={"status": status})
        return [ls["id"] for ls in r.json()["items"]]

    assert await ids("live") == [on_air]
    assert await ids("scheduled") == [prepared]
    assert await ids("ended") == []
    await _live_post(channel_id, "v-status", status="vod")  # Facebook: the video ended
    assert await ids("ended") == [on_air]
    assert await ids("live") == []
    r = await tenant.get(f"/api/v1/livestreams/{on_air}")
    assert r.json()["status"] == "ended"


async def test_a_post_is_found_by_the_pages_facebook_id_too(tenant, make_tenant):
    """Staff paste the id Facebook shows ("{page}_{post}" or the bare post id): POST
    /livestreams and /attach take it as well as ours (they answered 404 before)."""
    channel_id = await make_channel(tenant.workspace_id)
    async with unit_of_work() as session:
        page = (await session.get_one(Channel, channel_id)).external_id
    await _live_post(channel_id, "98765")
    await _live_post(channel_id, "44444")
    r = await tenant.post(
        "/api/v1/livestreams",
        json={"channel_id": channel_id, "post_id": f"{page}_98765", "title": "Dán id Facebook"},
    )
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "live"
    r = await tenant.post(
        "/api/v1/livestreams", json={"channel_id": channel_id, "title": "Gắn sau"}
    )
    live_id = r.json()["id"]
    r = await tenant.post(f"/api/v1/livestreams/{live_id}/attach", params={"post_id": "44444"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "live"
    # Unknown ids and another workspace's posts are not found.
    for value in ("nope", f"{page}_1", "0"):
        r = await tenant.post(
            "/api/v1/livestreams", json={"channel_id": channel_id, "post_id": value, "title": "x"}
        )
        assert r.status_code == 404 and r.json()["error"]["code"] == "post_not_found", value
    stranger = await make_tenant()
    other_channel = await make_channel(stranger.workspace_id)
    r = await stranger.post(
        "/api/v1/livestreams",
        json={"channel_id": other_channel, "post_id": f"{page}_98765", "title": "x"},
    )
    assert r.status_code == 404


async def test_confirmation_and_phone_hiding_are_on_by_default(tenant, run_jobs):
    live = await make_live(tenant)  # the configuration does not mention them
    config = (await tenant.get(f"/api/v1/livestreams/{live.id}/config")).json()
    assert config["confirm_by_message"] is True and config["hide_phone_comments"] is True
    await live.comment("u1", "Q02 0912345678")
    await run_jobs()
    [comment] = await live.comments()
    assert comment["parsed"]["hidden"] is True and comment["parsed"]["bot"] == "sent"
    # Turned off explicitly, they stay off when the products change.
    r = await tenant.put(
        f"/api/v1/livestreams/{live.id}/config",
        json={"items": default_items(live.products), "confirm_by_message": False},
    )
    assert r.json()["confirm_by_message"] is False and r.json()["hide_phone_comments"] is True
    r = await tenant.put(
        f"/api/v1/livestreams/{live.id}/config", json={"items": default_items(live.products)}
    )
    assert r.json()["confirm_by_message"] is False
