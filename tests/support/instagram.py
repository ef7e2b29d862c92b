"""Instagram accounts in the Facebook simulator, and Facebook Login through its dialog.

An Instagram professional account is linked to a simulated page (`link_instagram`); the usual
`Simulator` helpers then work with the account's id as the page (`customer_writes`, `react`,
`read`, `create_post` — a post or reel —, `customer_comments`, `page_comments`, `go_live`,
`live_status`), and the simulator sends `object: instagram` webhooks.

`MetaWorld.login(...)` is what the owner does: "Kết nối Facebook" (`POST .../authorize`), the
simulated Facebook dialog (permissions and pages ticked or not), the callback, then the
choice of accounts (`GET/POST /channels/facebook/selections/{id}`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from support.simulator import SimPage, Simulator, _pid


@dataclass
class SimInstagram:
    account_id: str
    username: str
    page: SimPage

    def __str__(self) -> str:
        return self.account_id


async def link_instagram(sim: Simulator, page: SimPage, username: str) -> SimInstagram:
    body = await sim.call(
        "POST", "/instagram", json={"page_id": page.page_id, "username": username}
    )
    return SimInstagram(str(body["instagram_id"]), str(body["username"]), page)


async def story_reply(
    sim: Simulator, account: SimInstagram, igsid: str, text: str, story_url: str
) -> dict[str, Any]:
    return await sim._event(
        "/messages",
        {
            "page_id": account.account_id,
            "psid": igsid,
            "text": text,
            "reply_to_story": {"id": "17890000000000001", "url": story_url},
        },
        True,
    )


async def create_media(
    sim: Simulator, account: SimInstagram, caption: str, kind: str = "FEED"
) -> str:
    body = await sim.call(
        "POST",
        "/posts",
        json={"page_id": account.account_id, "message": caption, "media_product_type": kind},
    )
    return str(body["post_id"])


@dataclass
class MetaWorld:
    """The simulator, a tenant, and Facebook Login through the simulated dialog."""

    sim: Simulator
    tenant: Any
    run_jobs: Any

    async def page_with_instagram(
        self, name: str = "Shop Thời Trang", username: str = "shop.thoitrang"
    ) -> tuple[SimPage, SimInstagram]:
        page = await self.sim.create_page(name)
        return page, await link_instagram(self.sim, page, username)

    async def dialog(
        self,
        pages: list[SimPage | str],
        declined: list[str] | None = None,
        tenant: Any | None = None,
    ) -> httpx.Response:
        """Click "Kết nối Facebook", then "Tiếp tục" in Facebook's dialog: the callback's answer."""
        await self.sim.call(
            "POST",
            "/login",
            json={"page_ids": [_pid(p) for p in pages], "declined_permissions": declined or []},
        )
        client = tenant or self.tenant
        r = await client.post("/api/v1/channels/facebook/authorize")
        assert r.status_code == 200, r.text
        async with httpx.AsyncClient() as browser:
            dialog = await browser.get(r.json()["url"])
            assert dialog.status_code == 200, dialog.text
            ticked = re.findall(
                r'<input type="checkbox" name="(\w+)" value="([^"]+)" checked', dialog.text
            )
            hidden = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', dialog.text)
            query = [(k, unescape(v)) for k, v in hidden + ticked]
            confirm = await browser.get(
                f"{self.sim.base_url}/dialog/oauth/confirm?{urlencode(query)}"
            )
            assert confirm.status_code == 302, confirm.text
        callback = urlsplit(confirm.headers["location"])
        return await client.client.get(f"{callback.path}?{callback.query}")

    async def login(
        self,
        pages: list[SimPage | str],
        declined: list[str] | None = None,
        tenant: Any | None = None,
    ) -> tuple[str, list[dict[str, Any]]]:
        """The dialog, then what the owner is offered: `(selection id, accounts)`."""
        answer = await self.dialog(pages, declined, tenant)
        assert answer.status_code == 303, answer.text
        query = parse_qs(urlsplit(answer.headers["location"]).query)
        assert "select" in query, answer.headers["location"]
        selection = query["select"][0]
        r = await (tenant or self.tenant).get(f"/api/v1/channels/facebook/selections/{selection}")
        assert r.status_code == 200, r.text
        return selection, r.json()["items"]

    async def connect(
        self, selection: str, external_ids: list[str], tenant: Any | None = None
    ) -> list[dict[str, Any]]:
        r = await (tenant or self.tenant).post(
            f"/api/v1/channels/facebook/selections/{selection}",
            json={"external_ids": external_ids},
        )
        assert r.status_code == 200, r.text
        await self.run_jobs()
        return r.json()["items"]

    async def connect_both(
        self, page: SimPage, account: SimInstagram
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Log in, tick the page and its Instagram account: their channels."""
        selection, _ = await self.login([page])
        channels = await self.connect(selection, [page.page_id, account.account_id])
        by_provider = {c["provider"]: c for c in channels}
        return by_provider["facebook"], by_provider["instagram"]
