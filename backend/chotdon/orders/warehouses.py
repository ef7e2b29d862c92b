"""Stock locations. Exactly one is the default while any exist (automatic drafts need it)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy import update as sa_update
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core import locks
from chotdon.core.tenant import get_owned
from chotdon.orders.models import Warehouse
from chotdon.orders.schemas import WarehouseIn, WarehousePatch


async def _make_default(session: AsyncSession, workspace_id: int, warehouse_id: int) -> None:
    await session.execute(
        sa_update(Warehouse)
        .where(Warehouse.workspace_id == workspace_id)
        .values(is_default=Warehouse.id == warehouse_id)
        .execution_options(synchronize_session="fetch")
    )


async def _first_id(session: AsyncSession, workspace_id: int) -> int | None:
    return (
        await session.execute(
            select(Warehouse.id)
            .where(Warehouse.workspace_id == workspace_id)
            .order_by(Warehouse.id)
            .limit(1)
        )
    ).scalar_one_or_none()


async def _has_default(session: AsyncSession, workspace_id: int) -> bool:
    return (
        await session.execute(
            select(Warehouse.id).where(
                Warehouse.workspace_id == workspace_id, Warehouse.is_default.is_(True)
            )
        )
    ).first() is not None


async def create(session: AsyncSession, workspace_id: int, body: WarehouseIn) -> Warehouse:
    await locks.lock(session, "warehouses", workspace_id)
    warehouse = Warehouse(
        workspace_id=workspace_id,
        name=body.name.strip(),
        address=body.address,
        is_default=False,
    )
    session.add(warehouse)
    await session.flush()
    if body.is_default or not await _has_default(session, workspace_id):
        await _make_default(session, workspace_id, warehouse.id)
    await session.refresh(warehouse)
    return warehouse


async def update(
    session: AsyncSession, workspace_id: int, warehouse_id: int, body: WarehousePatch
) -> Warehouse:
    await locks.lock(session, "warehouses", workspace_id)
    warehouse = await get_owned(session, Warehouse, warehouse_id, workspace_id, label="Warehouse")
    if body.name is not None:
        warehouse.name = body.name.strip()
    if "address" in body.model_fields_set:
        warehouse.address = body.address
    await session.flush()
    if body.is_default:
        await _make_default(session, workspace_id, warehouse.id)
    await session.refresh(warehouse)
    return warehouse


async def delete(session: AsyncSession, workspace_id: int, warehouse_id: int) -> None:
    await locks.lock(session, "warehouses", workspace_id)
    warehouse = await get_owned(session, Warehouse, warehouse_id, workspace_id, label="Warehouse")
    await session.delete(warehouse)
    await session.flush()
    if not await _has_default(session, workspace_id):
        first = await _first_id(session, workspace_id)
        if first is not None:
            await _make_default(session, workspace_id, first)
