"""Setup helpers for customer and order tests: channels, conversations (real ingestion), products."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from chotdon.channels.events import InboundMessage, Person
from chotdon.channels.models import Channel
from chotdon.core.db import unit_of_work
from chotdon.inbox import flows
from chotdon.orders.models import Product, ProductVariant


async def make_channel(workspace_id: int, **settings) -> int:
    async with unit_of_work() as session:
        channel = Channel(
            workspace_id=workspace_id,
            provider="facebook",
            external_id=f"page-{uuid.uuid4().hex[:10]}",
            name="Trang Test",
            settings=settings,
        )
        session.add(channel)
        await session.flush()
        return channel.id


async def customer_says(
    channel_id: int,
    text: str,
    *,
    psid: str | None = None,
    name: str = "Nguyễn Thị Lan",
    at: datetime | None = None,
) -> flows.Recorded:
    """A customer message through the real ingestion flow (contact, conversation, hooks)."""
    event = InboundMessage(
        external_id=f"m_{uuid.uuid4().hex}",
        customer=Person(psid or f"psid-{uuid.uuid4().hex[:8]}", name),
        direction="in",
        sender_type="contact",
        created_at=at or datetime.now(UTC),
        text=text,
    )
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        return await flows.record_message(session, channel, event)


async def make_product(
    workspace_id: int,
    *,
    name: str = "Áo thun cotton",
    price: int = 150_000,
    stock: int = 10,
    weight_grams: int = 300,
    variants: list[tuple[str, int, int]] | None = None,
) -> tuple[int, list[int]]:
    """A product (and variants as (name, price, stock)); returns (product id, variant ids)."""
    async with unit_of_work() as session:
        product = Product(
            workspace_id=workspace_id,
            sku=f"SP-{uuid.uuid4().hex[:8]}",
            name=name,
            price=price,
            stock=stock,
            weight_grams=weight_grams,
        )
        session.add(product)
        await session.flush()
        ids = []
        for position, (vname, vprice, vstock) in enumerate(variants or []):
            variant = ProductVariant(
                workspace_id=workspace_id,
                product_id=product.id,
                sku=f"{product.sku}-{position}",
                name=vname,
                price=vprice,
                stock=vstock,
                position=position,
            )
            session.add(variant)
            await session.flush()
            ids.append(variant.id)
        return product.id, ids


async def events_of(workspace_id: int) -> list[tuple[str, dict]]:
    """Realtime events published for a workspace so far, oldest first: [(type, data)]."""
    import orjson

    from chotdon.core.redis import get_redis
    from chotdon.realtime.publisher import stream_key

    entries = await get_redis().xrange(stream_key(workspace_id))
    out = []
    for _, fields in entries:
        raw = fields.get(b"e") or fields.get("e")
        frame = orjson.loads(raw)
        out.append((frame["type"], frame["data"]))
    return out
