"""The receipt message a customer gets when their order is confirmed (template per workspace).

`render_receipt` is pure; `send_receipt` finds the customer's Messenger thread, checks
Facebook's messaging window and queues the message as the bot (`inbox.outgoing`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.orders import bot_errors
from chotdon.orders.models import Order, OrderItem
from chotdon.orders.totals import format_vnd

DEFAULT_RECEIPT_TEMPLATE = """🧾 {shop_name} xác nhận đơn hàng {code}
Cảm ơn {customer_name} đã đặt hàng!
{items}
Tạm tính: {subtotal}
Phí vận chuyển: {shipping_fee}
Giảm giá: {discount}
Tổng cộng: {total}
Thanh toán: {payment_method} (thu hộ {cod_amount})
Người nhận: {customer_name} - {phone}
Địa chỉ: {address}
Ghi chú: {note}"""

PAYMENT_LABELS = {"cod": "Thanh toán khi nhận hàng (COD)", "bank_transfer": "Chuyển khoản"}
PLACEHOLDERS = (
    "shop_name",
    "code",
    "customer_name",
    "phone",
    "address",
    "items",
    "subtotal",
    "shipping_fee",
    "discount",
    "total",
    "cod_amount",
    "payment_method",
    "note",
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def orders_settings(workspace_settings: Mapping[str, Any] | None) -> dict[str, Any]:
    """The `orders` section of a workspace's settings, with defaults filled in."""
    section = dict((workspace_settings or {}).get("orders") or {})
    section.setdefault("receipt_enabled", True)
    section.setdefault("receipt_template", DEFAULT_RECEIPT_TEMPLATE)
    return section


def receipt_values(order: Order, items: Sequence[OrderItem], shop_name: str) -> dict[str, str]:
    from chotdon.customers.phones import display_phone

    lines = [f"- {i.name} x{i.quantity}: {format_vnd(i.quantity * i.unit_price)}" for i in items]
    return {
        "shop_name": shop_name,
        "code": order.code,
        "customer_name": order.customer_name or "quý khách",
        "phone": display_phone(order.phone) if order.phone else "",
        "address": order.address or "",
        "items": "\n".join(lines),
        "subtotal": format_vnd(order.subtotal),
        "shipping_fee": format_vnd(order.shipping_fee),
        "discount": format_vnd(order.discount),
        "total": format_vnd(order.total),
        "cod_amount": format_vnd(order.cod_amount),
        "payment_method": PAYMENT_LABELS.get(order.payment_method, order.payment_method),
        "note": order.note or "",
    }


def render_receipt(template: str, values: Mapping[str, str]) -> str:
    """Fill `{placeholder}`s; unknown ones stay as typed. Lines left empty by a blank value
    ("Ghi chú: " with no note) are dropped. No attribute access: templates are user input."""
    out_lines = []
    for line in template.splitlines():
        used = _PLACEHOLDER.findall(line)
        rendered = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), line)
        known = [k for k in used if k in values]
        if known and all(not values[k] for k in known):
            continue
        out_lines.append(rendered)
    return "\n".join(out_lines).strip()[:2000]


async def send_receipt(
    session: AsyncSession,
    order: Order,
    items: Sequence[OrderItem],
    *,
    actor: Any,
    force: bool = False,
) -> None:
    """Queue the receipt into the customer's Messenger thread; record why when it cannot go."""
    from chotdon.accounts.models import Workspace
    from chotdon.channels import registry
    from chotdon.channels.contract import ReplyWindowClosed
    from chotdon.channels.models import Channel
    from chotdon.inbox.models import Conversation
    from chotdon.inbox.outgoing import queue_message

    if order.conversation_id is None and order.contact_id is None:
        return
    workspace = await session.get_one(Workspace, order.workspace_id)
    settings = orders_settings(workspace.settings)
    if not settings["receipt_enabled"] and not force:
        return
    conversation = None
    if order.conversation_id is not None:
        conversation = await session.get(Conversation, order.conversation_id)
    if conversation is None or conversation.kind != "message":
        # Comment threads (livestream, posts) get the receipt in Messenger when there is one.
        stmt = select(Conversation).where(
            Conversation.workspace_id == order.workspace_id,
            Conversation.contact_id == order.contact_id,
            Conversation.kind == "message",
        )
        if order.channel_id is not None:
            stmt = stmt.where(Conversation.channel_id == order.channel_id)
        stmt = stmt.order_by(Conversation.last_message_at.desc()).limit(1)
        conversation = (await session.execute(stmt)).scalar_one_or_none()
    if conversation is None:
        order.bot_status = "failed"
        order.bot_error = "no_messenger_conversation"
        return
    try:
        channel = await session.get_one(Channel, conversation.channel_id)
        registry.for_channel(channel).check_reply(
            conversation.last_incoming_at,
            datetime.now(UTC),
            sent_by_human=False,
            state=conversation.provider_state,
        )
    except ReplyWindowClosed as exc:
        order.bot_status = "failed"
        order.bot_error = bot_errors.code_of(exc)
        return
    text = render_receipt(
        str(settings["receipt_template"]), receipt_values(order, items, workspace.name)
    )
    message = await queue_message(
        session,
        conversation,
        text=text,
        sender_type="bot",
        meta={"order_id": order.id, "purpose": "order_receipt"},
    )
    order.receipt_message_id = message.id
    order.bot_status = "queued"
    order.bot_error = None
