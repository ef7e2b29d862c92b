"""A product's listings on channels whose provider has them (capability `listings`: a Shopee
shop's `item_id`, a TikTok Shop `product_id`, a Lazada `item_id`). Staff link them on the product; the product card sent in a conversation of
that channel then carries the listing id, and the provider sends its native card."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import registry
from chotdon.channels.models import Channel
from chotdon.core.errors import ValidationFailed
from chotdon.orders.models import Product, ProductListing
from chotdon.orders.schemas import ListingIn, ListingOut


async def listings_of(
    session: AsyncSession, product_ids: Sequence[int]
) -> dict[int, list[ListingOut]]:
    out: dict[int, list[ListingOut]] = {pid: [] for pid in product_ids}
    if not product_ids:
        return out
    rows = await session.execute(
        select(ProductListing.product_id, ProductListing.channel_id, ProductListing.external_id)
        .where(ProductListing.product_id.in_(list(product_ids)))
        .order_by(ProductListing.channel_id)
    )
    for product_id, channel_id, external_id in rows:
        out[product_id].append(ListingOut(channel_id=channel_id, external_id=external_id))
    return out


def _invalid(index: int, message: str) -> ValidationFailed:
    field = f"listings.{index}.channel_id"
    return ValidationFailed(message, details=[{"field": field, "message": message}])


async def set_listings(
    session: AsyncSession, product: Product, wanted: Sequence[ListingIn]
) -> None:
    """Replace the product's listings with `wanted` (one per channel of the workspace)."""
    ids = [w.channel_id for w in wanted]
    channels = {
        c.id: c
        for c in (
            await session.execute(
                select(Channel).where(
                    Channel.workspace_id == product.workspace_id, Channel.id.in_(ids)
                )
            )
        ).scalars()
    }
    seen: set[int] = set()
    for index, w in enumerate(wanted):
        channel = channels.get(w.channel_id)
        if channel is None:
            raise _invalid(index, "No such channel")
        if "listings" not in registry.for_channel(channel).capabilities:
            raise _invalid(index, "This channel has no listings to link")
        if w.channel_id in seen:
            raise _invalid(index, "This channel is linked twice")
        seen.add(w.channel_id)
    await session.execute(delete(ProductListing).where(ProductListing.product_id == product.id))
    session.add_all(
        ProductListing(
            workspace_id=product.workspace_id,
            product_id=product.id,
            channel_id=w.channel_id,
            external_id=w.external_id,
        )
        for w in wanted
    )
    await session.flush()


async def listing_on(session: AsyncSession, product_id: int, channel_id: int) -> str | None:
    """The product's listing id on this channel, if staff linked one."""
    return await session.scalar(
        select(ProductListing.external_id).where(
            ProductListing.product_id == product_id, ProductListing.channel_id == channel_id
        )
    )
