"""Stock reservations as conditional UPDATEs: the database decides who gets the last item.

`reserve` runs `UPDATE ... SET reserved = reserved + q WHERE stock - reserved >= q` per product
or variant. PostgreSQL re-checks the WHERE clause after waiting for a concurrent writer of the
same row, so two agents confirming the last item cannot both succeed. Rows are touched in id
order so that two orders with the same products never deadlock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core.errors import Conflict
from chotdon.orders.models import Product, ProductVariant
from chotdon.orders.state_machine import StockEffect


@dataclass(frozen=True, slots=True)
class StockLine:
    product_id: int | None
    variant_id: int | None
    quantity: int


class OutOfStock(Conflict):
    code = "out_of_stock"
    message = "Not enough stock"


def _group(lines: Iterable[StockLine]) -> list[tuple[str, int, int]]:
    """[(kind, id, quantity)] summed per product/variant, in a stable lock order."""
    sums: dict[tuple[str, int], int] = defaultdict(int)
    for line in lines:
        if line.variant_id is not None:
            sums[("variant", line.variant_id)] += line.quantity
        elif line.product_id is not None:
            sums[("product", line.product_id)] += line.quantity
    return sorted(((kind, id_, q) for (kind, id_), q in sums.items() if q), key=lambda t: t[:2])


async def apply(
    session: AsyncSession, workspace_id: int, lines: Iterable[StockLine], effect: StockEffect
) -> None:
    """Reserve, release or consume stock for `lines`. Raises OutOfStock (nothing changed)."""
    grouped = _group(lines)
    if not grouped:
        return
    async with session.begin_nested():  # a refusal undoes the lines reserved before it
        shortages = []
        for kind, id_, quantity in grouped:
            model: Any = ProductVariant if kind == "variant" else Product
            if quantity < 0:  # a negative delta (fewer items) is a release
                await _update(session, model, workspace_id, id_, -quantity, "release")
                continue
            changed = await _update(session, model, workspace_id, id_, quantity, effect)
            if not changed and effect == "reserve":
                shortages.append(await _shortage(session, model, workspace_id, id_, quantity))
        if shortages:
            names = ", ".join(f"{s['name']} (còn {s['available']})" for s in shortages)
            raise OutOfStock(f"Not enough stock: {names}", details=shortages)


async def _update(
    session: AsyncSession, model: Any, workspace_id: int, id_: int, quantity: int, effect: str
) -> bool:
    stmt = update(model).where(model.id == id_, model.workspace_id == workspace_id)
    if effect == "reserve":
        stmt = stmt.where(model.stock - model.reserved >= quantity).values(
            reserved=model.reserved + quantity
        )
    elif effect == "release":
        stmt = stmt.values(reserved=func.greatest(model.reserved - quantity, 0))
    elif effect == "consume":
        stmt = stmt.values(
            stock=func.greatest(model.stock - quantity, 0),
            reserved=func.greatest(model.reserved - quantity, 0),
        )
    else:  # pragma: no cover - StockEffect is closed
        raise ValueError(effect)
    result = await session.execute(
        stmt.returning(model.id).execution_options(synchronize_session=False)
    )
    return result.scalar_one_or_none() is not None


async def _shortage(
    session: AsyncSession, model: Any, workspace_id: int, id_: int, quantity: int
) -> dict[str, Any]:
    """What the refusal tells the agent: which item, how many asked, how many are left."""
    columns = [model.sku, model.name, model.stock, model.reserved]
    stmt = select(*columns).where(model.id == id_, model.workspace_id == workspace_id)
    if model is ProductVariant:
        stmt = stmt.add_columns(Product.name.label("product_name")).join(
            Product, Product.id == ProductVariant.product_id
        )
    row = (await session.execute(stmt)).one_or_none()
    if row is None:
        return {"id": id_, "sku": None, "name": "?", "requested": quantity, "available": 0}
    name = f"{row.product_name} - {row.name}" if model is ProductVariant else row.name
    return {
        "id": id_,
        "kind": "variant" if model is ProductVariant else "product",
        "sku": row.sku,
        "name": name,
        "requested": quantity,
        "available": max(row.stock - row.reserved, 0),
    }
