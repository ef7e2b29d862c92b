"""What every provider simulator (`channels/<provider>/simulator/`) has alike: the control
routes every test helper expects (`/_sim/health`, `/_sim/reset`, `/_sim/config`) and a
webhook POST re-sent with exponential backoff until the receiver answers 2xx."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, Protocol

import httpx
from fastapi import FastAPI, Request


class SimWorld(Protocol):
    config: Any

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

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
