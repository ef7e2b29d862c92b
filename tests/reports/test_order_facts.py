"""The orders report reads its facts (`report_order_counts`, kept by a trigger on `orders`),
never the orders: the facts must always add up to what the orders say, whichever way an
order was created, moved or edited, and migration 0019's backfill must give the same."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sqlalchemy import text, update

from chotdon.core.db import unit_of_work
from chotdon.orders.models import Order
from support.shop import make_product

from .test_order_report import COMPLETE, _order

MIGRATION = Path(__file__).parents[2] / "migrations/versions/0019_report_order_counts.py"
KEY = """date_trunc('hour', created_at)
  + floor(extract(minute FROM created_at) / 15) * interval '15 minutes',
  source, coalesce(channel_id, 0), coalesce(created_by_id, 0), coalesce(livestream_id, 0),
  status, coalesce(status = 'cancelled' AND cancel_reason = 'returned', false)"""
FROM_ORDERS = f"""SELECT {KEY}, count(*), sum(total) FROM orders WHERE workspace_id = :ws
  GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7"""
FROM_FACTS = """SELECT quarter, source, channel_id, user_id, livestream_id, status, returned,
  sum(orders), sum(total) FROM report_order_counts WHERE workspace_id = :ws
  GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(orders) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7"""


async def _rows(sql: str, workspace_id: int) -> list[tuple]:
    async with unit_of_work() as session:
        return [tuple(r) for r in await session.execute(text(sql), {"ws": workspace_id})]


async def test_facts_follow_every_change_of_the_orders(tenant) -> None:
    agent = await tenant.add_member("agent", name="Lan")
    product_id, _ = await make_product(tenant.workspace_id, price=100_000, stock=100)
    await _order(tenant, product_id, 2, *COMPLETE)
    await _order(agent, product_id, 1, ("confirmed", None), ("cancelled", "returned"))
    await _order(tenant, product_id, 1, ("cancelled", "Khách đổi ý"))
    draft = await _order(tenant, product_id, 3)
    # Changes outside the API's paths too: a bulk UPDATE and an order moved to another day.
    async with unit_of_work() as session:
        await session.execute(
            update(Order).where(Order.id == draft["id"]).values(total=Order.total + 5_000)
        )
        await session.execute(
            text("UPDATE orders SET created_at = created_at - interval '3 days' WHERE id = :id"),
            {"id": draft["id"]},
        )
    expected = await _rows(FROM_ORDERS, tenant.workspace_id)
    assert len(expected) == 4
    assert [(*r[:7], r[7], r[8]) for r in await _rows(FROM_FACTS, tenant.workspace_id)] == [
        (*r[:7], r[7], r[8]) for r in expected
    ]


async def test_backfill_gives_what_the_trigger_kept(tenant) -> None:
    spec = importlib.util.spec_from_file_location("order_facts_migration", MIGRATION)
    assert spec and spec.loader
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    product_id, _ = await make_product(tenant.workspace_id, price=50_000, stock=100)
    await _order(tenant, product_id, 1, *COMPLETE)
    await _order(tenant, product_id, 2, ("confirmed", None))
    live = await _rows(FROM_FACTS, tenant.workspace_id)
    async with unit_of_work() as session:
        # Temporary tables shadow the real ones: the backfill sees only this workspace.
        await session.execute(
            text("CREATE TEMP TABLE orders ON COMMIT DROP AS"
                 " SELECT * FROM public.orders WHERE workspace_id = :ws"),
            {"ws": tenant.workspace_id},
        )  # fmt: skip
        await session.execute(
            text("CREATE TEMP TABLE report_order_counts"
                 " (LIKE public.report_order_counts INCLUDING DEFAULTS) ON COMMIT DROP")
        )  # fmt: skip
        await session.execute(text(migration.BACKFILL))
        rows = await session.execute(text(FROM_FACTS), {"ws": tenant.workspace_id})
        backfilled = [tuple(r) for r in rows]
        await session.rollback()
    assert backfilled == live
