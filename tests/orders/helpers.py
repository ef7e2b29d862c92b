"""Setup helpers for order tests: the shared shop helpers plus a default warehouse."""

from __future__ import annotations

from chotdon.core.db import unit_of_work
from chotdon.orders.models import Warehouse
from support.shop import customer_says, events_of, make_channel, make_product

__all__ = ["customer_says", "events_of", "make_channel", "make_product", "make_warehouse"]


async def make_warehouse(workspace_id: int) -> int:
    async with unit_of_work() as session:
        warehouse = Warehouse(workspace_id=workspace_id, name="Kho chính", is_default=True)
        session.add(warehouse)
        await session.flush()
        return warehouse.id
