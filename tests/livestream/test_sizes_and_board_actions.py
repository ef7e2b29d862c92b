"""Sizes as customers write them, keyword + phone always an order, staff completing comments
on the board (issue #12 items 7, 8, 9), through the ingestion path and the HTTP API."""

from __future__ import annotations

import uuid

from .helpers import lines, make_live

PHONE = "0912345678"


async def _sized_products(tenant) -> dict[str, dict]:
    """Products made the way the product form makes them: variants named "Size M"."""
    tag = uuid.uuid4().hex[:6]
    out = {}
    for code, name in (("A01", "Áo khoác"), ("B01", "Áo sơ mi")):
        body = {
            "sku": f"{code}-{tag}",
            "name": name,
            "price": 200_000,
            "variants": [
                {"sku": f"{code}-{tag}-{s}", "name": f"Size {s}", "stock": 20} for s in "MLX"
            ],
        }
        body["variants"][2]["name"] = "Size XL"
        r = await tenant.post("/api/v1/products", json=body)
        assert r.status_code == 201, r.text
        out[code] = r.json()
    r = await tenant.post(
        "/api/v1/products", json={"sku": f"C01-{tag}", "name": "Nón", "price": 50_000}
    )
    assert r.status_code == 201, r.text
    out["C01"] = r.json()
    return out


async def _sized_live(tenant, **options):
    live = await make_live(tenant, **options)
    products = await _sized_products(tenant)
    items = [{"keyword": k, "product_id": p["id"]} for k, p in products.items()]
    r = await tenant.put(f"/api/v1/livestreams/{live.id}/config", json={"items": items, **options})
    assert r.status_code == 200, r.text
    live.products = products
    return live, {i["keyword"]: i for i in r.json()["items"]}


def _sizes(order: dict) -> list[tuple[str | None, str | None, int]]:
    return sorted(
        (
            i["keyword"],
            i["name"].rsplit(" ", 1)[-1] if not i["needs_variant"] else None,
            i["quantity"],
        )
        for i in order["items"]
    )


async def test_a_live_written_the_way_customers_write_ends_with_correct_orders(tenant, run_jobs):
    live, _ = await _sized_live(tenant)
    await live.comment("u1", "A01 M 0912 345 601")
    await live.comment("u2", "a01 l 0912345602")
    await live.comment("u3", "chốt A01 sz L 0912345603")
    await live.comment("u4", "A01 L, 0912.345.604")
    await live.comment("u5", "A1 xl 0912345605")
    await live.comment("u6", "B01 A01 L 0912345606")  # two products, one size after them
    await live.comment("u7", "a1 m x2 c1 0912345607")
    await run_jobs()
    orders = {o["phone"][-2:]: o for o in await live.orders()}
    assert len(orders) == 7
    assert _sizes(orders["01"]) == [("A01", "M", 1)]
    assert _sizes(orders["02"]) == [("A01", "L", 1)]
    assert _sizes(orders["03"]) == [("A01", "L", 1)]
    assert _sizes(orders["04"]) == [("A01", "L", 1)]
    assert _sizes(orders["05"]) == [("A01", "XL", 1)]
    assert _sizes(orders["06"]) == [("A01", "L", 1), ("B01", "L", 1)]
    assert _sizes(orders["07"]) == [("A01", "M", 2), ("C01", "Nón", 1)]
    assert all(o["missing"] == ["address"] for o in orders.values())
    # Nothing for staff to fix: no comment needs action.
    assert await live.comments(outcome="needs_action") == []


async def test_keyword_and_phone_always_make_an_order(tenant, run_jobs):
    live, _ = await _sized_live(tenant)
    await live.comment("u1", f"A01 {PHONE}")  # no size
    await live.comment("u2", "B01 A01 0987654321")  # two products, no size
    await live.comment("u3", "A01 size S 0911222333")  # a size the product does not have
    await run_jobs()
    orders = {o["phone"]: o for o in await live.orders()}
    assert len(orders) == 3
    assert _sizes(orders["+84912345678"]) == [("A01", None, 1)]
    assert _sizes(orders["+84987654321"]) == [("A01", None, 1), ("B01", None, 1)]
    assert _sizes(orders["+84911222333"]) == [("A01", None, 1)]
    for order in orders.values():
        assert "variant" in order["missing"] and order["status"] == "draft"
        assert order["total"] > 0  # priced at the product's price meanwhile
    flagged = await live.comments(outcome="needs_action")
    assert {c["outcome"] for c in flagged} == {"missing_variant"} and len(flagged) == 3
    assert all(c["order_code"] for c in flagged)


async def test_staff_pick_the_size_of_a_flagged_comment(tenant, run_jobs):
    live, items = await _sized_live(tenant)
    cid = await live.comment("u1", f"A01 x2 {PHONE}")
    await run_jobs()
    [comment] = await live.comments(outcome="needs_action")
    large = next(v for v in live.products["A01"]["variants"] if v["name"] == "Size L")
    r = await tenant.post(
        f"/api/v1/livestreams/{live.id}/comments/{comment['id']}/resolve",
        json={"items": [{"item_id": items["A01"]["id"], "variant_id": large["id"]}]},
    )
    assert r.status_code == 200, r.text
    assert r.json()["outcome"] == "order_created" and r.json()["order_code"]
    [order] = await live.orders()
    assert _sizes(order) == [("A01", "L", 2)] and "variant" not in order["missing"]
    assert await live.comments(outcome="needs_action") == []
    # The choice stays when the customer edits the comment's text later.
    await live.comment("u1", f"A01 x2 {PHONE} nhé", cid=cid, verb="edited")
    await run_jobs()
    [order] = await live.orders()
    assert _sizes(order) == [("A01", "L", 2)]


async def test_staff_give_the_phone_of_a_comment_that_has_none(tenant, run_jobs):
    live, items = await _sized_live(tenant)
    await live.comment("u1", "C01 x3")
    await live.comment("u2", "đẹp quá, lấy cái nón")  # not understood
    await run_jobs()
    assert await live.orders() == []
    [waiting] = await live.comments(outcome="needs_action")
    assert waiting["outcome"] == "missing_phone"
    r = await tenant.post(
        f"/api/v1/livestreams/{live.id}/comments/{waiting['id']}/resolve",
        json={"phone": "0912 345 678"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["outcome"] == "order_created"
    # A comment the parser did not understand: staff say which product it meant.
    [chatter] = await live.comments(outcome="not_understood")
    r = await tenant.post(
        f"/api/v1/livestreams/{live.id}/comments/{chatter['id']}/resolve",
        json={"phone": "0987654321", "items": [{"item_id": items["C01"]["id"]}]},
    )
    assert r.status_code == 200, r.text
    orders = {o["phone"]: o for o in await live.orders()}
    assert lines(orders["+84912345678"]) == [("C01", 3)]
    assert lines(orders["+84987654321"]) == [("C01", 1)]


async def test_resolve_refuses_bad_input_and_other_workspaces(tenant, make_tenant, run_jobs):
    live, items = await _sized_live(tenant)
    await live.comment("u1", "A01")
    await run_jobs()
    [comment] = await live.comments()
    url = f"/api/v1/livestreams/{live.id}/comments/{comment['id']}/resolve"
    r = await tenant.post(url, json={"phone": "12345"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error"
    other = next(v for v in live.products["B01"]["variants"])
    r = await tenant.post(
        url, json={"items": [{"item_id": items["A01"]["id"], "variant_id": other["id"]}]}
    )
    assert r.status_code == 422
    r = await tenant.post(url, json={"items": [{"item_id": 2**40}]})
    assert r.status_code == 422
    r = await tenant.post(url, json={"items": [{"item_id": items["A01"]["id"], "quantity": 0}]})
    assert r.status_code == 422
    r = await tenant.post(f"/api/v1/livestreams/{live.id}/comments/{2**40}/resolve", json={})
    assert r.status_code == 404
    stranger = await make_tenant()
    r = await stranger.post(url, json={"phone": PHONE})
    assert r.status_code == 404
    # Nothing changed by the refused calls.
    [comment] = await live.comments()
    assert comment["outcome"] == "missing_phone" and "staff" not in comment["parsed"]


async def test_end_live_stops_orders_even_while_the_video_runs(tenant, run_jobs):
    live, _ = await _sized_live(tenant)
    await live.comment("u1", f"C01 {PHONE}")  # the video's post is known and live
    await run_jobs()
    agent = await tenant.add_member("agent")
    assert (await agent.post(f"/api/v1/livestreams/{live.id}/end")).status_code == 403
    r = await tenant.post(f"/api/v1/livestreams/{live.id}/end")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "ended" and r.json()["accepting_orders"] is False
    await live.comment("u2", "C01 0987654321")
    await run_jobs()
    assert len(await live.orders()) == 1
    r = await tenant.get(f"/api/v1/livestreams/{live.id}")
    assert r.json()["status"] == "ended"


async def test_per_live_stock_sells_out_and_per_customer_max_caps(tenant, run_jobs):
    """ "Giới hạn SL" is two settings: a customer's maximum and the livestream's stock."""
    live, _ = await _sized_live(tenant)
    body = {
        "items": [
            {
                "keyword": "C01",
                "product_id": live.products["C01"]["id"],
                "quantity_limit": 2,
                "stock_limit": 3,
            },
        ]
    }
    r = await tenant.put(f"/api/v1/livestreams/{live.id}/config", json=body)
    assert r.status_code == 200, r.text
    await live.comment("u1", "C01 x5 0912345601")  # capped at the customer's maximum: 2
    await live.comment("u2", "C01 x2 0912345602")  # one unit left for her
    await live.comment("u3", "C01 0912345603")  # sold out
    await run_jobs()
    orders = {o["phone"][-2:]: o for o in await live.orders()}
    assert lines(orders["01"]) == [("C01", 2)]
    assert lines(orders["02"]) == [("C01", 1)]
    assert "03" not in orders
    outcomes = {c["text"][:6]: c["outcome"] for c in await live.comments()}
    assert outcomes["C01 0912345603"[:6]] == "sold_out"
    config = (await tenant.get(f"/api/v1/livestreams/{live.id}/config")).json()
    [c01] = config["items"]
    assert (c01["stock_limit"], c01["sold"], c01["quantity_limit"]) == (3, 3, 2)
    # A cancelled order gives its units back.
    r = await tenant.post(
        f"/api/v1/orders/{orders['01']['id']}/transition",
        json={"to": "cancelled", "reason": "Khách bùng"},
    )
    assert r.status_code == 200, r.text
    await live.comment("u4", "C01 0912345604")
    await run_jobs()
    assert "04" in {o["phone"][-2:] for o in await live.orders()}


async def test_per_live_stock_never_oversells_under_concurrent_comments(tenant, run_jobs):
    """Two customers complete their comments for the last unit at the same moment: the two
    comment jobs run at once in two transactions; one gets the unit, the other "hết hàng"."""
    import asyncio

    from sqlalchemy import select

    from chotdon.core.db import unit_of_work
    from chotdon.livestream import intake
    from chotdon.livestream.models import LivestreamComment

    live, _ = await _sized_live(tenant)
    body = {
        "items": [{"keyword": "C01", "product_id": live.products["C01"]["id"], "stock_limit": 1}]
    }
    r = await tenant.put(f"/api/v1/livestreams/{live.id}/config", json=body)
    assert r.status_code == 200, r.text
    first = await live.comment("u1", "C01")
    second = await live.comment("u2", "C01")
    await run_jobs()
    assert {c["outcome"] for c in await live.comments()} == {"missing_phone"}
    # Both edit their comment to add the phone; the two jobs run concurrently.
    await live.comment("u1", "C01 0912345601", cid=first, verb="edited")
    await live.comment("u2", "C01 0912345602", cid=second, verb="edited")
    async with unit_of_work() as session:
        ids = list(
            (
                await session.execute(
                    select(LivestreamComment.id).where(LivestreamComment.livestream_id == live.id)
                )
            ).scalars()
        )

    async def job(lc_id: int) -> None:
        async with unit_of_work() as session:
            await intake.process_comment(session, lc_id)

    await asyncio.gather(*(job(i) for i in ids))
    await run_jobs()
    orders = await live.orders()
    assert sum(q for o in orders for _, q in lines(o)) == 1
    assert sorted(c["outcome"] for c in await live.comments()) == ["order_created", "sold_out"]
    config = (await tenant.get(f"/api/v1/livestreams/{live.id}/config")).json()
    assert config["items"][0]["sold"] == 1


async def test_orders_are_taken_only_once_products_are_configured(tenant, run_jobs):
    """A live without a product on sale creates no order and says why; configured, it does."""
    live = await make_live(tenant, items=[])
    got = (await tenant.get(f"/api/v1/livestreams/{live.id}")).json()
    assert got["accepting_orders"] is True and got["not_taking_orders"] == "no_products"
    await live.comment("u1", "A01 0912345601")
    await live.comment("u2", "0912345602")
    await run_jobs()
    assert await live.orders() == []
    assert {c["outcome"] for c in await live.comments()} == {"not_configured"}
    await live.configure()
    got = (await tenant.get(f"/api/v1/livestreams/{live.id}")).json()
    assert got["not_taking_orders"] is None
    await live.comment("u3", "A01 M đỏ 0912345603")
    await run_jobs()
    assert [o["phone"][-2:] for o in await live.orders()] == ["03"]
    r = await tenant.post(f"/api/v1/livestreams/{live.id}/stop")
    assert r.status_code == 200 and r.json()["not_taking_orders"] == "stopped"
    r = await tenant.post(f"/api/v1/livestreams/{live.id}/end")
    assert r.status_code == 200 and r.json()["not_taking_orders"] == "ended"
    listed = (await tenant.get("/api/v1/livestreams")).json()["items"]
    assert next(x for x in listed if x["id"] == live.id)["not_taking_orders"] == "ended"


async def test_auto_livestream_takes_orders_on_every_new_live_of_the_page(tenant, run_jobs):
    """With the channel's `auto_livestream`, a live video without a prepared livestream gets one
    configured like the page's last (the demo's page goes live every few minutes)."""
    from .helpers import Live

    live = await make_live(tenant, channel_settings={"auto_livestream": True}, items=None)
    await live.comment("u1", "Q02 0912345601")
    await run_jobs()
    assert len(await live.orders()) == 1
    tomorrow = Live(
        tenant, live.channel_id, {}, live.products, f"{live.video_id}-2", live.page_external_id
    )
    await tomorrow.comment("u2", "Q02 x2 0912345602")
    await run_jobs()
    listed = (await tenant.get("/api/v1/livestreams")).json()["items"]
    [new] = [x for x in listed if x["id"] != live.id]
    assert new["live_video_id"] == tomorrow.video_id and new["status"] == "live"
    assert new["items_count"] == 3 and new["not_taking_orders"] is None
    tomorrow.livestream = new
    assert [lines(o) for o in await tomorrow.orders()] == [[("Q02", 2)]]
    # Without the setting a new live video stays without a livestream.
    r = await tenant.patch(
        f"/api/v1/channels/{live.channel_id}", json={"settings": {"auto_livestream": False}}
    )
    assert r.status_code == 200, r.text
    third = Live(
        tenant, live.channel_id, {}, live.products, f"{live.video_id}-3", live.page_external_id
    )
    await third.comment("u3", "Q02 0912345603")
    await run_jobs()
    assert len((await tenant.get("/api/v1/livestreams")).json()["items"]) == 2
