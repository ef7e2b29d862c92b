"""Helpers for livestream tests: a page, products, a configured livestream, comments in."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from chotdon.channels.events import InboundComment, InboundMessage, InboundPost, Person
from chotdon.channels.models import Channel
from chotdon.core.db import unit_of_work
from chotdon.inbox import flows

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=30)


async def make_channel(workspace_id: int, provider: str = "api", **settings: Any) -> int:
    """A page whose sends go nowhere (provider "api"): messages stay `pending`."""
    async with unit_of_work() as session:
        channel = Channel(
            workspace_id=workspace_id,
            provider=provider,
            external_id=f"page-{uuid.uuid4().hex[:10]}",
            name="Shop Thời Trang Lan",
            settings=settings,
        )
        session.add(channel)
        await session.flush()
        return channel.id


async def make_products(tenant) -> dict[str, dict]:
    tag = uuid.uuid4().hex[:6]
    products = {}
    body = {
        "sku": f"AO-{tag}",
        "name": "Áo thun",
        "price": 150_000,
        "stock": 100,
        "variants": [
            {
                "sku": f"AO-{tag}-M-DO",
                "name": "M / Đỏ",
                "attributes": {"size": "M", "màu": "Đỏ"},
                "price": 150_000,
                "stock": 50,
            },
            {
                "sku": f"AO-{tag}-L-DO",
                "name": "L / Đỏ",
                "attributes": {"size": "L", "màu": "Đỏ"},
                "price": 160_000,
                "stock": 50,
            },
            {
                "sku": f"AO-{tag}-M-DEN",
                "name": "M / Đen",
                "attributes": {"size": "M", "màu": "Đen"},
                "price": 150_000,
                "stock": 50,
            },
        ],
    }
    r = await tenant.post("/api/v1/products", json=body)
    assert r.status_code == 201, r.text
    products["ao"] = r.json()
    r = await tenant.post(
        "/api/v1/products",
        json={"sku": f"QJ-{tag}", "name": "Quần jean", "price": 250_000, "stock": 100},
    )
    assert r.status_code == 201, r.text
    products["quan"] = r.json()
    r = await tenant.post(
        "/api/v1/products",
        json={"sku": f"VAY-{tag}", "name": "Váy hoa", "price": 320_000, "stock": 100},
    )
    assert r.status_code == 201, r.text
    products["vay"] = r.json()
    return products


@dataclass
class Live:
    tenant: Any
    channel_id: int
    livestream: dict
    products: dict
    video_id: str
    page_external_id: str = ""
    post: InboundPost = field(init=False)
    counter: int = 0

    def __post_init__(self) -> None:
        self.post = InboundPost(
            external_id=f"{self.page_external_id}_{self.video_id}",
            message="Live xả hàng tối nay",
            kind="live_video",
            live_video_external_id=self.video_id,
        )

    @property
    def id(self) -> int:
        return self.livestream["id"]

    async def comment(
        self,
        psid: str,
        text: str | None,
        *,
        cid: str | None = None,
        verb: str = "add",
        name: str | None = None,
        at: datetime | None = None,
    ) -> str:
        self.counter += 1
        cid = cid or f"{self.video_id}_c{self.counter}"
        event = InboundComment(
            external_id=cid,
            post=self.post,
            customer=Person(psid, name or f"Khách {psid}"),
            direction="in",
            created_at=at or T0 + timedelta(seconds=self.counter),
            verb=verb,  # type: ignore[arg-type]
            text=text,
        )
        async with unit_of_work() as session:
            channel = await session.get_one(Channel, self.channel_id)
            await flows.record_comment(session, channel, event)
        return cid

    async def message(self, psid: str, text: str | None, *, meta: dict | None = None) -> str:
        self.counter += 1
        mid = f"m_{self.video_id}_{self.counter}"
        event = InboundMessage(
            external_id=mid,
            customer=Person(psid, f"Khách {psid}"),
            direction="in",
            created_at=datetime.now(UTC),
            text=text,
            meta=meta or {},
        )
        async with unit_of_work() as session:
            channel = await session.get_one(Channel, self.channel_id)
            await flows.record_message(session, channel, event)
        return mid

    async def orders(self, **params: Any) -> list[dict]:
        r = await self.tenant.get(f"/api/v1/livestreams/{self.id}/orders", params=params)
        assert r.status_code == 200, r.text
        return [row["order"] for row in r.json()["items"]]

    async def board(self, **params: Any) -> list[dict]:
        r = await self.tenant.get(f"/api/v1/livestreams/{self.id}/orders", params=params)
        assert r.status_code == 200, r.text
        return r.json()["items"]

    async def comments(self, **params: Any) -> list[dict]:
        r = await self.tenant.get(f"/api/v1/livestreams/{self.id}/comments", params=params)
        assert r.status_code == 200, r.text
        return r.json()["items"]

    async def totals(self) -> dict:
        r = await self.tenant.get(f"/api/v1/livestreams/{self.id}/totals")
        assert r.status_code == 200, r.text
        return r.json()

    async def configure(self, **options: Any) -> dict:
        body = {"items": default_items(self.products), **options}
        r = await self.tenant.put(f"/api/v1/livestreams/{self.id}/config", json=body)
        assert r.status_code == 200, r.text
        return r.json()


def default_items(products: dict) -> list[dict]:
    return [
        {"keyword": "A01", "product_id": products["ao"]["id"]},
        {"keyword": "Q02", "product_id": products["quan"]["id"]},
        {"keyword": "V03", "product_id": products["vay"]["id"], "price": 299_000},
    ]


async def make_live(
    tenant,
    *,
    provider: str = "api",
    channel_settings: dict | None = None,
    items: list[dict] | None = None,
    **options: Any,
) -> Live:
    channel_id = await make_channel(tenant.workspace_id, provider, **(channel_settings or {}))
    async with unit_of_work() as session:
        page = (await session.get_one(Channel, channel_id)).external_id
    products = await make_products(tenant)
    video_id = f"lv{uuid.uuid4().hex[:10]}"
    r = await tenant.post(
        "/api/v1/livestreams",
        json={"channel_id": channel_id, "live_video_id": video_id, "title": "Live tối thứ 6"},
    )
    assert r.status_code == 201, r.text
    live = Live(tenant, channel_id, r.json(), products, video_id, page)
    body = {"items": items if items is not None else default_items(products), **options}
    r = await tenant.put(f"/api/v1/livestreams/{live.id}/config", json=body)
    assert r.status_code == 200, r.text
    return live


def lines(order: dict) -> list[tuple[str | None, int]]:
    """(keyword, quantity) of each line, for readable assertions."""
    return sorted((i["keyword"], i["quantity"]) for i in order["items"])
