"""The three carrier simulators (GHN, GHTK, Viettel Post) as real HTTP servers for tests.

`carrier_sims` (session) starts each simulator in a thread on a free port and points
`GHN_API_URL` / `GHTK_API_URL` / `VIETTELPOST_API_URL` at them, so the app's carrier clients
call them over real HTTP. `CarrierSim` is a control client: `move(code, status)` (the carrier's
own status; sends its webhook), `fail_next_quote()`, `slow(seconds)`, `lose_next_webhook()`,
`drop_next_create_response()`, `renumber_ward(id, new_id)`, `aim_webhooks(url, secret)`, `retry_webhooks_after(seconds)`,
`webhook_attempts()`, `shipments()`, `stats()`.
`shop(tenant, carrier_sims)` enables the three carriers for a workspace with a pickup address
and aims each simulator's webhooks at the app with that workspace's secret.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from support.processes import free_port

SIMULATORS = {
    "ghn": ("chotdon.shipping.ghn.simulator.app", "/shiip/public-api", "GHN_API_URL"),
    "ghtk": ("chotdon.shipping.ghtk.simulator.app", "", "GHTK_API_URL"),
    "viettelpost": ("chotdon.shipping.viettelpost.simulator.app", "", "VIETTELPOST_API_URL"),
}
PICKUP = {"name": "Shop Test", "phone": "0901234567", "address": "12 Lê Lợi, P. Bến Nghé, Q1, HCM"}


class CarrierSimServer:
    def __init__(self, carrier: str) -> None:
        self.carrier = carrier
        self.port = free_port()
        self._server: Any = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return self.url + SIMULATORS[self.carrier][1]

    def start(self) -> CarrierSimServer:
        import importlib

        import uvicorn

        module = importlib.import_module(SIMULATORS[self.carrier][0])
        config = uvicorn.Config(
            module.create_app(), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, name=f"{self.carrier}-sim", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/_sim/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"the {self.carrier} simulator did not start")

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            if self._thread is not None:
                self._thread.join(timeout=10)


@dataclass
class CarrierSim:
    carrier: str
    url: str

    async def _post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as c:
            r = await c.post(f"/_sim{path}", json=body or {})
            r.raise_for_status()
            return r.json()

    async def move(
        self, code: str, status: str, at: str | None = None, replay_only: bool = False
    ) -> Any:
        body: dict[str, Any] = {"status": status, "replay_only": replay_only}
        if at:
            body["at"] = at
        return await self._post(f"/shipments/{code}/status", body)

    async def fail_next_quote(self, count: int = 1) -> None:
        await self._post("/fail-next-quote", {"count": count})

    async def slow(self, seconds: float) -> None:
        await self._post("/slow", {"seconds": seconds})

    async def lose_next_webhook(self, count: int = 1) -> None:
        await self._post("/lose-next-webhook", {"count": count})

    async def drop_next_create_response(self) -> None:
        await self._post("/drop-next-create-response")

    async def renumber_ward(self, ward_id: str, new_id: str) -> None:
        """The carrier's master data gives the ward `ward_id` the id `new_id` (old one refused)."""
        await self._post("/renumber-ward", {"ward_id": ward_id, "new_id": new_id})

    async def aim_webhooks(self, url: str, secret: str = "") -> None:
        await self._post("/webhook", {"url": url, "secret": secret})

    async def retry_webhooks_after(self, seconds: float) -> None:
        await self._post("/webhook-retry", {"delay_seconds": seconds})

    async def webhook_attempts(self) -> list[int]:
        """The HTTP status each webhook attempt got (0: unreachable), oldest first."""
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as c:
            return [a["status"] for a in (await c.get("/_sim/webhook-attempts")).json()]

    async def shipments(self, tenant: Any = None) -> list[dict[str, Any]]:
        """What the carrier holds (booked with `tenant`'s account when given)."""
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as c:
            rows = (await c.get("/_sim/shipments")).json()
        if tenant is not None:
            rows = [r for r in rows if r["account"] == f"tok-{self.carrier}-{tenant.workspace_id}"]
        return rows

    async def stats(self) -> dict[str, int]:
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as c:
            return (await c.get("/_sim/stats")).json()


@pytest.fixture(scope="session")
def carrier_sims() -> Iterator[dict[str, CarrierSim]]:
    from chotdon.core.settings import settings_cache_clear

    servers = {c: CarrierSimServer(c).start() for c in SIMULATORS}
    previous = {SIMULATORS[c][2]: os.environ.get(SIMULATORS[c][2]) for c in SIMULATORS}
    for c, server in servers.items():
        os.environ[SIMULATORS[c][2]] = server.api_url
    settings_cache_clear()
    try:
        yield {c: CarrierSim(c, s.url) for c, s in servers.items()}
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        settings_cache_clear()
        for server in servers.values():
            server.stop()


async def enable_carriers(
    tenant: Any,
    sims: dict[str, CarrierSim],
    app_url: str,
    carriers: tuple[str, ...] = ("ghn", "ghtk", "viettelpost"),
) -> dict[str, dict[str, Any]]:
    """Enable carriers for the tenant and aim each simulator's webhooks at its secret URL."""
    accounts = {}
    for carrier in carriers:
        r = await tenant.put(
            f"/api/v1/carriers/{carrier}",
            json={
                "enabled": True,
                "credentials": {"token": f"tok-{carrier}-{tenant.workspace_id}", "shop_id": "885"},
                "pickup": PICKUP,
            },
        )
        assert r.status_code == 200, r.text
        account = r.json()
        accounts[carrier] = account
        path = account["webhook_url"].split("/webhooks/", 1)[1]
        await sims[carrier].aim_webhooks(f"{app_url}/webhooks/{path}", account["webhook_secret"])
    return accounts
