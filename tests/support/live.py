"""Waiting for what happens asynchronously in end-to-end tests: a condition, WebSocket frames."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import orjson


async def wait_for(predicate: Any, within: float = 30.0, interval: float = 0.1) -> Any:
    """The first truthy value of `await predicate()`, polled every `interval` s; AssertionError
    after `within`."""
    deadline = time.monotonic() + within
    while True:
        value = await predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {predicate.__name__}")
        await asyncio.sleep(interval)


async def created_frames(ws: Any, count: int, within: float = 30.0) -> list[dict[str, Any]]:
    """Up to `count` `message.created` frames from the WebSocket `ws` within `within` s."""
    frames: list[dict[str, Any]] = []
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(within):
            while len(frames) < count:
                frame = orjson.loads(await ws.recv())
                if frame.get("type") == "message.created":
                    frames.append(frame)
    return frames
