"""Orders saved before addresses had codes (migration 0017) get the codes of their text once:
a resumable job reads them in batches, and shipping an order it has not reached yet keeps the
codes it read, so later quotes and bookings use codes."""

from __future__ import annotations

from sqlalchemy import select, update

from support.carriers import enable_carriers

from .helpers import HCM_LEGACY, closed_order

CODE_COLUMNS = ("address_scheme", "province_code", "ward_code", "street")


async def _as_before_0017(order_id: int) -> None:
    from chotdon.core.db import unit_of_work
    from chotdon.orders.models import Order

    async with unit_of_work() as session:
        await session.execute(
            update(Order).where(Order.id == order_id).values(dict.fromkeys(CODE_COLUMNS))
        )


async def _codes(order_id: int) -> tuple:
    from chotdon.core.db import unit_of_work
    from chotdon.orders.models import Order

    async with unit_of_work() as session:
        return (
            await session.execute(
                select(*(getattr(Order, c) for c in CODE_COLUMNS)).where(Order.id == order_id)
            )
        ).one()


async def test_the_job_reads_old_orders_once_and_resumes_where_it_stopped(tenant) -> None:
    from chotdon.core.redis import get_redis
    from chotdon.shipping.jobs import ORDER_ADDRESS_CURSOR, read_order_addresses

    unreadable = await closed_order(tenant, "em lấy 2 cái nhé")
    first = await closed_order(tenant, HCM_LEGACY)
    second = await closed_order(tenant)  # HN_2025
    for order in (unreadable, first, second):
        await _as_before_0017(order["id"])
    # earlier runs did every order before these
    await get_redis().set(ORDER_ADDRESS_CURSOR, unreadable["id"] - 1)

    assert await read_order_addresses({}, batch=2, batches=1) == 1  # unreadable + first
    assert await _codes(first["id"]) == ("legacy", "79", "26992", "59 Nguyễn Sỹ Sách")
    assert (await _codes(second["id"]))[0] is None  # not reached yet
    assert int(await get_redis().get(ORDER_ADDRESS_CURSOR)) == first["id"]

    assert await read_order_addresses({}, batch=2, batches=5) >= 1  # goes on from there
    assert (await _codes(second["id"]))[:2] == ("2025", "01")
    assert await _codes(unreadable["id"]) == (None, None, None, None)  # read once, left
    assert await read_order_addresses({}) == 0  # nothing left: nothing read twice
    body = (await tenant.get(f"/api/v1/orders/{first['id']}")).json()
    assert body["structured_address"]["ward"] == "Phường 10"


async def test_shipping_an_order_not_reached_yet_keeps_its_codes(
    tenant, carrier_sims, app_server
) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url, ("ghtk",))
    order = await closed_order(tenant, HCM_LEGACY)
    await _as_before_0017(order["id"])
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipping-quotes")
    assert r.status_code == 200 and r.json()["errors"] == [], r.text
    assert (await _codes(order["id"]))[:3] == ("legacy", "79", "26992")
