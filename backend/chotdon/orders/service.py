"""Orders: create, edit, transition. The one place that writes orders, for every caller.

Used by the HTTP API (`orders.router`), automatic draft orders (`orders.flows`) and the
livestream jobs (`livestream`). Every function takes the session first and works inside the
caller's transaction; realtime events (`order.created`, `order.updated`,
`conversation.updated`) leave after the commit. Errors are `core.errors` exceptions (4xx):

- `NotFound` (404): an id of another workspace, or a product that does not exist;
- `ValidationFailed` (422): bad quantities / prices / phone;
- `Conflict` (409): a transition the state machine refuses (code `transition_not_allowed`,
  `reason_required`, ...), an edit of a closed order (`order_not_editable`), not enough stock
  (`out_of_stock`), a second open order where only one may exist (`open_order_exists`).

A refused call changes nothing: work is done in a savepoint or checked before writing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, cast

from sqlalchemy import and_, delete, exists, func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts.models import Workspace
from chotdon.addresses import structured as structured_addresses
from chotdon.addresses.parser import ParsedAddress
from chotdon.core.after_commit import emit_event
from chotdon.core.auth import Principal
from chotdon.core.errors import AppError, Conflict, NotFound, ValidationFailed
from chotdon.core.tenant import get_owned
from chotdon.core.text import search_document
from chotdon.customers import profiles as customers_profiles
from chotdon.customers.models import Contact
from chotdon.customers.phones import normalize_phone
from chotdon.orders import stock
from chotdon.orders.bot_errors import bot_error_text
from chotdon.orders.models import (
    ORDER_SOURCES,
    PAYMENT_METHODS,
    Order,
    OrderItem,
    OrderStatusChange,
    Product,
    ProductVariant,
    Warehouse,
)
from chotdon.orders.state_machine import (
    HOLDS_STOCK,
    LABELS_VI,
    OrderFacts,
    TransitionRefused,
    check_transition,
    is_editable,
)
from chotdon.orders.totals import MAX_ITEMS, MoneyError, check_line, compute_totals

ActorType = Literal["user", "bot", "system", "api"]
OrderSource = Literal["manual", "chat_auto", "livestream"]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who changes an order, as recorded in its status history."""

    type: ActorType = "system"
    user_id: int | None = None

    @classmethod
    def from_principal(cls, principal: Principal) -> Actor:
        return cls("user", principal.user_id) if principal.is_user else cls("api")


SYSTEM = Actor("system")
BOT = Actor("bot")


@dataclass(frozen=True, slots=True)
class ItemSpec:
    """One order line to add. `unit_price=None` takes the catalogue price (variant's if any).

    A product with variants needs `variant_id` (or `variant_sku`). `source_message_id` and
    `keyword` record the livestream comment that added the line.
    """

    product_id: int
    variant_id: int | None = None
    quantity: int = 1
    unit_price: int | None = None
    variant_sku: str | None = None
    source_message_id: int | None = None
    keyword: str | None = None
    name: str | None = None
    # Livestream: keep the line although the variant is missing (flagged "cần chọn phân loại").
    needs_variant: bool = False


@dataclass(slots=True)
class OrderChanges:
    """Fields an edit may set; `UNSET` fields are left alone (PATCH semantics)."""

    values: dict[str, Any] = field(default_factory=dict)
    items: list[ItemSpec] | None = None  # None: keep the lines; a list replaces them
    expected_version: int | None = None  # 409 `stale_order` when the order moved on


class NotEditable(Conflict):
    code = "order_not_editable"
    message = "This order can no longer be edited"


ORDER_FIELDS = (
    "customer_name",
    "phone",
    "address",
    "structured_address",
    "province",
    "district",
    "ward",
    "shipping_fee",
    "discount",
    "cod_amount",
    "payment_method",
    "note",
    "carrier",
    "warehouse_id",
)


# --------------------------------------------------------------------------- reads


async def get_order(
    session: AsyncSession, workspace_id: int, order_id: int, *, for_update: bool = False
) -> Order:
    """The order of this workspace or 404; `for_update` locks the row until commit."""
    return await get_owned(
        session, Order, order_id, workspace_id, for_update=for_update, label="Order"
    )


async def items_of(session: AsyncSession, order_id: int) -> list[OrderItem]:
    rows = await session.execute(
        select(OrderItem).where(OrderItem.order_id == order_id).order_by(OrderItem.id)
    )
    return list(rows.scalars())


async def find_open_order(
    session: AsyncSession,
    workspace_id: int,
    *,
    contact_id: int,
    livestream_id: int | None = None,
    source: OrderSource | None = None,
    statuses: Sequence[str] = ("draft", "confirmed"),
) -> Order | None:
    """The customer's newest order still open (draft/confirmed), optionally of one livestream."""
    stmt = select(Order).where(
        Order.workspace_id == workspace_id,
        Order.contact_id == contact_id,
        Order.status.in_(list(statuses)),
    )
    if livestream_id is not None:
        stmt = stmt.where(Order.livestream_id == livestream_id)
    if source is not None:
        stmt = stmt.where(Order.source == source)
    return (await session.execute(stmt.order_by(Order.id.desc()).limit(1))).scalar_one_or_none()


# --------------------------------------------------------------------------- create


async def create_order(
    session: AsyncSession,
    workspace_id: int,
    *,
    source: OrderSource = "manual",
    contact_id: int | None = None,
    conversation_id: int | None = None,
    livestream_id: int | None = None,
    channel_id: int | None = None,
    warehouse_id: int | None = None,
    customer_name: str | None = None,
    phone: str | None = None,
    address: str | None = None,
    province: str | None = None,
    district: str | None = None,
    ward: str | None = None,
    structured: ParsedAddress | None = None,
    items: Sequence[ItemSpec] = (),
    shipping_fee: int = 0,
    discount: int = 0,
    cod_amount: int | None = None,
    payment_method: str = "cod",
    note: str | None = None,
    actor: Actor = SYSTEM,
) -> Order:
    """Create a draft order with a new code (DH000123) and its lines.

    `structured` is the address as official codes (pickers, or a customer's stored address);
    without it a typed `address` is read by the parser once, here.

    The contact and channel default to the conversation's. Raises `Conflict`
    (`open_order_exists`) when the customer already has the one open order allowed (an
    automatic draft, or an open order in this livestream): look it up with `find_open_order`
    and `add_items` to it instead.
    """
    from chotdon.inbox.models import Conversation

    if source not in ORDER_SOURCES:
        raise _invalid("source", f"Order source must be one of {ORDER_SOURCES}")
    conversation = None
    if conversation_id is not None:
        conversation = await get_owned(
            session, Conversation, conversation_id, workspace_id, label="Conversation"
        )
        contact_id = contact_id or conversation.contact_id
        channel_id = channel_id or conversation.channel_id
    contact = await _owned_contact(session, workspace_id, contact_id)
    await _check_refs(session, workspace_id, livestream_id, channel_id, warehouse_id)
    lines = await _resolve_items(session, workspace_id, items)
    if payment_method not in PAYMENT_METHODS:
        raise _invalid("payment_method", f"Payment method must be one of {PAYMENT_METHODS}")
    if customer_name is None and contact is not None:
        customer_name = contact.name or None
    order = Order(
        workspace_id=workspace_id,
        status="draft",
        source=source,
        channel_id=channel_id,
        contact_id=contact.id if contact else None,
        conversation_id=conversation_id,
        livestream_id=livestream_id,
        warehouse_id=warehouse_id,
        customer_name=_clean(customer_name, 300),
        phone=_phone(phone),
        address=_clean(address, 2000),
        province=_clean(province, 100),
        district=_clean(district, 100),
        ward=_clean(ward, 100),
        payment_method=payment_method,
        note=_clean(note, 5000),
        created_by_id=actor.user_id,
    )
    set_address_codes(order, structured)
    _set_totals(order, lines, shipping_fee=shipping_fee, discount=discount, cod_amount=cod_amount)
    try:
        async with session.begin_nested():
            order.number = await _next_number(session, workspace_id)
            order.code = format_code(order.number)
            order.search_text = _search_text(order)
            session.add(order)
            await session.flush()
    except IntegrityError as exc:
        raise Conflict(
            "This customer already has an open order here", code="open_order_exists"
        ) from exc
    for line in lines:
        line.order_id = order.id
        session.add(line)
    session.add(
        OrderStatusChange(
            workspace_id=workspace_id,
            order_id=order.id,
            from_status=None,
            to_status="draft",
            actor_type=actor.type,
            actor_user_id=actor.user_id,
        )
    )
    await session.flush()
    await _remember_address(session, order)
    await _after_change(session, order, created=True)
    return order


def format_code(number: int) -> str:
    return f"DH{number:06d}"


async def _next_number(session: AsyncSession, workspace_id: int) -> int:
    result = await session.execute(
        update(Workspace)
        .where(Workspace.id == workspace_id)
        .values(order_seq=Workspace.order_seq + 1)
        .returning(Workspace.order_seq)
        .execution_options(synchronize_session=False)
    )
    return int(result.scalar_one())


# --------------------------------------------------------------------------- edit


async def add_items(
    session: AsyncSession,
    order: Order,
    items: Sequence[ItemSpec],
    *,
    actor: Actor = SYSTEM,
    merge: bool = False,
) -> list[OrderItem]:
    """Append lines to an editable order (reserving stock at once if it is confirmed).

    `merge=True` adds to the quantity of an existing line of the same product, variant and
    price instead of a new line (a customer commenting the keyword twice).
    """
    await _lock(session, order)
    _require_editable(order)
    new_lines = await _resolve_items(session, order.workspace_id, items)
    current = await items_of(session, order.id)
    if len(current) + len(new_lines) > MAX_ITEMS:
        raise _invalid("items", f"An order holds at most {MAX_ITEMS} lines")
    touched: list[OrderItem] = []
    added_for_stock: list[stock.StockLine] = []
    for line in new_lines:
        target = None
        if merge:
            target = next(
                (
                    c
                    for c in current
                    if c.product_id == line.product_id
                    and c.variant_id == line.variant_id
                    and c.unit_price == line.unit_price
                ),
                None,
            )
        if target is not None:
            try:
                check_line(target.quantity + line.quantity, target.unit_price)
            except MoneyError as exc:
                raise _invalid(exc.field, exc.message) from exc
            target.quantity += line.quantity
            touched.append(target)
        else:
            line.order_id = order.id
            session.add(line)
            current.append(line)
            touched.append(line)
        added_for_stock.append(stock.StockLine(line.product_id, line.variant_id, line.quantity))
    if order.status in HOLDS_STOCK:
        await stock.apply(session, order.workspace_id, added_for_stock, "reserve")
    _set_totals(order, current)
    order.version += 1
    await session.flush()
    await _after_change(session, order)
    return touched


async def remove_items_for_message(
    session: AsyncSession, order: Order, message_id: int, *, actor: Actor = SYSTEM
) -> int:
    """Remove the lines a (deleted) comment added; release their stock. Returns lines removed.

    A closed/completed/cancelled order is left alone (returns 0).
    """
    await _lock(session, order)
    if not is_editable(order.status):
        return 0
    current = await items_of(session, order.id)
    gone = [c for c in current if c.source_message_id == message_id]
    if not gone:
        return 0
    if order.status in HOLDS_STOCK:
        await stock.apply(
            session,
            order.workspace_id,
            [stock.StockLine(c.product_id, c.variant_id, c.quantity) for c in gone],
            "release",
        )
    await session.execute(delete(OrderItem).where(OrderItem.id.in_([c.id for c in gone])))
    _set_totals(order, [c for c in current if c not in gone])
    order.version += 1
    await session.flush()
    await _after_change(session, order)
    return len(gone)


async def update_order(
    session: AsyncSession, order: Order, changes: OrderChanges, *, actor: Actor = SYSTEM
) -> Order:
    """Edit recipient, money fields, note and (optionally) replace the lines.

    Only while draft or confirmed; a confirmed order's reservations follow the new lines.
    """
    await _lock(session, order)
    _require_editable(order)
    if changes.expected_version is not None and changes.expected_version != order.version:
        raise Conflict(
            "Someone else changed this order meanwhile: reload it and edit again",
            code="stale_order",
            details={"version": order.version},
        )
    # null for a money field or the payment method means "leave as is", never "no value".
    values = {
        k: v
        for k, v in changes.values.items()
        if not (v is None and k in ("shipping_fee", "discount", "payment_method"))
    }
    unknown = set(values) - set(ORDER_FIELDS)
    if unknown:
        raise _invalid(sorted(unknown)[0], "This field cannot be changed")
    if "warehouse_id" in values and values["warehouse_id"] is not None:
        await _check_refs(session, order.workspace_id, None, None, values["warehouse_id"])
    if "payment_method" in values and values["payment_method"] not in PAYMENT_METHODS:
        raise _invalid("payment_method", f"Payment method must be one of {PAYMENT_METHODS}")
    current = await items_of(session, order.id)
    lines: list[OrderItem] = current
    if changes.items is not None:
        lines = await _resolve_items(session, order.workspace_id, changes.items)
        if order.status in HOLDS_STOCK and not lines:
            raise Conflict(
                "A confirmed order needs at least one product: cancel it instead",
                code="order_empty",
            )
        if order.status in HOLDS_STOCK:
            delta = [stock.StockLine(c.product_id, c.variant_id, -c.quantity) for c in current]
            delta += [stock.StockLine(n.product_id, n.variant_id, n.quantity) for n in lines]
            await stock.apply(session, order.workspace_id, delta, "reserve")
    # Validate money before writing anything.
    shipping_fee = values.get("shipping_fee", order.shipping_fee)
    discount = values.get("discount", order.discount)
    payment_method = values.get("payment_method", order.payment_method)
    cod_amount = values.get("cod_amount") if "cod_amount" in values else None
    if changes.items is not None:
        await session.execute(delete(OrderItem).where(OrderItem.order_id == order.id))
        for line in lines:
            line.order_id = order.id
            session.add(line)
    for key in ("customer_name", "province", "district", "ward", "carrier"):
        if key in values:
            setattr(order, key, _clean(values[key], 300 if key == "customer_name" else 100))
    if "address" in values:
        order.address = _clean(values["address"], 2000)
    if "structured_address" in values or "address" in values:
        set_address_codes(order, values.get("structured_address"))
    if "note" in values:
        order.note = _clean(values["note"], 5000)
    if "phone" in values:
        order.phone = _phone(values["phone"])
    if "warehouse_id" in values:
        order.warehouse_id = values["warehouse_id"]
    order.payment_method = payment_method
    _set_totals(order, lines, shipping_fee=shipping_fee, discount=discount, cod_amount=cod_amount)
    order.search_text = _search_text(order)
    order.version += 1
    await session.flush()
    if "address" in values:
        await _remember_address(session, order)
    await _after_change(session, order)
    return order


# --------------------------------------------------------------------------- transitions


async def transition(
    session: AsyncSession,
    workspace_id: int,
    order_id: int,
    to: str,
    *,
    actor: Actor = SYSTEM,
    reason: str | None = None,
    send_receipt: bool = True,
) -> Order:
    """Move an order to `to` if the state machine allows it; 409 (`Conflict`) otherwise.

    The order row is locked (SELECT ... FOR UPDATE) so two agents acting at once are applied
    one after the other: the second sees the new status and gets a clear 409. Confirming
    reserves stock (409 `out_of_stock` if short), cancelling releases it, completing takes it
    out of stock. Confirming an order of a conversation sends the receipt message.
    """
    order = await get_order(session, workspace_id, order_id, for_update=True)
    await session.refresh(order)
    lines = await items_of(session, order.id)
    facts = OrderFacts(
        status=order.status,
        items_count=len(lines),
        has_phone=bool(order.phone),
        has_address=bool(order.address and order.address.strip()),
        needs_variant=any(c.needs_variant for c in lines),
    )
    try:
        effect = check_transition(facts, to, reason)
    except TransitionRefused as exc:
        raise Conflict(exc.message, code=exc.code, details={"status": order.status}) from exc
    if effect is not None:
        await stock.apply(
            session,
            workspace_id,
            [stock.StockLine(c.product_id, c.variant_id, c.quantity) for c in lines],
            effect,
        )
    now = datetime.now(UTC)
    from_status = order.status
    values: dict[str, Any] = {"status": to, "version": Order.version + 1, "updated_at": now}
    if to in ("confirmed", "closed", "completed", "cancelled"):
        values[f"{to}_at"] = now
    if to == "cancelled":
        values["cancel_reason"] = (reason or "").strip()[:2000]
    result = await session.execute(
        update(Order)
        .where(Order.id == order.id, Order.status == from_status)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if (
        cast(CursorResult[Any], result).rowcount != 1
    ):  # cannot happen under the row lock; kept as the last guard
        raise Conflict("The order was changed by someone else", code="concurrent_change")
    session.add(
        OrderStatusChange(
            workspace_id=workspace_id,
            order_id=order.id,
            from_status=from_status,
            to_status=to,
            reason=(reason or "").strip()[:2000] or None,
            actor_type=actor.type,
            actor_user_id=actor.user_id,
        )
    )
    await session.flush()
    await session.refresh(order)
    if to == "confirmed" and send_receipt:
        from chotdon.orders import receipt

        await receipt.send_receipt(session, order, lines, actor=actor)
    await _after_change(session, order)
    return order


async def bulk_transition(
    session: AsyncSession,
    workspace_id: int,
    order_ids: Sequence[int],
    to: str,
    *,
    actor: Actor = SYSTEM,
    reason: str | None = None,
) -> list[tuple[int, AppError | None]]:
    """Transition each order on its own (a savepoint each): one refusal does not undo the
    others. Returns (id, error or None) per id, in the order given."""
    results: list[tuple[int, AppError | None]] = []
    for order_id in dict.fromkeys(order_ids):
        try:
            async with session.begin_nested():
                await transition(session, workspace_id, order_id, to, actor=actor, reason=reason)
        except AppError as exc:
            results.append((order_id, exc))
        else:
            results.append((order_id, None))
    return results


async def resend_receipt(
    session: AsyncSession, workspace_id: int, order_id: int, *, actor: Actor = SYSTEM
) -> Order:
    """Queue the receipt again (after the customer wrote back, or the template changed).

    409 `receipt_not_sent` with the reason when it cannot go (no Messenger thread, window).
    """
    from chotdon.orders import receipt

    order = await get_order(session, workspace_id, order_id, for_update=True)
    await session.refresh(order)
    if order.status not in ("confirmed", "closed", "completed"):
        raise Conflict("Only confirmed orders have a receipt", code="transition_not_allowed")
    await receipt.send_receipt(
        session, order, await items_of(session, order.id), actor=actor, force=True
    )
    if order.bot_status == "failed":
        raise Conflict(
            bot_error_text(order.bot_error) or "The receipt could not be sent",
            code="receipt_not_sent",
        )
    order.version += 1
    await session.flush()
    await _after_change(session, order)
    return order


async def history_of(session: AsyncSession, order_id: int) -> list[OrderStatusChange]:
    rows = await session.execute(
        select(OrderStatusChange)
        .where(OrderStatusChange.order_id == order_id)
        .order_by(OrderStatusChange.id)
    )
    return list(rows.scalars())


def status_label(status: str) -> str:
    return LABELS_VI.get(status, status)


# --------------------------------------------------------------------------- helpers


async def _lock(session: AsyncSession, order: Order) -> None:
    await session.refresh(order, with_for_update=True)


def _require_editable(order: Order) -> None:
    if not is_editable(order.status):
        raise NotEditable(
            f"A {order.status} order can no longer be edited (only draft or confirmed orders)",
            details={"status": order.status},
        )


def _invalid(field_name: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, details=[{"field": field_name, "message": message}])


def _clean(value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value[:limit] or None


def _phone(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    e164 = normalize_phone(value)
    if e164 is None:
        raise _invalid("phone", f"'{value}' is not a valid phone number")
    return e164


def _search_text(order: Order) -> str:
    phone_variants: list[str] = []
    if order.phone:
        p = order.phone
        phone_variants = [p, p.lstrip("+")] + (["0" + p[3:]] if p.startswith("+84") else [])
    return search_document(order.code, order.customer_name, *phone_variants)


def _set_totals(
    order: Order,
    lines: Iterable[OrderItem],
    *,
    shipping_fee: int | None = None,
    discount: int | None = None,
    cod_amount: int | None = None,
) -> None:
    lines = list(lines)
    fee = (order.shipping_fee or 0) if shipping_fee is None else shipping_fee
    disc = (order.discount or 0) if discount is None else discount
    try:
        totals = compute_totals(
            ((line.quantity, line.unit_price) for line in lines),
            shipping_fee=fee,
            discount=disc,
            payment_method=order.payment_method or "cod",
            cod_amount=cod_amount,
        )
    except MoneyError as exc:
        raise _invalid(exc.field, exc.message) from exc
    order.subtotal = totals.subtotal
    order.shipping_fee = totals.shipping_fee
    order.discount = totals.discount
    order.total = totals.total
    order.cod_amount = totals.cod_amount


@dataclass(slots=True)
class Catalog:
    """Products and their variants (in display order) by product id: what new lines are
    resolved against. A caller that already holds them (a livestream's configuration) builds
    one itself and spares the lookups."""

    products: dict[int, Product] = field(default_factory=dict)
    variants: dict[int, list[ProductVariant]] = field(default_factory=dict)


async def load_catalog(
    session: AsyncSession, workspace_id: int, product_ids: Iterable[int]
) -> Catalog:
    """The workspace's products among `product_ids` with their variants (2 queries)."""
    ids = set(product_ids)
    catalog = Catalog()
    if not ids:
        return catalog
    if any(not (0 < pid < 2**63) for pid in ids):
        raise NotFound("Product not found", code="product_not_found")
    rows = await session.execute(
        select(Product).where(Product.workspace_id == workspace_id, Product.id.in_(ids))
    )
    catalog.products = {p.id: p for p in rows.scalars()}
    vrows = await session.execute(
        select(ProductVariant)
        .where(ProductVariant.workspace_id == workspace_id, ProductVariant.product_id.in_(ids))
        .order_by(ProductVariant.position, ProductVariant.id)
    )
    for v in vrows.scalars():
        catalog.variants.setdefault(v.product_id, []).append(v)
    return catalog


async def _resolve_items(
    session: AsyncSession, workspace_id: int, items: Sequence[ItemSpec]
) -> list[OrderItem]:
    """Catalogue lookups for new lines: another workspace's product is simply not found."""
    if len(items) > MAX_ITEMS:
        raise _invalid("items", f"An order holds at most {MAX_ITEMS} lines")
    catalog = await load_catalog(session, workspace_id, (i.product_id for i in items))
    return resolve_lines(workspace_id, items, catalog)


def resolve_lines(
    workspace_id: int, items: Sequence[ItemSpec], catalog: Catalog
) -> list[OrderItem]:
    """New (unsaved) lines for `items`; raises NotFound / ValidationFailed, changing nothing."""
    if len(items) > MAX_ITEMS:
        raise _invalid("items", f"An order holds at most {MAX_ITEMS} lines")
    lines: list[OrderItem] = []
    for index, spec in enumerate(items):
        product = catalog.products.get(spec.product_id)
        if product is None:
            raise NotFound(
                f"Product {spec.product_id} not found",
                code="product_not_found",
                details=[{"field": f"items.{index}.product_id", "message": "not found"}],
            )
        variants = catalog.variants.get(product.id, [])
        variant = None
        if spec.variant_id is not None or spec.variant_sku:
            variant = next(
                (
                    v
                    for v in variants
                    if (spec.variant_id is not None and v.id == spec.variant_id)
                    or (spec.variant_id is None and v.sku == spec.variant_sku)
                ),
                None,
            )
            if variant is None:
                raise NotFound(
                    f"Variant not found for product {product.sku}",
                    code="variant_not_found",
                    details=[{"field": f"items.{index}.variant_id", "message": "not found"}],
                )
        elif variants and spec.needs_variant:
            pass  # the customer still has to choose: the line waits, flagged
        elif variants:
            raise _invalid(
                f"items.{index}.variant_id",
                f"Choose a variant of {product.name} ({', '.join(v.name for v in variants[:10])})",
            )
        unit_price = spec.unit_price
        if unit_price is None:
            unit_price = variant.price if variant is not None and variant.price else product.price
            if variant is None and variants and not unit_price:
                unit_price = variants[0].price
        try:
            check_line(spec.quantity, unit_price)
        except MoneyError as exc:
            raise _invalid(f"items.{index}.{exc.field}", exc.message) from exc
        name = spec.name or (f"{product.name} - {variant.name}" if variant else product.name)
        line = OrderItem(
            workspace_id=workspace_id,
            product_id=product.id,
            variant_id=variant.id if variant else None,
            variant_sku=variant.sku if variant else None,
            sku=product.sku,
            name=name[:300],
            quantity=spec.quantity,
            unit_price=unit_price,
            source_message_id=spec.source_message_id,
            keyword=(spec.keyword or None) and spec.keyword[:64],
            needs_variant=variant is None and bool(variants),
        )
        lines.append(line)
    return lines


async def _owned_contact(session: AsyncSession, workspace_id: int, contact_id: int | None):
    if contact_id is None:
        return None
    return await customers_profiles.get_contact(session, workspace_id, contact_id)


async def default_warehouse_id(session: AsyncSession, workspace_id: int) -> int | None:
    """The stock location automatic orders use (the first warehouse created is the default)."""
    stmt = (
        select(Warehouse.id)
        .where(Warehouse.workspace_id == workspace_id, Warehouse.is_default.is_(True))
        .order_by(Warehouse.id)
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def _check_refs(
    session: AsyncSession,
    workspace_id: int,
    livestream_id: int | None,
    channel_id: int | None,
    warehouse_id: int | None,
) -> None:
    from chotdon.channels.models import Channel
    from chotdon.livestream.models import Livestream

    if livestream_id is not None:
        await get_owned(session, Livestream, livestream_id, workspace_id, label="Livestream")
    if channel_id is not None:
        await get_owned(session, Channel, channel_id, workspace_id, label="Channel")
    if warehouse_id is not None:
        await get_owned(session, Warehouse, warehouse_id, workspace_id, label="Warehouse")


def set_address_codes(order: Order, structured: ParsedAddress | None) -> None:
    """The order's address as official codes: `structured` when given (pickers, a customer's
    stored address), else read from its text once, here (none when no province can be read).
    The typed names (`province`, `district`, `ward`) stay as given: the official ones come
    with the codes."""
    structured_addresses.store(order, structured or structured_addresses.read(order.address))


async def _remember_address(session: AsyncSession, order: Order) -> None:
    """An address typed in an order is the customer's: the next order (and the livestream's
    drafts) start from it. Once per distinct text."""
    if order.contact_id is None or not (order.address and order.address.strip()):
        return
    from chotdon.customers import service as customers_service
    from chotdon.customers.addresses import FoundAddress, find_province
    from chotdon.customers.models import Contact

    contact = await session.get(Contact, order.contact_id)
    if contact is None:
        return
    from chotdon.core.text import search_document
    from chotdon.customers.models import ContactAddress

    typed = search_document(order.address)
    known = await session.execute(
        select(ContactAddress.text).where(ContactAddress.contact_id == contact.id)
    )
    if any(typed in search_document(text) for text in known.scalars()):
        return  # a shorter form of an address the customer gave ("12 Lê Lợi")
    await customers_service.add_address(
        session,
        contact,
        FoundAddress(
            text=order.address.strip(),
            province=order.province or find_province(order.address),
            district=order.district,
            ward=order.ward,
        ),
        structured_addresses.stored(order),
    )


async def _after_change(session: AsyncSession, order: Order, *, created: bool = False) -> None:
    """Weight, contact counters, the conversation's has_order flag and realtime events."""
    from chotdon.orders.serializers import order_event

    weight = await session.scalar(
        select(func.coalesce(func.sum(OrderItem.quantity * Product.weight_grams), 0))
        .select_from(OrderItem)
        .join(Product, Product.id == OrderItem.product_id)
        .where(OrderItem.order_id == order.id)
    )
    order.weight_grams = min(int(weight or 0), 2**31 - 1)

    if order.contact_id is not None:
        await refresh_order_counters(session, order.contact_id)
    if order.conversation_id is not None:
        await refresh_has_order(session, order.conversation_id)
    emit_event(
        session,
        order.workspace_id,
        "order.created" if created else "order.updated",
        await order_event(session, order),
    )


async def refresh_order_counters(session: AsyncSession, contact_id: int) -> None:
    """Recount the customer's orders from the orders table (one query, never drifts).

    "bùng đơn" (`cancelled_orders_count`) = cancelled orders, except automatic drafts that were
    never confirmed: those were the system's guess, not the customer's order, and they count
    nowhere.
    """
    await refresh_order_counters_many(session, [contact_id])


async def refresh_order_counters_many(session: AsyncSession, contact_ids: Sequence[int]) -> None:
    """`refresh_order_counters` for many customers: one count, one read of the contacts."""
    ids = sorted(set(contact_ids))
    if not ids:
        return
    guess = and_(
        Order.source == "chat_auto", Order.status == "cancelled", Order.confirmed_at.is_(None)
    )
    counted = ~guess
    rows = await session.execute(
        select(
            Order.contact_id,
            func.count().filter(counted),
            func.count().filter(Order.status == "completed"),
            func.count().filter(and_(Order.status == "cancelled", counted)),
            func.coalesce(func.sum(Order.total).filter(Order.status == "completed"), 0),
        )
        .where(Order.contact_id.in_(ids))
        .group_by(Order.contact_id)
    )
    counts = {row[0]: row[1:] for row in rows}
    contacts = (await session.execute(select(Contact).where(Contact.id.in_(ids)))).scalars()
    for contact in contacts:
        orders, completed, cancelled, spent = counts.get(contact.id, (0, 0, 0, 0))
        contact.orders_count = int(orders)
        contact.completed_orders_count = int(completed)
        contact.cancelled_orders_count = int(cancelled)
        contact.total_spent = int(spent)


async def refresh_has_order(session: AsyncSession, conversation_id: int) -> None:
    """`has_order` = the conversation has an order that is not cancelled; event on change."""
    from chotdon.inbox.models import Conversation
    from chotdon.inbox.serializers import conversation_event

    conversation = await session.get(Conversation, conversation_id)
    if conversation is None:
        return
    has_order = bool(
        await session.scalar(
            select(
                exists().where(
                    Order.conversation_id == conversation_id, Order.status != "cancelled"
                )
            )
        )
    )
    if conversation.has_order != has_order:
        conversation.has_order = has_order
        conversation.version += 1
        await session.flush()
        emit_event(
            session,
            conversation.workspace_id,
            "conversation.updated",
            await conversation_event(session, conversation),
        )


# --------------------------------------------------------------------------- lists


@dataclass(slots=True)
class OrderFilters:
    """The order list's filters (also used by the Excel export)."""

    statuses: list[str] = field(default_factory=list)
    livestream_id: int | None = None
    contact_id: int | None = None
    conversation_id: int | None = None
    source: str | None = None
    q: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    ids: list[int] = field(default_factory=list)
    # The live shipment's status (shipping/), or "none": closed orders not shipped yet.
    shipping_status: str | None = None


async def list_orders(
    session: AsyncSession,
    workspace_id: int,
    filters: OrderFilters,
    *,
    limit: int = 50,
    after_id: int | None = None,
) -> list[Order]:
    """Newest first, keyset on id; returns up to `limit + 1` rows (the extra one = more)."""
    from sqlalchemy import text as sa_text

    from chotdon.core.tenant import owned
    from chotdon.orders.catalog import tsquery_of

    stmt = owned(Order, workspace_id)
    if filters.statuses:
        stmt = stmt.where(Order.status.in_(filters.statuses))
    if filters.livestream_id is not None:
        stmt = stmt.where(Order.livestream_id == filters.livestream_id)
    if filters.contact_id is not None:
        stmt = stmt.where(Order.contact_id == filters.contact_id)
    if filters.conversation_id is not None:
        stmt = stmt.where(Order.conversation_id == filters.conversation_id)
    if filters.source:
        stmt = stmt.where(Order.source == filters.source)
    if filters.since is not None:
        stmt = stmt.where(Order.created_at >= filters.since)
    if filters.until is not None:
        stmt = stmt.where(Order.created_at < filters.until)
    if filters.ids:
        stmt = stmt.where(Order.id.in_(filters.ids))
    if filters.shipping_status:
        from chotdon.shipping.models import Shipment

        live = select(Shipment.id).where(
            Shipment.order_id == Order.id, Shipment.status != "cancelled"
        )
        if filters.shipping_status == "none":
            stmt = stmt.where(~live.exists())
        else:
            stmt = stmt.where(live.where(Shipment.status == filters.shipping_status).exists())
    query = tsquery_of(filters.q)
    if query:
        stmt = stmt.where(
            sa_text("to_tsvector('simple', orders.search_text) @@ to_tsquery('simple', :tsq)")
        ).params(tsq=query)
    if after_id is not None:
        stmt = stmt.where(Order.id < after_id)
    stmt = stmt.order_by(Order.id.desc()).limit(limit + 1)
    return list((await session.execute(stmt)).scalars())
