"""A bulk booking runs in chunks (`jobs.book_shipments`): each order is booked once even when a
chunk runs twice or an order was booked meanwhile, and an order that cannot ship fails alone."""

from __future__ import annotations

from support.carriers import enable_carriers

from .helpers import closed_order


async def test_a_chunk_run_twice_books_each_order_once_and_one_bad_order_fails_alone(
    tenant, carrier_sims, app_server
) -> None:
    from chotdon.shipping.jobs import book_shipments

    await enable_carriers(tenant, carrier_sims, app_server.url, ("ghtk",))
    orders = [await closed_order(tenant) for _ in range(4)]
    ids = [o["id"] for o in orders]
    # one booked by hand before the bulk runs
    r = await tenant.post(f"/api/v1/orders/{ids[0]}/shipments", json={"carrier": "ghtk"})
    assert r.status_code == 201, r.text
    # one not closed any more: it cannot ship, the others still do
    r = await tenant.post(
        f"/api/v1/orders/{ids[1]}/transition", json={"to": "cancelled", "reason": "khách huỷ"}
    )
    assert r.status_code == 200, r.text

    first = await book_shipments({}, tenant.workspace_id, ids, "ghtk")
    assert first == {"already booked": 1, "failed: order_not_closed": 1, "booked": 2}
    again = await book_shipments({}, tenant.workspace_id, ids, "ghtk")  # a retried job
    assert again == {"already booked": 3, "failed: order_not_closed": 1}
    references = [s["reference"] for s in await carrier_sims["ghtk"].shipments(tenant)]
    for order in orders:
        assert references.count(order["code"]) == (0 if order["id"] == ids[1] else 1)


async def test_a_chunk_for_a_disabled_carrier_books_nothing(
    tenant, carrier_sims, app_server
) -> None:
    from chotdon.shipping.jobs import book_shipments

    order = await closed_order(tenant)
    assert await book_shipments({}, tenant.workspace_id, [order["id"]], "ghn") == {
        "failed: carrier_disabled": 1
    }
    r = await tenant.get(f"/api/v1/orders/{order['id']}/shipments")
    assert r.json()["items"] == []
