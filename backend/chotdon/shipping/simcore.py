"""What the three carrier simulators share: their in-memory world and the control API.

Each carrier's wire format lives in its own `<carrier>/simulator/app.py`; this module holds the
parts that do not depend on it. Control API (under `/_sim`):

- `POST /_sim/shipments/{code}/status {"status": "<carrier status>"}`: move a shipment and send
  the carrier's webhook (unless one was set to be lost)
- `POST /_sim/fail-next-quote {"count": 1}`, `POST /_sim/slow {"seconds": 5}`
- `POST /_sim/lose-next-webhook {"count": 1}`
- `POST /_sim/webhook-retry {"delay_seconds": 5}`: the wait between retries of a webhook the
  receiver did not answer 200 (each carrier retries as many times as its docs say);
  `GET /_sim/webhook-attempts`: every attempt with the status it got
- `POST /_sim/drop-next-create-response`: book, then answer 502 (a booking whose answer was lost)
- `POST /_sim/webhook {"url": ..., "secret": ...}`: where webhooks go
- `POST /_sim/renumber-ward {"ward_id": old, "new_id": new}`: the carrier's master data gives
  a ward a new id (GHN's WardCode, Viettel Post's WARDS_ID); the old one is refused from then on
- `GET /_sim/shipments`, `POST /_sim/reset`
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)


@dataclass
class SimShipment:
    code: str
    reference: str
    service: str
    fee: int
    cod: int
    weight: int
    to: dict[str, Any]
    status: str
    created_at: datetime
    account: str = ""  # the token that booked it: references are unique per shop account
    history: list[tuple[str, datetime]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How a carrier re-sends a webhook the receiver did not answer with a 200."""

    retries: int
    delay_seconds: float


@dataclass
class SimState:
    prefix: str
    retry: RetryPolicy = RetryPolicy(retries=0, delay_seconds=5.0)
    # Every webhook attempt: (url, HTTP status or 0 when unreachable).
    attempts: list[tuple[str, int]] = field(default_factory=list)
    _retrying: set[asyncio.Task[None]] = field(default_factory=set)
    shipments: dict[str, SimShipment] = field(default_factory=dict)
    fail_quotes: int = 0
    slow_seconds: float = 0.0
    lose_webhooks: int = 0
    drop_create_responses: int = 0
    webhook_url: str | None = None
    webhook_secret: str = ""
    create_calls: int = 0
    # The demo's courier: every `autopilot_seconds`, each shipment takes the next step of `path`.
    path: tuple[str, ...] = ()
    autopilot_seconds: float = 0.0
    # Codes keep growing across restarts (a restarted simulator never reuses a tracking code).
    _numbers: itertools.count[int] = field(
        default_factory=lambda: itertools.count(int(time.time() * 10) % 10**9)
    )

    def by_reference(self, reference: str, account: str) -> SimShipment | None:
        return next(
            (
                s
                for s in self.shipments.values()
                if s.reference == reference and s.account == account
            ),
            None,
        )

    def new_code(self) -> str:
        return f"{self.prefix}{next(self._numbers):09d}"

    def add(
        self,
        reference: str,
        service: str,
        fee: int,
        cod: int,
        weight: int,
        to: dict[str, Any],
        status: str,
        account: str = "",
    ) -> SimShipment:
        now = datetime.now(UTC)
        ship = SimShipment(
            self.new_code(), reference, service, fee, cod, weight, to, status, now, account
        )
        ship.history.append((status, now))
        self.shipments[ship.code] = ship
        return ship

    async def before_quote(self) -> bool:
        """False when this quote must fail (control API); sleeps when set to be slow."""
        if self.slow_seconds:
            await asyncio.sleep(self.slow_seconds)
        if self.fail_quotes:
            self.fail_quotes -= 1
            return False
        return True

    def take_drop(self) -> bool:
        if self.drop_create_responses:
            self.drop_create_responses -= 1
            return True
        return False


def fee_for(
    base: int, per_half_kg: int, weight_grams: int, province: str | None, same_province: str = ""
) -> int:
    """A deterministic tariff: base plus each started 500 g; farther provinces cost more."""
    steps = max(0, (max(weight_grams, 1) - 1) // 500)
    far = (
        0 if not province or (same_province and same_province.lower() in province.lower()) else 8000
    )
    return base + far + steps * per_half_kg


def eta(days: int) -> datetime:
    return (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0)


def label_pdf(title: str, codes: list[str]) -> bytes:
    """A small valid one-page PDF naming the shipments (what printers receive)."""
    lines = [title, *codes]
    text_ops = (
        "BT /F1 14 Tf 30 380 Td "
        + " ".join(f"({line.replace('(', '').replace(')', '')}) Tj 0 -20 Td" for line in lines)
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 298 420] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text_ops)} >>\nstream\n{text_ops}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1", "replace")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


# (state, shipment, carrier status, when): sends the carrier's webhook for that status.
Sender = Callable[[SimState, SimShipment, str, datetime], Awaitable[None]]
# (old ward id, new ward id) → False when the carrier has no ward with the old id.
Renumber = Callable[[str, str], bool]


async def _attempt(state: SimState, url: str, kwargs: dict[str, Any]) -> bool:
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            status = (await client.post(url, **kwargs)).status_code
    except httpx.HTTPError:
        status = 0
    state.attempts.append((url, status))
    return status == 200  # every carrier counts only a 200 as delivered


async def _retry(state: SimState, url: str, kwargs: dict[str, Any]) -> None:
    for _ in range(state.retry.retries):
        await asyncio.sleep(state.retry.delay_seconds)
        if await _attempt(state, url, kwargs):
            return
    log.warning("webhook to %s given up after %d retries", url, state.retry.retries)


async def post_webhook(state: SimState, **kwargs: Any) -> None:
    """Send one webhook unless it was set to be lost. Anything but a 200 is re-sent in the
    background, `state.retry.retries` times `delay_seconds` apart, as the carrier does."""
    if state.lose_webhooks:
        state.lose_webhooks -= 1
        return
    url = state.webhook_url
    if not url or await _attempt(state, url, kwargs) or not state.retry.retries:
        return
    task = asyncio.create_task(_retry(state, url, kwargs))
    state._retrying.add(task)
    task.add_done_callback(state._retrying.discard)


def control_router(
    state: SimState, send_status: Sender, renumber: Renumber | None = None
) -> APIRouter:
    router = APIRouter(prefix="/_sim", tags=["control"])

    async def body(request: Request) -> dict[str, Any]:
        try:
            data = await request.json()
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    @router.post("/autopilot")
    async def autopilot(request: Request) -> dict[str, float]:
        state.autopilot_seconds = float((await body(request)).get("seconds", 0))
        return {"autopilot_seconds": state.autopilot_seconds}

    @router.get("/health")
    async def health() -> dict[str, bool]:
        return {"ok": True}

    @router.post("/shipments/{code}/status")
    async def move(code: str, request: Request) -> JSONResponse:
        ship = state.shipments.get(code)
        if ship is None:
            return JSONResponse({"error": "no such shipment"}, status_code=404)
        data = await body(request)
        status = str(data.get("status", ""))
        at = datetime.fromisoformat(data["at"]) if data.get("at") else datetime.now(UTC)
        if not data.get("replay_only"):
            ship.status = status
            ship.history.append((status, at))
        await send_status(state, ship, status, at)
        return JSONResponse({"code": code, "status": ship.status})

    @router.post("/fail-next-quote")
    async def fail_quote(request: Request) -> dict[str, int]:
        state.fail_quotes += int((await body(request)).get("count", 1))
        return {"fail_quotes": state.fail_quotes}

    @router.post("/slow")
    async def slow(request: Request) -> dict[str, float]:
        state.slow_seconds = float((await body(request)).get("seconds", 0))
        return {"slow_seconds": state.slow_seconds}

    @router.post("/lose-next-webhook")
    async def lose(request: Request) -> dict[str, int]:
        state.lose_webhooks += int((await body(request)).get("count", 1))
        return {"lose_webhooks": state.lose_webhooks}

    @router.post("/drop-next-create-response")
    async def drop(request: Request) -> dict[str, int]:
        state.drop_create_responses += int((await body(request)).get("count", 1))
        return {"drop_create_responses": state.drop_create_responses}

    @router.post("/webhook-retry")
    async def webhook_retry(request: Request) -> dict[str, float]:
        delay = float((await body(request)).get("delay_seconds", state.retry.delay_seconds))
        state.retry = RetryPolicy(state.retry.retries, delay)
        return {"retries": state.retry.retries, "delay_seconds": delay}

    @router.get("/webhook-attempts")
    async def webhook_attempts() -> list[dict[str, Any]]:
        return [{"url": url, "status": status} for url, status in state.attempts]

    @router.post("/webhook")
    async def webhook(request: Request) -> dict[str, Any]:
        data = await body(request)
        state.webhook_url = data.get("url") or None
        state.webhook_secret = str(data.get("secret") or "")
        return {"url": state.webhook_url}

    @router.post("/renumber-ward")
    async def renumber_ward(request: Request) -> JSONResponse:
        data = await body(request)
        old, new = str(data.get("ward_id", "")), str(data.get("new_id", ""))
        if renumber is None or not old or not new or not renumber(old, new):
            return JSONResponse({"error": "no such ward"}, status_code=404)
        return JSONResponse({"ward_id": new})

    @router.get("/shipments")
    async def shipments() -> list[dict[str, Any]]:
        return [
            {
                "code": s.code,
                "reference": s.reference,
                "account": s.account,
                "status": s.status,
                "fee": s.fee,
                "cod": s.cod,
                "to": s.to,
                "history": [h[0] for h in s.history],
            }
            for s in state.shipments.values()
        ]

    @router.get("/stats")
    async def stats() -> dict[str, int]:
        return {"create_calls": state.create_calls, "shipments": len(state.shipments)}

    @router.post("/reset")
    async def reset() -> dict[str, bool]:
        state.shipments.clear()
        state.fail_quotes = state.lose_webhooks = state.drop_create_responses = 0
        state.slow_seconds = 0.0
        state.attempts.clear()
        return {"ok": True}

    return router


async def drive(state: SimState, send_status: Sender) -> None:
    """The demo courier: moves every shipment one step along `state.path` per period."""
    while True:
        await asyncio.sleep(state.autopilot_seconds or 1.0)
        if not state.autopilot_seconds or not state.path:
            continue
        for ship in list(state.shipments.values()):
            if ship.status in state.path[:-1]:
                step = state.path[state.path.index(ship.status) + 1]
                now = datetime.now(UTC)
                ship.status = step
                ship.history.append((step, now))
                await send_status(state, ship, step, now)


def lifespan_with_autopilot(state: SimState, send_status: Sender) -> Any:
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(_app: Any) -> Any:
        state.autopilot_seconds = float(os.environ.get("SHIPPING_SIM_AUTOPILOT_SECONDS", "0") or 0)
        task = asyncio.create_task(drive(state, send_status))
        try:
            yield
        finally:
            task.cancel()

    return lifespan


def run(
    create_app: Callable[[], Any], prog: str, default_port: int, argv: list[str] | None = None
) -> int:
    """`python -m chotdon.shipping.<carrier>.simulator [--port N]`."""
    import argparse

    import uvicorn

    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=default_port)
    args = parser.parse_args(argv)
    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="warning")
    return 0
