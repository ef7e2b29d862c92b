"""Many draft orders created and extended in one unit of work, written together.

The livestream comment job decides for a hundred comments at once (`livestream.intake`): it
plans here, in memory, and `write()` saves everything in a handful of statements: the order
numbers in one UPDATE (taken last, so the workspace row that keeps codes gapless stays locked
only until the commit that follows), the new orders, their lines and their history in one
INSERT each, the changed orders in one UPDATE. The rules are those of `orders.service`
(`resolve_lines`, totals, codes); a plan that breaks one raises there, before anything changes.

Only draft orders are extended here: a confirmed order holds stock, which `service.add_items`
reserves row by row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts.models import Workspace
from chotdon.addresses.parser import ParsedAddress
from chotdon.core.after_commit import emit_event
from chotdon.orders import service
from chotdon.orders.models import Order, OrderItem, OrderStatusChange, Product
from chotdon.orders.totals import MAX_ITEMS


@dataclass(slots=True)
class _Planned:
    order: Order
    lines: list[OrderItem]  # all lines, saved and new
    new_lines: list[OrderItem] = field(default_factory=list)
    created: bool = False
    changed: bool = False


class OrderBatch:
    """Draft orders of one workspace planned in memory and saved by `write()`.

    `track` the (locked) open orders the caller loaded with their lines, then `create`, `add`
    and `set_phone`; `lines_of` answers with the planned lines. Nothing is flushed before
    `write()`, which also refreshes the weight, the customers' counters, the conversations'
    `has_order` flag and emits `order.created` / `order.updated` (one per order).
    """

    def __init__(
        self,
        session: AsyncSession,
        workspace_id: int,
        catalog: service.Catalog,
        *,
        actor: service.Actor = service.SYSTEM,
    ) -> None:
        self.session = session
        self.workspace_id = workspace_id
        self.catalog = catalog
        self.actor = actor
        self._planned: dict[int, _Planned] = {}  # by id() of the Order object

    def track(self, order: Order, lines: Sequence[OrderItem]) -> None:
        self._planned.setdefault(id(order), _Planned(order, list(lines)))

    def lines_of(self, order: Order) -> list[OrderItem]:
        return list(self._planned[id(order)].lines)

    def create(
        self,
        *,
        source: service.OrderSource,
        contact_id: int | None,
        customer_name: str | None,
        conversation_id: int | None,
        livestream_id: int | None,
        channel_id: int | None,
        warehouse_id: int | None,
        phone: str | None,
        address: str | None = None,
        province: str | None = None,
        district: str | None = None,
        ward: str | None = None,
        structured: ParsedAddress | None = None,
        items: Sequence[service.ItemSpec] = (),
    ) -> Order:
        """A new draft (its code comes with `write()`). The references are the caller's own,
        already checked: a livestream job's livestream, page, conversation and customer."""
        lines = service.resolve_lines(self.workspace_id, items, self.catalog)
        order = Order(
            workspace_id=self.workspace_id,
            status="draft",
            source=source,
            channel_id=channel_id,
            contact_id=contact_id,
            conversation_id=conversation_id,
            livestream_id=livestream_id,
            warehouse_id=warehouse_id,
            customer_name=service._clean(customer_name, 300),
            phone=service._phone(phone),
            address=service._clean(address, 2000),
            province=service._clean(province, 100),
            district=service._clean(district, 100),
            ward=service._clean(ward, 100),
            payment_method="cod",
            created_by_id=self.actor.user_id,
            version=1,
            bot_status=None,
        )
        service.set_address_codes(order, structured)
        service._set_totals(order, lines, shipping_fee=0, discount=0)
        self._planned[id(order)] = _Planned(
            order, list(lines), list(lines), created=True, changed=True
        )
        return order

    def add(self, order: Order, items: Sequence[service.ItemSpec]) -> list[OrderItem]:
        """Append lines to a tracked draft (or one created in this batch)."""
        planned = self._planned[id(order)]
        if order.status != "draft":
            raise service.NotEditable(
                "Only draft orders are extended in a batch", details={"status": order.status}
            )
        new_lines = service.resolve_lines(self.workspace_id, items, self.catalog)
        if len(planned.lines) + len(new_lines) > MAX_ITEMS:
            raise service._invalid("items", f"An order holds at most {MAX_ITEMS} lines")
        service._set_totals(order, [*planned.lines, *new_lines])
        planned.lines.extend(new_lines)
        planned.new_lines.extend(new_lines)
        if not planned.created and not planned.changed:
            order.version += 1
        planned.changed = True
        return new_lines

    def set_phone(self, order: Order, phone: str) -> None:
        planned = self._planned[id(order)]
        order.phone = service._phone(phone)
        if not planned.created:
            order.search_text = service._search_text(order)
            if not planned.changed:
                order.version += 1
        planned.changed = True

    async def write(self) -> list[Order]:
        """Save the plan; returns the orders created or changed (with ids and codes)."""
        changed = [p for p in self._planned.values() if p.changed]
        if not changed:
            return []
        session = self.session
        created = [p for p in changed if p.created]
        if created:
            # Numbers last: the workspace row stays locked only until the commit that follows.
            last = int(
                (
                    await session.execute(
                        update(Workspace)
                        .where(Workspace.id == self.workspace_id)
                        .values(order_seq=Workspace.order_seq + len(created))
                        .returning(Workspace.order_seq)
                        .execution_options(synchronize_session=False)
                    )
                ).scalar_one()
            )
            for n, p in enumerate(created, start=last - len(created) + 1):
                p.order.number = n
                p.order.code = service.format_code(n)
                p.order.search_text = service._search_text(p.order)
        weights = await self._weights(p.lines for p in changed)
        for p in changed:
            grams = sum(line.quantity * weights.get(line.product_id or 0, 0) for line in p.lines)
            p.order.weight_grams = min(grams, 2**31 - 1)
        session.add_all([p.order for p in created])
        await session.flush()
        for p in changed:
            for line in p.new_lines:
                line.order_id = p.order.id
            session.add_all(p.new_lines)
            p.new_lines = []
        session.add_all(
            [
                OrderStatusChange(
                    workspace_id=self.workspace_id,
                    order_id=p.order.id,
                    from_status=None,
                    to_status="draft",
                    actor_type=self.actor.type,
                    actor_user_id=self.actor.user_id,
                )
                for p in created
            ]
        )
        await session.flush()
        await self._after_write(changed)
        for p in changed:
            p.created = p.changed = False
        return [p.order for p in changed]

    async def _weights(self, groups: Iterable[list[OrderItem]]) -> dict[int, int]:
        """Grams per product of these lines: the catalogue's, the rest in one query."""
        weights = {pid: p.weight_grams or 0 for pid, p in self.catalog.products.items()}
        missing = {
            line.product_id
            for group in groups
            for line in group
            if line.product_id is not None and line.product_id not in weights
        }
        if missing:
            rows = await self.session.execute(
                select(Product.id, Product.weight_grams).where(Product.id.in_(missing))
            )
            weights.update({int(pid): int(w or 0) for pid, w in rows.all()})
        return weights

    async def _after_write(self, changed: list[_Planned]) -> None:
        """What `service._after_change` does for one order, for all of them at once."""
        from chotdon.orders.serializers import orders_out

        session = self.session
        await service.refresh_order_counters_many(
            session, [p.order.contact_id for p in changed if p.created and p.order.contact_id]
        )
        await mark_has_order(
            session,
            self.workspace_id,
            [p.order.conversation_id for p in changed if p.order.conversation_id is not None],
        )
        await session.flush()
        outs = await orders_out(
            session, [p.order for p in changed], {p.order.id: p.lines for p in changed}
        )
        for p, out in zip(changed, outs, strict=True):
            emit_event(
                session,
                self.workspace_id,
                "order.created" if p.created else "order.updated",
                out.model_dump(mode="json"),
            )


async def mark_has_order(
    session: AsyncSession, workspace_id: int, conversation_ids: Sequence[int]
) -> None:
    """Conversations that now have an open order: `has_order` set (and an event) where it was
    not. Only for orders just created or extended, which are not cancelled."""
    from chotdon.inbox import repository
    from chotdon.inbox.models import Conversation

    ids = sorted(set(conversation_ids))
    if not ids:
        return
    rows = await session.execute(
        update(Conversation)
        .where(Conversation.id.in_(ids), Conversation.has_order.is_not(True))
        .values(has_order=True, version=Conversation.version + 1)
        .returning(Conversation.id)
        .execution_options(synchronize_session="fetch")
    )
    flipped = list(rows.scalars())
    if flipped:
        for out in await repository.load_items(session, workspace_id, flipped):
            emit_event(session, workspace_id, "conversation.updated", out.model_dump(mode="json"))
