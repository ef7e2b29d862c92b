"""What every provider simulator (`channels/<provider>/simulator/`) has alike: the control
routes every test helper expects (`/_sim/health`, `/_sim/reset`, `/_sim/config`, `/_sim/sent`,
`/_sim/push_raw`), the consent page and its `/_sim/approve` redirect back to the caller, a
webhook POST re-sent with exponential backoff until the receiver answers 2xx, and the
background scenario of `make run`."""

from __future__ import annotations

import asyncio
import html
import itertools
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any, Protocol
from urllib.parse import urlencode

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse


class SimWorld(Protocol):
    config: Any
    sent: list[dict[str, Any]]

    def reset(self) -> None: ...


def add_control_routes(app: FastAPI, world: SimWorld, http: httpx.AsyncClient) -> Scenario:
    """The common `/_sim` routes; returns the simulator's `Scenario` (stopped by a reset)."""
    scenario = Scenario(app, http)

    @app.get("/_sim/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/_sim/reset")
    async def reset() -> dict[str, str]:
        scenario.stop()
        world.reset()
        return {"status": "ok"}

    @app.post("/_sim/config")
    async def configure(request: Request) -> dict[str, Any]:
        """Change the simulator's settings (unknowns of the real platform, failure modes)."""
        for key, value in (await request.json()).items():
            if hasattr(world.config, key):
                setattr(world.config, key, value)
        return dict(world.config.__dict__)

    return scenario


def add_push_routes(
    app: FastAPI,
    world: SimWorld,
    account: str,
    deliver: Callable[[Any], Awaitable[str]] | None = None,
) -> None:
    """`GET /_sim/sent` (what our client sent, of one account when `?{account}=` is given:
    "shop_id") and, given `deliver`, `POST /_sim/push_raw` (a webhook body as given, signed and
    delivered)."""

    if deliver is not None:
        push = deliver

        @app.post("/_sim/push_raw")
        async def push_raw(request: Request) -> dict[str, str]:
            return {"push": await push(await request.json())}

    @app.get("/_sim/sent")
    async def sent(request: Request) -> list[dict[str, Any]]:
        wanted = request.query_params.get(account)
        return [m for m in world.sent if wanted is None or str(m[account]) == wanted]


def consent_page(
    *, title: str, heading: str, prompt: str, verb: str, accounts: list[ConsentChoice]
) -> HTMLResponse:
    """A provider's consent page as the simulators draw it: one `a.approve` link per account
    (`data-<kind>` carries its id) to `/_sim/approve` with the account's query."""
    links = "".join(
        f'<li><a class="approve" data-{a.kind}="{a.id}" href="/_sim/approve?'
        f'{html.escape(urlencode(a.query))}">{verb} {html.escape(a.name)}</a></li>'
        for a in accounts
    )
    return HTMLResponse(
        f"<!doctype html><meta charset=utf-8><title>{title}</title><h1>{heading}</h1>"
        f"<p>{prompt}</p><ul>{links}</ul>"
    )


class ConsentChoice:
    """One account on a consent page: `kind` names its data attribute ("shop")."""

    def __init__(self, kind: str, id: object, name: str, query: Mapping[str, Any]) -> None:
        self.kind, self.id, self.name, self.query = kind, id, name, query


def redirect_back(redirect: str, params: Mapping[str, Any]) -> RedirectResponse:
    """The 302 of an approved consent: `params` added to the caller's redirect URL."""
    sep = "&" if "?" in redirect else "?"
    return RedirectResponse(f"{redirect}{sep}{urlencode(params)}", 302)


async def post_with_retries(
    http: httpx.AsyncClient,
    url: str,
    raw: bytes,
    headers: dict[str, str],
    entry: dict[str, Any],
    *,
    retries: int,
    delay: float,
) -> bool:
    """POST `raw` until a 2xx (True) or `retries` more attempts failed (False); the last HTTP
    status (or the network error's name) is kept in `entry["status"]`."""
    for attempt in range(retries + 1):
        try:
            r = await http.post(url, content=raw, headers=headers)
            entry["status"] = r.status_code
            if 200 <= r.status_code < 300:
                return True
        except httpx.HTTPError as exc:
            entry["status"] = type(exc).__name__
        if attempt < retries:
            await asyncio.sleep(delay * (2**attempt))
    return False


class Scenario:
    """A simulator's background activity (customers who keep writing, for `make run`): a new
    one replaces the running one; it stops, and the simulator's HTTP client closes, with the
    app."""

    def __init__(self, app: FastAPI, http: httpx.AsyncClient) -> None:
        self._task: asyncio.Task[None] | None = None

        @app.on_event("shutdown")
        async def _close() -> None:
            self.stop()
            await http.aclose()

    def start(self, activity: Coroutine[Any, Any, None]) -> None:
        self.stop()
        self._task = asyncio.create_task(activity)

    def repeat(self, step: Callable[[int], Awaitable[None]], interval: float) -> None:
        """Start `step(0)`, `step(1)`... one every `interval` seconds (customers who keep
        writing)."""

        async def run() -> None:
            for i in itertools.count():
                await step(i)
                await asyncio.sleep(interval)

        self.start(run())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
