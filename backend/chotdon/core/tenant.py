"""Queries scoped to one workspace, so that a missing tenant filter is hard to write."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core.errors import NotFound

T = TypeVar("T")


def owned(model: type[T], workspace_id: int) -> Select[T]:
    """`SELECT model WHERE workspace_id = :workspace_id`; add more filters on top."""
    return select(model).where(model.workspace_id == workspace_id)  # type: ignore[attr-defined,return-value]


async def get_owned(
    session: AsyncSession,
    model: type[T],
    id: Any,
    workspace_id: int,
    *,
    for_update: bool = False,
    label: str | None = None,
) -> T:
    """Load one row of this workspace or raise 404: another workspace's id is simply not found."""
    try:
        key = int(id)
    except (TypeError, ValueError):
        key = None
    if key is None or not (0 < key < 2**63):
        raise NotFound(f"{label or model.__name__} not found")
    stmt = owned(model, workspace_id).where(model.id == key)  # type: ignore[attr-defined]
    if for_update:
        stmt = stmt.with_for_update()
    row = (await session.execute(stmt)).scalar_one_or_none()
    if row is None:
        raise NotFound(f"{label or model.__name__} not found")
    return row
