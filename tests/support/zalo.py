"""The Zalo OA simulator as a real HTTP server, and helpers to make things happen on Zalo.

    from support.zalo import zalo, zalo_server  # noqa: F401  (pytest fixtures)

    async def test_follower_message(zalo, run_jobs):
        oa = await zalo.connect()                 # OAuth v4 + PKCE through the consent page
        await zalo.sim.user_writes(oa, "Shop ơi còn hàng không?", user_id="7001")
        await run_jobs()

`zalo_server` (session): `chotdon.channels.zalo.simulator` in a thread on a free port.
`zalo` (per test): points `ZALO_API_URL` / `ZALO_OAUTH_URL` at it, aims its signed events at
`/webhooks/zalo` of `app_server`, and gives `sim` (control client), `tenant` and `connect()`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from support.simulator import AppServer
from support.threaded import OAuthWorld, SimControl, ThreadedSimulator, serving, simulated


class ZaloServer(ThreadedSimulator):
    name = "zalo-sim"

    def make_app(self) -> Any:
        from chotdon.channels.zalo.simulator.app import Config, create_simulator_app
        from chotdon.core.settings import get_settings

        s = get_settings()
        return create_simulator_app(
            Config(
                app_id=s.zalo_app_id,
                app_secret=s.zalo_app_secret,
                oa_secret_key=s.zalo_oa_secret_key,
            )
        )


@dataclass
class SimOA:
    oa_id: str
    name: str


DEFAULTS: dict[str, Any] = {
    "signature_mode": "ok",
    "push_retries": 2,
    "drop_next_pushes": 0,
    "lose_next_refresh_answers": 0,
    "rate_limit_next": 0,
    "echo_api_sends": True,
    "echo_before_answer": False,
    "hold_answers": False,
    "free_reply_hours": 48,
    "free_replies": 8,
    "proactive_days": 7,
    "proactive_quota": 0,
}


class ZaloSim(SimControl):
    """Async client of the simulator's control API (`/_sim/...`)."""

    label = "zalo simulator"

    async def create_oa(self, name: str = "Zalo OA Test") -> SimOA:
        body = await self.call("POST", "/oas", json={"name": name})
        return SimOA(body["oa_id"], body["name"])

    async def user_writes(
        self,
        oa: SimOA,
        text: str | None = None,
        *,
        user_id: str | None = None,
        name: str = "Nguyễn Thị Mua",
        event_name: str = "user_send_text",
        attachments: list[dict[str, Any]] | None = None,
        ago_seconds: float = 0,
        push: bool = True,
    ) -> dict[str, Any]:
        body = {
            "oa_id": oa.oa_id,
            "user_id": user_id,
            "name": name,
            "text": text,
            "event_name": event_name,
            "attachments": attachments or [],
            "ago_seconds": ago_seconds,
            "push": push,
        }
        return await self.call("POST", "/user_writes", json=body)

    async def oa_writes(self, oa: SimOA, user_id: str, text: str) -> dict[str, Any]:
        body = {"oa_id": oa.oa_id, "user_id": user_id, "text": text}
        return await self.call("POST", "/oa_writes", json=body)

    async def user_event(
        self, oa: SimOA, user_id: str, event_name: str, **fields: Any
    ) -> dict[str, Any]:
        body = {"oa_id": oa.oa_id, "user_id": user_id, "event_name": event_name, **fields}
        return await self.call("POST", "/user_event", json=body)

    async def expire_token(self, oa: SimOA) -> None:
        await self.call("POST", f"/oas/{oa.oa_id}/expire_token")

    async def revoke(self, oa: SimOA) -> None:
        await self.call("POST", f"/oas/{oa.oa_id}/revoke")

    async def advance_clock(self, seconds: float) -> None:
        await self.call("POST", "/clock", json={"advance_seconds": seconds})

    async def release_answers(self) -> int:
        """The sends' answers held by `hold_answers` go out now; how many there were."""
        return int((await self.call("POST", "/release_answers"))["released"])

    async def sent(self, oa: SimOA) -> list[dict[str, Any]]:
        return await self.call("GET", "/sent", params={"oa_id": oa.oa_id})

    async def approve(self, authorize_url: str, oa: SimOA) -> str:
        """What the OA admin does on Zalo's consent page: returns our callback URL."""
        return await self.consent(authorize_url, f"oa_id={oa.oa_id}")


@pytest.fixture(scope="session")
def zalo_server() -> Iterator[ZaloServer]:
    yield from serving(ZaloServer())


class ZaloWorld(OAuthWorld):
    provider = "zalo"

    async def connect(self, name: str = "Zalo OA Test", tenant: Any | None = None) -> SimOA:
        """A simulated OA connected through the real OAuth flow (consent page, callback)."""
        oa = await self.sim.create_oa(name)
        await self.connect_through(f"oa_id={oa.oa_id}", tenant)
        return oa


@pytest.fixture
async def zalo(
    zalo_server: ZaloServer, app_server: AppServer, tenant: Any, monkeypatch: Any
) -> AsyncIterator[ZaloWorld]:
    from chotdon.channels.zalo import client as zalo_client

    async with simulated(
        ZaloSim,
        zalo_server,
        app_server,
        monkeypatch,
        provider="zalo",
        urls={"ZALO_API_URL": "{url}", "ZALO_OAUTH_URL": "{url}"},
        config=DEFAULTS,
        client=lambda s: zalo_client.ZaloClient(
            s.zalo_api_url, s.zalo_oauth_url, s.zalo_app_id, s.zalo_app_secret, backoff=0.01
        ),
        use_client=zalo_client.set_zalo,
    ) as sim:
        yield ZaloWorld(sim, tenant, app_server.url)
