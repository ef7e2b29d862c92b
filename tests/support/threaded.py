"""A provider simulator (a FastAPI app) served by uvicorn in a background thread on a free port,
for the simulators that run in the test process (Shopee, TikTok, Lazada, Zalo); subclasses say
which app. `serving` is the body of a session fixture that runs one; `simulated` the body of the
per-test fixture that points our settings and the provider's client at it."""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar
from urllib.parse import parse_qs, urlsplit

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


S = TypeVar("S", bound=ThreadedSimulator)
C = TypeVar("C", bound="SimControl")


def serving(server: S) -> Iterator[S]:
    """`server` started for the session (`yield from serving(ShopeeServer())`)."""
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.asynccontextmanager
async def simulated(
    control: type[C],
    server: ThreadedSimulator,
    app_server: Any,
    monkeypatch: Any,
    *,
    provider: str,
    urls: Mapping[str, str],
    config: Mapping[str, Any],
    client: Callable[[Any], Any],
    use_client: Callable[[Any], None],
) -> AsyncIterator[C]:
    """The simulator `server`, reset and aimed at `app_server`'s `/webhooks/{provider}` with
    `config`; our settings `urls` ("{url}" stands for its base URL) and `PUBLIC_URL` pointed at
    them; the provider's process-wide client replaced by `client(settings)` (quick retries)
    through `use_client`. Yields the simulator's control client; all is undone after."""
    from chotdon.core.settings import get_settings, settings_cache_clear

    for name, value in urls.items():
        monkeypatch.setenv(name, value.format(url=server.url))
    monkeypatch.setenv("PUBLIC_URL", app_server.url)
    settings_cache_clear()
    sim = control(server.url)
    await sim.call("POST", "/reset")
    await sim.configure(webhook_url=f"{app_server.url}/webhooks/{provider}", **config)
    fast = client(get_settings())
    use_client(fast)
    try:
        yield sim
    finally:
        await sim.call("POST", "/reset")  # a demo scenario started by the test stops here
        use_client(None)
        await fast.aclose()
        await sim.http.aclose()
        monkeypatch.undo()
        settings_cache_clear()


class SimControl:
    """Async client of a simulator's control API (`/_sim/...`) and of its consent page."""

    label = "simulator"

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.http = httpx.AsyncClient(base_url=base_url, timeout=30)

    async def call(self, method: str, path: str, **kw: Any) -> Any:
        r = await self.http.request(method, f"/_sim{path}", **kw)
        if r.status_code >= 400:
            raise AssertionError(f"{self.label} {method} {path} → {r.status_code}: {r.text}")
        return r.json()

    async def configure(self, **settings: Any) -> dict[str, Any]:
        return await self.call("POST", "/config", json=settings)

    async def state(self) -> dict[str, Any]:
        return await self.call("GET", "/state")

    async def push_raw(self, body: dict[str, Any]) -> str:
        return (await self.call("POST", "/push_raw", json=body))["push"]

    async def consent(self, authorize_url: str, marker: str) -> str:
        """What the owner does on the provider's consent page (the link with `marker`, e.g.
        `shop_id=…`): returns our callback URL."""
        page = await self.http.get(authorize_url)
        assert page.status_code == 200, page.text
        links = re.findall(r'href="([^"]+)"', page.text)
        [link] = [link.replace("&amp;", "&") for link in links if marker in link]
        answer = await self.http.get(link)
        assert answer.status_code == 302, answer.text
        return answer.headers["location"]


@dataclass
class OAuthWorld:
    """A workspace (`tenant`) and a provider's simulator (`sim`), connected by our OAuth flow."""

    provider: ClassVar[str] = ""
    sim: Any
    tenant: Any
    app_url: str

    async def authorize(self, tenant: Any | None = None) -> str:
        r = await (tenant or self.tenant).post(f"/api/v1/channels/{self.provider}/authorize")
        assert r.status_code == 200, r.text
        return r.json()["url"]

    async def callback(self, callback_url: str) -> httpx.Response:
        parts = urlsplit(callback_url)
        return await self.tenant.client.get(f"{parts.path}?{parts.query}")

    async def connect_through(self, marker: str, tenant: Any | None = None) -> None:
        """Authorize, consent to the account with `marker`, come back: it must be connected."""
        callback = await self.sim.consent(await self.authorize(tenant), marker)
        r = await self.callback(callback)
        assert r.status_code == 303, r.text
        query = parse_qs(urlsplit(r.headers["location"]).query)
        assert "connected" in query, r.headers["location"]
