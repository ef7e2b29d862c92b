"""The Facebook simulator as a real HTTP server, plus helpers to make things happen on Facebook.

The simulator (`chotdon.channels.facebook.simulator`) is a faithful stand-in for the Graph API
and its webhooks: it keeps pages, customers, threads, posts, comments, live videos and labels,
enforces the 24 h / 7 day window and "one private reply per comment", and sends signed,
ASCII-escaped, batched webhooks to a target URL, retrying on non-200.

Quick start in a test (the fixtures come from this module; import them into your test module
or your folder's conftest.py)::

    from support.simulator import app_server, fb, simulator  # noqa: F401  (pytest fixtures)

    async def test_customer_message(fb, run_jobs):
        page = await fb.connect()                 # a workspace with a connected simulated page
        await fb.sim.customer_writes(page, "psid-1", "Shop ơi còn size M không ạ?")
        await run_jobs()                          # the webhook delivery is processed
        r = await fb.tenant.get("/api/v1/conversations")
        assert r.json()["items"][0]["last_message"]["text"].startswith("Shop ơi")

How it is wired:
- `simulator` (session): `SimulatorServer` — uvicorn in a background thread on a free port.
  `FACEBOOK_GRAPH_URL` is pointed at it, so the app's Graph client calls it over real HTTP.
- `app_server` (session): the test app (`app` fixture) served by uvicorn inside the test event
  loop on a free port; the simulator's webhooks POST to `<app_server>/webhooks/facebook`. The
  app then stores the delivery and enqueues the processing job; `run_jobs()` runs it.
- `fb` (per test): a `FacebookWorld` with `sim` (a `Simulator` control client), `tenant`, and
  `connect()` which creates a simulated page and connects it through the public API.

Control helpers (`Simulator`, all async; `page` is a `SimPage` or a page id). Helpers that make
Facebook send a webhook wait until the target acknowledged it (`flush=True`), so a following
`run_jobs()` sees it:

- pages and people: `create_page(name, subscribed=False)`, `create_user(page_ids)` (a user token
  for `/me/accounts`), `create_customer(page, psid, name, no_profile=, blocked=)`;
- Messenger: `customer_writes(page, psid, text, name=, attachments=, quick_reply=, reply_to=,
  standby=, ago_seconds=)`, `page_writes(page, psid, text)` (someone answers in Facebook's own
  inbox: an echo from another app), `postback(...)`, `react(...)`, `delivered(page, psid)`,
  `read(page, psid)`, `edit_message(...)`;
- feed and live: `create_post(page, message, picture=)`, `customer_comments(page, post_id, psid,
  text, name=, photo=, parent_id=, ago_seconds=)`, `change_comment(page, comment_id, verb,
  by_page=)`, `comment(comment_id)` (state: liked, hidden, deleted, replies...),
  `go_live(page, title)`, `live_status(page, live_video_id, status)`;
- labels: `create_label(page, name)`, `rename_label(...)`, `delete_label(...)`,
  `label_user(page, label_id, psid, action="add", notify=True)` (an `inbox_labels` webhook);
- failures: `fail_next_sends(n, code=2, subcode=None)`, `fail_next(n, code, match="any")`
  (match: "send", "any" or a path fragment such as "/conversations"), `rate_limit(n, code=4)`
  (with usage headers at 100 %), `expire_token(page)`, `renew_token(page)`;
- what reached Facebook: `sent(page)` (Send API calls that succeeded), `thread(page, psid)`;
- webhooks: `flush()`, `pause_webhooks()` / `resume_webhooks()` (several entries per POST),
  `configure(signature_mode="wrong"|"missing", duplicate_deliveries=True, retry_delays=[...],
  max_entries_per_post=N, unsubscribe_after_seconds=S, send_per_second=N,
  conversations_per_second=N)`, `post_raw(body|raw, signature_mode=)`, `deliveries()`;
- time: `advance_clock(seconds)` moves the simulator's clock (window rules);
- demo / bench: `start_scenario(page)`, `bulk_messages(page, count, customers)`.

Without pytest (scripts, benchmarks, the e2e test): `SimulatorServer(webhook_url=...).start()`
then `Simulator(server.url)`; `server.stop()` at the end. `SimulatorServer(subprocess=True)`
runs it as `python -m chotdon.channels.facebook.simulator` instead of a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

GRAPH_VERSION = "v25.0"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SimulatorServer:
    """The simulator on 127.0.0.1:<free port>, in a thread (default) or a subprocess."""

    def __init__(
        self,
        webhook_url: str | None = None,
        *,
        app_secret: str | None = None,
        app_id: str | None = None,
        port: int | None = None,
        subprocess: bool = False,
    ) -> None:
        self.webhook_url = webhook_url
        self.app_secret = app_secret or os.environ.get("FACEBOOK_APP_SECRET")
        self.app_id = app_id or os.environ.get("FACEBOOK_APP_ID")
        self.port = port or free_port()
        self.use_subprocess = subprocess
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._proc: Any = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def graph_url(self) -> str:
        """What to set as FACEBOOK_GRAPH_URL."""
        return f"{self.url}/{GRAPH_VERSION}"

    def start(self, timeout: float = 20.0) -> SimulatorServer:
        if self.use_subprocess:
            env = dict(os.environ)
            if self.webhook_url:
                env["SIMULATOR_WEBHOOK_URL"] = self.webhook_url
            if self.app_secret:
                env["FACEBOOK_APP_SECRET"] = self.app_secret
            if self.app_id:
                env["FACEBOOK_APP_ID"] = self.app_id
            self._proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "chotdon.channels.facebook.simulator",
                    "--port",
                    str(self.port),
                ],
                env=env,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        else:
            import uvicorn

            from chotdon.channels.facebook.simulator.app import create_simulator_app

            app = create_simulator_app(self.webhook_url, self.app_secret, self.app_id)
            config = uvicorn.Config(
                app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
            )
            self._server = uvicorn.Server(config)
            self._thread = threading.Thread(
                target=self._server.run, name="facebook-simulator", daemon=True
            )
            self._thread.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/_sim/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the Facebook simulator did not start on {self.url}")

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            if self._thread is not None:
                self._thread.join(timeout=10)
            self._server = None
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
            self._proc = None


@dataclass
class SimPage:
    page_id: str
    name: str
    access_token: str

    def __str__(self) -> str:
        return self.page_id


def _pid(page: SimPage | str) -> str:
    return page.page_id if isinstance(page, SimPage) else str(page)


class Simulator:
    """Async client of the simulator's control API (`/_sim/...`)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._clients: dict[int, httpx.AsyncClient] = {}

    @property
    def graph_url(self) -> str:
        return f"{self.base_url}/{GRAPH_VERSION}"

    def _http(self) -> httpx.AsyncClient:
        # One client per event loop: the helper may be used from several loops (scripts).
        loop = id(asyncio.get_running_loop())
        client = self._clients.get(loop)
        if client is None:
            client = self._clients[loop] = httpx.AsyncClient(base_url=self.base_url, timeout=30)
        return client

    async def aclose(self) -> None:
        for client in self._clients.values():
            with contextlib.suppress(RuntimeError):
                await client.aclose()
        self._clients.clear()

    async def call(self, method: str, path: str, **kw: Any) -> Any:
        r = await self._http().request(method, f"/_sim{path}", **kw)
        if r.status_code >= 400:
            raise AssertionError(f"simulator {method} {path} → {r.status_code}: {r.text}")
        return r.json()

    async def _event(self, path: str, body: dict[str, Any], flush: bool) -> Any:
        result = await self.call("POST", path, json=body)
        if flush:
            await self.flush()
        return result

    # -- setup -------------------------------------------------------------------------------
    async def reset(self) -> None:
        await self.call("POST", "/reset")

    async def configure(self, **settings: Any) -> dict[str, Any]:
        """webhook_url, app_secret, app_id, signature_mode, max_entries_per_post, concurrency,
        retry_delays, duplicate_deliveries, send_per_second, conversations_per_second."""
        return await self.call("POST", "/config", json=settings)

    async def create_page(
        self,
        name: str = "Shop Thời Trang Test",
        *,
        page_id: str | None = None,
        subscribed: bool = False,
    ) -> SimPage:
        body = await self.call(
            "POST", "/pages", json={"name": name, "page_id": page_id, "subscribed": subscribed}
        )
        return SimPage(body["page_id"], body["name"], body["access_token"])

    async def page_state(self, page: SimPage | str) -> dict[str, Any]:
        return await self.call("GET", f"/pages/{_pid(page)}")

    async def create_user(self, pages: list[SimPage | str]) -> str:
        body = await self.call("POST", "/users", json={"page_ids": [_pid(p) for p in pages]})
        return str(body["user_access_token"])

    async def create_customer(
        self,
        page: SimPage | str,
        psid: str | None = None,
        name: str | None = None,
        *,
        no_profile: bool = False,
        blocked: bool = False,
    ) -> str:
        body = await self.call(
            "POST",
            "/customers",
            json={
                "page_id": _pid(page),
                "psid": psid,
                "name": name,
                "no_profile": no_profile,
                "blocked": blocked,
            },
        )
        return str(body["psid"])

    # -- Messenger -----------------------------------------------------------------------------
    async def customer_writes(
        self,
        page: SimPage | str,
        psid: str | None,
        text: str | None = None,
        *,
        name: str | None = None,
        attachments: list[dict[str, Any]] | None = None,
        quick_reply: str | None = None,
        reply_to: str | None = None,
        standby: bool = False,
        ago_seconds: float | None = None,
        flush: bool = True,
    ) -> dict[str, Any]:
        """A customer writes to the page; returns `{mid, psid, timestamp}`."""
        return await self._event(
            "/messages",
            {
                "page_id": _pid(page),
                "psid": psid,
                "name": name,
                "text": text,
                "attachments": attachments,
                "quick_reply": quick_reply,
                "reply_to": reply_to,
                "standby": standby,
                "ago_seconds": ago_seconds,
            },
            flush,
        )

    async def page_writes(
        self,
        page: SimPage | str,
        psid: str,
        text: str,
        *,
        app_id: str | None = None,
        flush: bool = True,
    ) -> dict[str, Any]:
        """Someone answers from Facebook's own inbox (or another tool): only an echo arrives."""
        return await self._event(
            "/page_messages",
            {"page_id": _pid(page), "psid": psid, "text": text, "app_id": app_id},
            flush,
        )

    async def postback(
        self, page: SimPage | str, psid: str, title: str, payload: str = "", flush: bool = True
    ) -> dict[str, Any]:
        return await self._event(
            "/postbacks",
            {"page_id": _pid(page), "psid": psid, "title": title, "payload": payload},
            flush,
        )

    async def react(
        self,
        page: SimPage | str,
        psid: str,
        mid: str,
        reaction: str = "love",
        emoji: str = "\u2764\ufe0f",
        action: str = "react",
        flush: bool = True,
    ) -> None:
        await self._event(
            "/reactions",
            {
                "page_id": _pid(page),
                "psid": psid,
                "mid": mid,
                "reaction": reaction,
                "emoji": emoji,
                "action": action,
            },
            flush,
        )

    async def delivered(
        self, page: SimPage | str, psid: str, watermark: int | None = None, flush: bool = True
    ) -> None:
        await self._event(
            "/statuses",
            {"page_id": _pid(page), "psid": psid, "kind": "delivery", "watermark": watermark},
            flush,
        )

    async def read(
        self, page: SimPage | str, psid: str, watermark: int | None = None, flush: bool = True
    ) -> None:
        await self._event(
            "/statuses",
            {"page_id": _pid(page), "psid": psid, "kind": "read", "watermark": watermark},
            flush,
        )

    async def edit_message(
        self, page: SimPage | str, psid: str, mid: str, text: str, flush: bool = True
    ) -> None:
        await self._event(
            "/message_edits", {"page_id": _pid(page), "psid": psid, "mid": mid, "text": text}, flush
        )

    async def thread(self, page: SimPage | str, psid: str) -> dict[str, Any]:
        return await self.call("GET", f"/threads/{_pid(page)}/{psid}")

    async def sent(self, page: SimPage | str) -> list[dict[str, Any]]:
        """Send API calls the page made that Facebook accepted (oldest first)."""
        return (await self.call("GET", "/sent", params={"page_id": _pid(page)}))["items"]

    # -- feed, live ----------------------------------------------------------------------------
    async def create_post(
        self,
        page: SimPage | str,
        message: str | None = None,
        *,
        picture: str | None = None,
        ago_seconds: float | None = None,
        flush: bool = True,
    ) -> str:
        body = await self._event(
            "/posts",
            {
                "page_id": _pid(page),
                "message": message,
                "picture": picture,
                "ago_seconds": ago_seconds,
            },
            flush,
        )
        return str(body["post_id"])

    async def customer_comments(
        self,
        page: SimPage | str,
        post_id: str,
        psid: str | None,
        text: str | None = None,
        *,
        name: str | None = None,
        photo: str | None = None,
        parent_id: str | None = None,
        ago_seconds: float | None = None,
        flush: bool = True,
    ) -> str:
        """A customer comments under a post (or a live video's post); returns the comment id."""
        body = await self._event(
            "/comments",
            {
                "page_id": _pid(page),
                "post_id": post_id,
                "psid": psid,
                "name": name,
                "text": text,
                "photo": photo,
                "parent_id": parent_id,
                "ago_seconds": ago_seconds,
            },
            flush,
        )
        return str(body["comment_id"])

    async def page_comments(
        self, page: SimPage | str, target_id: str, text: str, flush: bool = True
    ) -> str:
        """The page itself replies under a comment (from Facebook, not from Chotdon)."""
        body = await self._event(
            "/page_comments", {"page_id": _pid(page), "target_id": target_id, "text": text}, flush
        )
        return str(body["comment_id"])

    async def change_comment(
        self,
        page: SimPage | str,
        comment_id: str,
        verb: str,
        *,
        text: str | None = None,
        by_page: bool = False,
        flush: bool = True,
    ) -> None:
        """verb: edited (with text) | remove | hide | unhide."""
        await self._event(
            f"/comments/{comment_id}/change",
            {"page_id": _pid(page), "verb": verb, "text": text, "by_page": by_page},
            flush,
        )

    async def comment(self, comment_id: str) -> dict[str, Any]:
        """The comment as Facebook has it: liked, is_hidden, deleted, private_replied, replies."""
        return await self.call("GET", f"/comments/{comment_id}")

    async def go_live(
        self, page: SimPage | str, title: str = "Livestream chốt đơn", flush: bool = True
    ) -> dict[str, Any]:
        """Start a live video: returns `{live_video_id, video_id, post_id}`."""
        return await self._event("/live", {"page_id": _pid(page), "title": title}, flush)

    async def live_status(
        self, page: SimPage | str, live_video_id: str, status: str, flush: bool = True
    ) -> None:
        await self._event(
            f"/live/{live_video_id}/status", {"page_id": _pid(page), "status": status}, flush
        )

    # -- labels --------------------------------------------------------------------------------
    async def create_label(self, page: SimPage | str, name: str) -> str:
        body = await self.call("POST", "/labels", json={"page_id": _pid(page), "name": name})
        return str(body["label_id"])

    async def rename_label(self, page: SimPage | str, label_id: str, name: str) -> None:
        await self.call(
            "POST", f"/labels/{label_id}/rename", json={"page_id": _pid(page), "name": name}
        )

    async def delete_label(self, page: SimPage | str, label_id: str) -> None:
        await self.call("DELETE", f"/labels/{label_id}", params={"page_id": _pid(page)})

    async def label_user(
        self,
        page: SimPage | str,
        label_id: str,
        psid: str,
        action: str = "add",
        *,
        notify: bool = True,
        flush: bool = True,
    ) -> None:
        """A staff member (un)labels a person in Facebook's inbox (`inbox_labels` webhook)."""
        await self._event(
            f"/labels/{label_id}/assign",
            {"page_id": _pid(page), "psid": psid, "action": action, "notify": notify},
            flush,
        )

    # -- failures ------------------------------------------------------------------------------
    async def fail_next_sends(
        self, n: int = 1, code: int = 2, subcode: int | None = None, message: str | None = None
    ) -> None:
        """The next `n` Send API calls answer Graph error `code`/`subcode`."""
        await self.call(
            "POST",
            "/failures",
            json={
                "count": n,
                "code": code,
                "subcode": subcode,
                "message": message,
                "match": "send",
            },
        )

    async def fail_next(
        self,
        n: int,
        code: int,
        *,
        subcode: int | None = None,
        match: str = "any",
        http_status: int | None = None,
    ) -> None:
        await self.call(
            "POST",
            "/failures",
            json={
                "count": n,
                "code": code,
                "subcode": subcode,
                "match": match,
                "http_status": http_status,
            },
        )

    async def rate_limit(
        self, n: int = 1, code: int = 4, *, match: str = "any", regain_minutes: int = 0
    ) -> None:
        """The next `n` matching calls are throttled (usage headers at 100 %)."""
        await self.call(
            "POST",
            "/rate_limit",
            json={"count": n, "code": code, "match": match, "regain_minutes": regain_minutes},
        )

    async def clear_failures(self) -> None:
        await self.call("DELETE", "/failures")

    async def expire_token(self, page: SimPage | str, subcode: int = 463) -> None:
        await self.call("POST", "/tokens/expire", json={"page_id": _pid(page), "subcode": subcode})

    async def renew_token(self, page: SimPage | str) -> str:
        body = await self.call("POST", "/tokens/renew", json={"page_id": _pid(page)})
        if isinstance(page, SimPage):
            page.access_token = body["access_token"]
        return str(body["access_token"])

    # -- webhooks, time ------------------------------------------------------------------------
    async def flush(self, wait_seconds: float = 15.0) -> None:
        body = await self.call("POST", "/flush", params={"wait_seconds": wait_seconds})
        if not body["idle"]:
            raise AssertionError("simulator webhooks still pending after flush")

    async def pause_webhooks(self) -> None:
        await self.call("POST", "/webhooks/pause")

    async def resume_webhooks(self, flush: bool = True) -> None:
        await self.call("POST", "/webhooks/resume")
        if flush:
            await self.flush()

    async def post_raw(
        self,
        body: Any = None,
        *,
        raw: str | None = None,
        signature_mode: str = "valid",
        ascii_escape: bool = True,
    ) -> int | str:
        """POST exact bytes to the webhook target; returns the HTTP status it answered."""
        result = await self.call(
            "POST",
            "/webhooks/raw",
            json={
                "body": body,
                "raw": raw,
                "signature_mode": signature_mode,
                "ascii_escape": ascii_escape,
            },
        )
        return result["status"]

    async def deliveries(self) -> list[dict[str, Any]]:
        """Webhook POSTs made so far: entries, attempts, statuses, delivered."""
        return (await self.call("GET", "/deliveries"))["items"]

    async def advance_clock(self, seconds: float) -> None:
        await self.call("POST", "/clock", json={"advance_seconds": seconds})

    async def start_scenario(
        self, page: SimPage | str, interval_seconds: float = 8.0, live_every_seconds: float = 600.0
    ) -> None:
        await self.call(
            "POST",
            "/scenario",
            json={
                "page_id": _pid(page),
                "interval_seconds": interval_seconds,
                "live_every_seconds": live_every_seconds,
            },
        )

    async def stop_scenario(self) -> None:
        await self.call("DELETE", "/scenario")

    async def bulk_messages(self, page: SimPage | str, count: int, customers: int = 100) -> None:
        await self.call(
            "POST",
            "/bulk_messages",
            json={"page_id": _pid(page), "count": count, "customers": customers},
        )


# -- pytest fixtures ---------------------------------------------------------------------------


@dataclass
class AppServer:
    url: str

    @property
    def webhook_url(self) -> str:
        return f"{self.url}/webhooks/facebook"


@pytest.fixture(scope="session")
async def app_server(app: Any) -> AsyncIterator[AppServer]:
    """The test app served by uvicorn in the test event loop (lifespan already running)."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield AppServer(f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 10)


@pytest.fixture(scope="session")
def simulator_server(app_server: AppServer) -> Iterator[SimulatorServer]:
    """The simulator in a thread, its webhooks aimed at `app_server`, Graph calls aimed at it."""
    from chotdon.core.settings import get_settings, settings_cache_clear

    settings = get_settings()
    server = SimulatorServer(
        app_server.webhook_url,
        app_secret=settings.facebook_app_secret,
        app_id=settings.facebook_app_id,
    ).start()
    previous = {k: os.environ.get(k) for k in ("FACEBOOK_GRAPH_URL", "FACEBOOK_DIALOG_URL")}
    os.environ["FACEBOOK_GRAPH_URL"] = server.graph_url
    os.environ["FACEBOOK_DIALOG_URL"] = server.url  # Facebook Login's dialog
    settings_cache_clear()
    try:
        yield server
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        settings_cache_clear()
        server.stop()


@pytest.fixture
async def simulator(simulator_server: SimulatorServer) -> AsyncIterator[Simulator]:
    """A control client; failure rules and webhook modes are reset after each test."""
    sim = Simulator(simulator_server.url)
    try:
        yield sim
    finally:
        with contextlib.suppress(Exception):
            await sim.clear_failures()
            await sim.configure(
                signature_mode="valid",
                duplicate_deliveries=False,
                retry_delays=[0.0, 0.5, 2.0, 5.0, 15.0, 60.0],
                max_entries_per_post=50,
                send_per_second=0,
                conversations_per_second=0,
                unsubscribe_after_seconds=3600,
            )
            await sim.resume_webhooks(flush=False)
            await sim.stop_scenario()
        await sim.aclose()


@dataclass
class FacebookWorld:
    """A tenant, the simulator, and a way to connect a simulated page through the API."""

    sim: Simulator
    tenant: Any
    run_jobs: Any

    async def connect(
        self,
        name: str = "Shop Thời Trang Test",
        *,
        settings: dict[str, Any] | None = None,
        sync: bool = True,
    ) -> SimPage:
        """Create a simulated page, connect it (`POST /channels/facebook`), run the backfill."""
        page = await self.sim.create_page(name)
        r = await self.tenant.post(
            "/api/v1/channels/facebook",
            json={"page_id": page.page_id, "access_token": page.access_token},
        )
        assert r.status_code == 201, r.text
        self.channel = r.json()
        if settings:
            r = await self.tenant.patch(
                f"/api/v1/channels/{self.channel['id']}", json={"settings": settings}
            )
            assert r.status_code == 200, r.text
        if sync:
            await self.run_jobs()
        return page

    @property
    def channel_id(self) -> int:
        return int(self.channel["id"])


@pytest.fixture
async def fb(simulator: Simulator, tenant: Any, run_jobs: Any) -> FacebookWorld:
    return FacebookWorld(simulator, tenant, run_jobs)
