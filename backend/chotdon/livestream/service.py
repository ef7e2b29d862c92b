"""Livestreams and their keyword configuration: create, attach to a live video, configure.

One configuration belongs to one livestream. A livestream prepared in advance (no video yet)
is attached to the page's next live video when its first comment (or its sync) arrives.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.models import Channel
from chotdon.channels.schemas import ChannelSettings
from chotdon.core import locks
from chotdon.core.errors import Conflict, NotFound, ValidationFailed
from chotdon.core.pagination import Page, PageParams, decode_cursor, encode_cursor
from chotdon.core.tenant import get_owned, owned
from chotdon.core.text import fold_words
from chotdon.inbox.models import Post
from chotdon.livestream import bot
from chotdon.livestream.models import Livestream, LivestreamItem
from chotdon.livestream.parser import KeywordConfig, KeywordIndex, VariantChoice
from chotdon.livestream.schemas import (
    ConfigIn,
    ConfigItemOut,
    ConfigOut,
    LivestreamDetailOut,
    LivestreamIn,
    LivestreamOut,
    LivestreamPatch,
    LiveVideoOut,
)
from chotdon.orders.models import Product, ProductVariant

ENDED_LIVE_STATUSES = ("live_stopped", "vod", "ended", "processing", "unpublished")


def keyword_key(keyword: str) -> str:
    """The folded form keywords are unique by ("Á01" and "a01" are one keyword)."""
    return " ".join(fold_words(keyword))


def live_status_of(post: Post | None, stored: str) -> str:
    """scheduled / live / ended: the video's status on Facebook wins once it is known, except
    over staff who ended the livestream ("Kết thúc live") while the video still runs."""
    if post is None or stored == "ended":
        return stored
    status = (post.live_status or "").lower()
    if status in ENDED_LIVE_STATUSES:
        return "ended"
    if status == "live":
        return "live"
    return "live" if stored == "scheduled" else stored


# --------------------------------------------------------------------------- reads


async def get_livestream(
    session: AsyncSession, workspace_id: int, livestream_id: Any, *, for_update: bool = False
) -> Livestream:
    return await get_owned(
        session, Livestream, livestream_id, workspace_id, for_update=for_update, label="Livestream"
    )


async def livestream_out(session: AsyncSession, livestream: Livestream) -> LivestreamOut:
    [out] = await livestreams_out(session, [livestream])
    return out


async def livestreams_out(
    session: AsyncSession, livestreams: Sequence[Livestream]
) -> list[LivestreamOut]:
    ids = [ls.id for ls in livestreams]
    counts: dict[int, int] = {}
    posts: dict[int, Post] = {}
    if ids:
        rows = await session.execute(
            select(LivestreamItem.livestream_id, func.count())
            .where(LivestreamItem.livestream_id.in_(ids))
            .group_by(LivestreamItem.livestream_id)
        )
        counts = {int(k): int(v) for k, v in rows.all()}
        post_ids = [ls.post_id for ls in livestreams if ls.post_id]
        if post_ids:
            prows = await session.execute(select(Post).where(Post.id.in_(post_ids)))
            posts = {p.id: p for p in prows.scalars()}
    out = []
    for ls in livestreams:
        post = posts.get(ls.post_id) if ls.post_id else None
        status = live_status_of(post, ls.status)
        out.append(
            LivestreamOut(
                id=ls.id,
                channel_id=ls.channel_id,
                post_id=ls.post_id,
                live_video_id=ls.live_video_external_id,
                title=ls.title,
                status=status,  # type: ignore[arg-type]
                accepting_orders=ls.accepting_orders,
                not_taking_orders=not_taking_orders(
                    status, ls.accepting_orders, counts.get(ls.id, 0)
                ),
                confirm_by_message=ls.confirm_by_message,
                hide_phone_comments=ls.hide_phone_comments,
                phone_only_single_product=ls.phone_only_single_product,
                repeat_adds_quantity=ls.repeat_adds_quantity,
                items_count=counts.get(ls.id, 0),
                permalink_url=post.permalink_url if post else None,
                started_at=ls.started_at,
                ended_at=ls.ended_at,
                created_at=ls.created_at,
                updated_at=ls.updated_at,
            )
        )
    return out


def not_taking_orders(status: str, accepting: bool, items_count: int) -> str | None:
    """Why comments do not turn into orders now, None when they do."""
    if status == "ended":
        return "ended"
    if not accepting:
        return "stopped"
    if items_count == 0:
        return "no_products"
    return None


async def detail_out(session: AsyncSession, livestream: Livestream) -> LivestreamDetailOut:
    base = await livestream_out(session, livestream)
    return LivestreamDetailOut(**base.model_dump(), config=await config_out(session, livestream))


async def list_livestreams(
    session: AsyncSession,
    workspace_id: int,
    params: PageParams,
    *,
    channel_id: int | None = None,
    status: str | None = None,
) -> Page[LivestreamOut]:
    """Newest first. `status` filters on the stored status (scheduled / live / ended)."""
    stmt = owned(Livestream, workspace_id)
    if channel_id is not None:
        stmt = stmt.where(Livestream.channel_id == channel_id)
    if status is not None:
        # The status shown is the live video's once Facebook reports it (`live_status_of`).
        video = select(Post.live_status).where(Post.id == Livestream.post_id).scalar_subquery()
        ended = or_(Livestream.status == "ended", func.lower(video).in_(ENDED_LIVE_STATUSES))
        if status == "ended":
            stmt = stmt.where(ended)
        elif status == "live":
            stmt = stmt.where(
                ~ended, or_(Livestream.status == "live", Livestream.post_id.is_not(None))
            )
        else:
            stmt = stmt.where(Livestream.status == "scheduled", Livestream.post_id.is_(None))
    cursor = decode_cursor(params.cursor, 1)
    if cursor is not None:
        stmt = stmt.where(Livestream.id < int(cursor[0]))
    rows = list(
        (await session.execute(stmt.order_by(Livestream.id.desc()).limit(params.limit + 1)))
        .scalars()
        .all()
    )
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    return Page(
        items=await livestreams_out(session, rows),
        next_cursor=encode_cursor([rows[-1].id]) if more and rows else None,
    )


async def list_live_videos(
    session: AsyncSession, workspace_id: int, params: PageParams, *, channel_id: int | None = None
) -> Page[LiveVideoOut]:
    """The pages' live videos synced by the channels (posts of kind live_video), newest first."""
    stmt = owned(Post, workspace_id).where(Post.kind == "live_video")
    if channel_id is not None:
        stmt = stmt.where(Post.channel_id == channel_id)
    cursor = decode_cursor(params.cursor, 1)
    if cursor is not None:
        stmt = stmt.where(Post.id < int(cursor[0]))
    posts = list(
        (await session.execute(stmt.order_by(Post.id.desc()).limit(params.limit + 1))).scalars()
    )
    more = len(posts) > params.limit
    posts = posts[: params.limit]
    attached: dict[int, int] = {}
    if posts:
        rows = await session.execute(
            select(Livestream.post_id, Livestream.id).where(
                Livestream.post_id.in_([p.id for p in posts])
            )
        )
        attached = {int(p): int(i) for p, i in rows.all() if p is not None}
    items = [
        LiveVideoOut(
            post_id=p.id,
            channel_id=p.channel_id,
            live_video_id=p.live_video_external_id,
            title=p.message,
            status="ended" if (p.live_status or "").lower() in ENDED_LIVE_STATUSES else "live",
            live_status=p.live_status,
            permalink_url=p.permalink_url,
            picture_url=p.picture_url,
            started_at=p.posted_at or p.created_at,
            livestream_id=attached.get(p.id),
        )
        for p in posts
    ]
    return Page(items=items, next_cursor=encode_cursor([posts[-1].id]) if more and posts else None)


# --------------------------------------------------------------------------- writes


async def find_post(
    session: AsyncSession, workspace_id: int, channel: Channel | None, value: int | str
) -> Post:
    """A post by our id or by the page's Facebook id (`{page_id}_{post_id}`, the bare post id
    or the live video id), as staff copy it from Facebook; 404 otherwise."""
    text_value = str(value).strip()
    if text_value.isdigit() and 0 < int(text_value) < 2**63:
        ours = await session.get(Post, int(text_value))
        if ours is not None and ours.workspace_id == workspace_id:
            if channel is None or ours.channel_id == channel.id:
                return ours
    if text_value and len(text_value) <= 128:
        candidates = [text_value]
        if channel is not None and "_" not in text_value:
            candidates.append(f"{channel.external_id}_{text_value}")
        stmt = select(Post).where(
            Post.workspace_id == workspace_id,
            or_(Post.external_id.in_(candidates), Post.live_video_external_id == text_value),
        )
        if channel is not None:
            stmt = stmt.where(Post.channel_id == channel.id)
        found = (await session.execute(stmt.order_by(Post.id).limit(1))).scalar_one_or_none()
        if found is not None:
            return found
    raise NotFound("Post not found", code="post_not_found")


async def create_livestream(
    session: AsyncSession, workspace_id: int, body: LivestreamIn
) -> Livestream:
    """A livestream on a page: attached to a live video now, or prepared in advance."""
    channel = await get_owned(session, Channel, body.channel_id, workspace_id, label="Channel")
    livestream = Livestream(
        workspace_id=workspace_id,
        channel_id=channel.id,
        title=body.title.strip(),
        status="scheduled",
        accepting_orders=True,
        # On by default: the customer gets the order summary, other viewers never see the
        # phone numbers (the shop turns either off in the configuration).
        confirm_by_message=True,
        hide_phone_comments=True,
    )
    post: Post | None = None
    if body.post_id is not None:
        post = await find_post(session, workspace_id, None, body.post_id)
        if post.channel_id != channel.id:
            raise ValidationFailed(
                "The post belongs to another page",
                details=[{"field": "post_id", "message": "not a post of this channel"}],
            )
    elif body.live_video_id:
        post = (
            await session.execute(
                select(Post).where(
                    Post.channel_id == channel.id,
                    or_(
                        Post.live_video_external_id == body.live_video_id,
                        Post.external_id == body.live_video_id,
                    ),
                )
            )
        ).scalar_one_or_none()
        livestream.live_video_external_id = body.live_video_id
    await locks.lock(session, "livestream-attach", channel.id)
    if post is not None:
        await _ensure_free(session, post)
        _attach(livestream, post)
    elif livestream.live_video_external_id:
        taken = await session.scalar(
            select(Livestream.id).where(
                Livestream.channel_id == channel.id,
                Livestream.live_video_external_id == livestream.live_video_external_id,
            )
        )
        if taken is not None:
            raise Conflict("This live video already has a livestream", code="live_video_taken")
        livestream.status = "live"
        livestream.started_at = datetime.now(UTC)
    session.add(livestream)
    await session.flush()
    return livestream


async def _ensure_free(session: AsyncSession, post: Post) -> None:
    taken = await session.scalar(select(Livestream.id).where(Livestream.post_id == post.id))
    if taken is not None:
        raise Conflict(
            "This live video already has a livestream",
            code="live_video_taken",
            details={"livestream_id": int(taken)},
        )


def _attach(livestream: Livestream, post: Post) -> None:
    livestream.post_id = post.id
    if post.live_video_external_id:
        livestream.live_video_external_id = post.live_video_external_id
    livestream.status = live_status_of(post, "live")
    livestream.started_at = livestream.started_at or post.posted_at or datetime.now(UTC)


async def attach_post(session: AsyncSession, livestream: Livestream, post: Post) -> Livestream:
    """Attach a prepared livestream to a live video of its page by hand."""
    if post.channel_id != livestream.channel_id:
        raise ValidationFailed(
            "The live video belongs to another page",
            details=[{"field": "post_id", "message": "not a post of this livestream's page"}],
        )
    if livestream.post_id == post.id:
        return livestream
    if livestream.post_id is not None:
        raise Conflict(
            "This livestream is already attached to a live video", code="livestream_attached"
        )
    await locks.lock(session, "livestream-attach", livestream.channel_id)
    await _ensure_free(session, post)
    _attach(livestream, post)
    await session.flush()
    _forget(livestream.id)
    return livestream


async def update_livestream(
    session: AsyncSession, livestream: Livestream, body: LivestreamPatch
) -> Livestream:
    if body.title is not None:
        livestream.title = body.title.strip()
    if body.accepting_orders is not None:
        livestream.accepting_orders = body.accepting_orders
    await session.flush()
    _forget(livestream.id)
    return livestream


async def set_accepting_orders(
    session: AsyncSession, livestream: Livestream, accepting: bool
) -> Livestream:
    """The one switch: start / stop turning comments into orders."""
    livestream.accepting_orders = accepting
    await session.flush()
    return livestream


async def end_livestream(session: AsyncSession, livestream: Livestream) -> Livestream:
    livestream.status = "ended"
    livestream.accepting_orders = False
    livestream.ended_at = livestream.ended_at or datetime.now(UTC)
    await session.flush()
    return livestream


async def livestream_for_post(
    session: AsyncSession, channel: Channel, post: Post
) -> Livestream | None:
    """The livestream of a post; a live video with none takes the oldest prepared one, or (the
    channel's `auto_livestream` setting) a new one configured like the page's last livestream."""
    livestream = (
        await session.execute(select(Livestream).where(Livestream.post_id == post.id))
    ).scalar_one_or_none()
    if livestream is not None:
        return livestream
    if post.kind != "live_video" and not post.live_video_external_id:
        return None
    if (post.live_status or "").lower() in ENDED_LIVE_STATUSES:
        return None
    scheduled_or_same_video = and_(
        Livestream.channel_id == channel.id,
        Livestream.post_id.is_(None),
        or_(
            Livestream.status == "scheduled",
            Livestream.live_video_external_id == post.live_video_external_id,
        ),
    )
    candidate_id = await session.scalar(
        select(Livestream.id).where(scheduled_or_same_video).limit(1)
    )
    if candidate_id is None:  # the usual case for a page without prepared livestreams
        if not ChannelSettings.model_validate(channel.settings or {}).auto_livestream:
            return None
        return await _repeat_last(session, channel, post)
    await locks.lock(session, "livestream-attach", channel.id)
    livestream = (
        await session.execute(select(Livestream).where(Livestream.post_id == post.id))
    ).scalar_one_or_none()
    if livestream is not None:
        return livestream
    rows = await session.execute(
        select(Livestream)
        .where(scheduled_or_same_video)
        .order_by(
            (Livestream.live_video_external_id == post.live_video_external_id).desc().nulls_last(),
            Livestream.id,
        )
        .limit(1)
    )
    livestream = rows.scalar_one_or_none()
    if livestream is None:
        return None
    if livestream.live_video_external_id not in (None, post.live_video_external_id):
        return None
    _attach(livestream, post)
    await session.flush()
    return livestream


async def _repeat_last(session: AsyncSession, channel: Channel, post: Post) -> Livestream | None:
    """A livestream for a new live video of the page, with the products, keywords and options
    of the page's last livestream (None when the page never had a configured one)."""
    await locks.lock(session, "livestream-attach", channel.id)
    livestream = (
        await session.execute(select(Livestream).where(Livestream.post_id == post.id))
    ).scalar_one_or_none()
    if livestream is not None:
        return livestream
    last = (
        await session.execute(
            select(Livestream)
            .where(
                Livestream.channel_id == channel.id,
                select(LivestreamItem.id)
                .where(LivestreamItem.livestream_id == Livestream.id)
                .exists(),
            )
            .order_by(Livestream.id.desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    if last is None:
        return None
    livestream = Livestream(
        workspace_id=last.workspace_id,
        channel_id=channel.id,
        title=last.title,
        accepting_orders=True,
        confirm_by_message=last.confirm_by_message,
        hide_phone_comments=last.hide_phone_comments,
        phone_only_single_product=last.phone_only_single_product,
        repeat_adds_quantity=last.repeat_adds_quantity,
        bot_template=last.bot_template,
    )
    _attach(livestream, post)
    session.add(livestream)
    await session.flush()
    items = (
        await session.execute(select(LivestreamItem).where(LivestreamItem.livestream_id == last.id))
    ).scalars()
    session.add_all(
        LivestreamItem(
            workspace_id=item.workspace_id,
            livestream_id=livestream.id,
            keyword=item.keyword,
            keyword_folded=item.keyword_folded,
            product_id=item.product_id,
            variant_id=item.variant_id,
            price=item.price,
            quantity_limit=item.quantity_limit,
            stock_limit=item.stock_limit,
            position=item.position,
        )
        for item in list(items)
    )
    await session.flush()
    return livestream


# --------------------------------------------------------------------------- configuration


async def put_config(session: AsyncSession, livestream: Livestream, body: ConfigIn) -> Livestream:
    """Replace the products on sale and the options of one livestream."""
    ws = livestream.workspace_id
    seen: dict[str, int] = {}
    errors = []
    for n, item in enumerate(body.items):
        key = keyword_key(item.keyword)
        if key in seen:
            errors.append(
                {"field": f"items.{n}.keyword", "message": f"same keyword as items.{seen[key]}"}
            )
        seen.setdefault(key, n)
    if errors:
        raise ValidationFailed("Each keyword may be used once", details=errors)
    product_ids = {i.product_id for i in body.items}
    products: dict[int, Product] = {}
    variants: dict[int, list[ProductVariant]] = {}
    if product_ids:
        if any(not (0 < pid < 2**63) for pid in product_ids):
            raise NotFound("Product not found", code="product_not_found")
        rows = await session.execute(owned(Product, ws).where(Product.id.in_(product_ids)))
        products = {p.id: p for p in rows.scalars()}
        vrows = await session.execute(
            owned(ProductVariant, ws).where(ProductVariant.product_id.in_(product_ids))
        )
        for v in vrows.scalars():
            variants.setdefault(v.product_id, []).append(v)
    new_items = []
    for n, item in enumerate(body.items):
        product = products.get(item.product_id)
        if product is None:
            raise NotFound(
                f"Product {item.product_id} not found",
                code="product_not_found",
                details=[{"field": f"items.{n}.product_id", "message": "not found"}],
            )
        variant_id = None
        if item.variant_sku:
            variant = next(
                (v for v in variants.get(product.id, []) if v.sku == item.variant_sku), None
            )
            if variant is None:
                raise NotFound(
                    f"Variant {item.variant_sku} not found for product {product.sku}",
                    code="variant_not_found",
                    details=[{"field": f"items.{n}.variant_sku", "message": "not found"}],
                )
            variant_id = variant.id
        new_items.append(
            LivestreamItem(
                workspace_id=ws,
                livestream_id=livestream.id,
                keyword=item.keyword,
                keyword_folded=keyword_key(item.keyword),
                product_id=product.id,
                variant_id=variant_id,
                price=item.price,
                quantity_limit=item.quantity_limit,
                stock_limit=item.stock_limit,
                position=n,
            )
        )
    if body.bot_template is not None and body.bot_template.strip():
        bot.check_template(body.bot_template)
    old = await session.execute(
        select(LivestreamItem).where(LivestreamItem.livestream_id == livestream.id)
    )
    for row in old.scalars():
        await session.delete(row)
    await session.flush()
    session.add_all(new_items)
    if body.confirm_by_message is not None:
        livestream.confirm_by_message = body.confirm_by_message
    if body.hide_phone_comments is not None:
        livestream.hide_phone_comments = body.hide_phone_comments
    livestream.phone_only_single_product = body.phone_only_single_product
    livestream.repeat_adds_quantity = body.repeat_adds_quantity
    template = (body.bot_template or "").strip()
    livestream.bot_template = template or None
    livestream.updated_at = datetime.now(UTC)
    await session.flush()
    _forget(livestream.id)
    return livestream


async def sold_for_sale(
    session: AsyncSession, livestream: Livestream, config: LiveConfig
) -> dict[str, int]:
    """`sold_by_keyword` for a transaction about to sell: when an item has its own stock, under
    the livestream's stock lock (held to the commit), so two transactions (a batch, a comment
    edited, a customer's phone waking a comment) never both take the last units."""
    if any(entry.item.stock_limit is not None for entry in config.entries):
        await locks.lock(session, "live-stock", livestream.id)
    return await sold_by_keyword(session, livestream.id)


async def sold_by_keyword(session: AsyncSession, livestream_id: int) -> dict[str, int]:
    """Units of each keyword (folded) in the livestream's orders that are not cancelled."""
    from chotdon.orders.models import Order, OrderItem

    rows = await session.execute(
        select(OrderItem.keyword, func.sum(OrderItem.quantity))
        .join(Order, Order.id == OrderItem.order_id)
        .where(
            Order.livestream_id == livestream_id,
            Order.status != "cancelled",
            OrderItem.keyword.is_not(None),
        )
        .group_by(OrderItem.keyword)
    )
    sold: dict[str, int] = {}
    for keyword, quantity in rows.all():
        if keyword is None:  # excluded by the WHERE; the column itself is nullable
            continue
        key = keyword_key(keyword)
        sold[key] = sold.get(key, 0) + int(quantity or 0)
    return sold


async def config_out(session: AsyncSession, livestream: Livestream) -> ConfigOut:
    config = await load_config(session, livestream, use_cache=False)
    sold = await sold_by_keyword(session, livestream.id)
    items = []
    for entry in config.entries:
        item = entry.item
        items.append(
            ConfigItemOut(
                id=item.id,
                keyword=item.keyword,
                product_id=item.product_id,
                product_name=entry.product.name,
                product_sku=entry.product.sku,
                variant_id=item.variant_id,
                variant_sku=entry.variant.sku if entry.variant else None,
                variant_name=entry.variant.name if entry.variant else None,
                variants=[
                    {"id": v.id, "sku": v.sku, "name": v.name, "price": v.price}
                    for v in entry.choices
                ],
                price=item.price,
                effective_price=entry.unit_price(None),
                quantity_limit=item.quantity_limit,
                stock_limit=item.stock_limit,
                sold=sold.get(keyword_key(item.keyword), 0),
            )
        )
    return ConfigOut(
        items=items,
        confirm_by_message=livestream.confirm_by_message,
        hide_phone_comments=livestream.hide_phone_comments,
        phone_only_single_product=livestream.phone_only_single_product,
        repeat_adds_quantity=livestream.repeat_adds_quantity,
        bot_template=livestream.bot_template or bot.DEFAULT_TEMPLATE,
        bot_template_is_default=not livestream.bot_template,
        placeholders=list(bot.PLACEHOLDERS),
    )


@dataclass(slots=True)
class ConfigEntry:
    item: LivestreamItem
    product: Product
    variant: ProductVariant | None  # the variant fixed by the configuration
    choices: list[ProductVariant]  # variants the comment chooses from (no fixed variant)

    def unit_price(self, variant: ProductVariant | None) -> int:
        if self.item.price is not None:
            return self.item.price
        chosen = variant or self.variant
        if chosen is not None and chosen.price:
            return chosen.price
        return self.product.price


@dataclass(slots=True)
class LiveConfig:
    entries: list[ConfigEntry]
    index: KeywordIndex

    def entry(self, item_id: int) -> ConfigEntry | None:
        return next((e for e in self.entries if e.item.id == item_id), None)


# The configuration of a running livestream is read for every comment: keep it per process
# for a few seconds (a PUT of the configuration drops it at once in this process).
_CACHE: dict[int, tuple[float, datetime, LiveConfig]] = {}
_CACHE_SECONDS = 10.0


def _forget(livestream_id: int) -> None:
    _CACHE.pop(livestream_id, None)


async def load_config(
    session: AsyncSession, livestream: Livestream, *, use_cache: bool = True
) -> LiveConfig:
    """Items on sale with their products and variants, and the parser's keyword index."""
    now = time.monotonic()
    if use_cache:
        cached = _CACHE.get(livestream.id)
        if cached and cached[1] == livestream.updated_at and now - cached[0] < _CACHE_SECONDS:
            return cached[2]
    items = list(
        (
            await session.execute(
                select(LivestreamItem)
                .where(LivestreamItem.livestream_id == livestream.id)
                .order_by(LivestreamItem.position, LivestreamItem.id)
            )
        ).scalars()
    )
    product_ids = {i.product_id for i in items}
    products: dict[int, Product] = {}
    variants: dict[int, list[ProductVariant]] = {}
    if product_ids:
        rows = await session.execute(select(Product).where(Product.id.in_(product_ids)))
        products = {p.id: p for p in rows.scalars()}
        vrows = await session.execute(
            select(ProductVariant)
            .where(ProductVariant.product_id.in_(product_ids))
            .order_by(ProductVariant.position, ProductVariant.id)
        )
        for v in vrows.scalars():
            variants.setdefault(v.product_id, []).append(v)
    entries = []
    keywords = []
    for item in items:
        product = products.get(item.product_id)
        if product is None:
            continue
        fixed = next((v for v in variants.get(product.id, []) if v.id == item.variant_id), None)
        choices = [] if fixed is not None else variants.get(product.id, [])
        entries.append(ConfigEntry(item, product, fixed, choices))
        keywords.append(
            KeywordConfig(
                keyword=item.keyword,
                key=item.id,
                variants=tuple(
                    VariantChoice(
                        sku=v.sku,
                        name=v.name,
                        values=tuple(str(x) for x in (v.attributes or {}).values() if x),
                        id=v.id,
                    )
                    for v in choices
                ),
            )
        )
    config = LiveConfig(entries, KeywordIndex(keywords))
    _CACHE[livestream.id] = (now, livestream.updated_at, config)
    return config
