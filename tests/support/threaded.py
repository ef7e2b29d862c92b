"""A provider simulator (a FastAPI app) served by uvicorn in a background thread on a free port,
for the simulators that run in the test process (Shopee, Zalo). Subclasses say which app."""

from __future__ import annotations

import contextlib
import threading
import time
from typing import Any

import httpx

from support.simulator import free_port


class ThreadedSimulator:
    name = "simulator"

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self._server: Any = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def make_app(self) -> Any:
        raise NotImplementedError

    def start(self, timeout: float = 20.0) -> ThreadedSimulator:
        import uvicorn

        self._server = uvicorn.Server(
            uvicorn.Config(self.make_app(), host="127.0.0.1", port=self.port, log_level="warning")
        )
        self._thread = threading.Thread(target=self._server.run, name=self.name, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/_sim/health", timeout=1).status_code == 200:
                    return self
            time.sleep(0.05)
        raise RuntimeError(f"the {self.name} did not start")

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            if self._thread is not None:
                self._thread.join(timeout=10)
