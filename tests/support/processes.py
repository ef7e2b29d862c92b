"""Real Chotdon processes for end-to-end tests: `python -m chotdon api` and `python -m chotdon worker`.

Use these when a test needs what an in-process ASGI client cannot give: several API processes
on one Redis, a real uvicorn with real WebSockets, an arq worker that can be killed mid-job,
a browser talking to a real server.

The processes inherit the test environment set up by `tests/conftest.py` (`DATABASE_URL`,
`REDIS_URL`, `ENVIRONMENT=test`, ...), so they share the test database and Redis with the test
process, whether those are the machine's servers (`TEST_DATABASE_URL` / `TEST_REDIS_URL`) or
the embedded ones. Depend on the `database` fixture (or on `client` / `tenant`) so the schema
exists before a process starts.

Quick start, with the `processes` fixture (import it into your test module)::

    from support.processes import processes  # noqa: F401  (a pytest fixture)

    @pytest.mark.e2e
    async def test_two_apis(processes, tenant):
        a = await processes.start_api()            # waits for /healthz
        b = await processes.start_api()
        worker = await processes.start_worker()
        r = httpx.get(f"{a.url}/api/v1/me", headers=tenant.headers)
        ...
        await processes.stop(a)                    # or let the fixture stop everything

- `start_api()` picks a free port, starts uvicorn and waits until `/healthz` answers 200
  (raising `ProcessFailed` with the process log if it exits or times out).
  `ApiProcess.url` is `http://127.0.0.1:<port>`, `ApiProcess.ws_url` is `ws://127.0.0.1:<port>`.
- `start_worker()` starts an arq worker and waits until a `ping` job enqueued after the start
  has run, so jobs enqueued afterwards are picked up.
- `start_simulator()` starts the Facebook Graph API simulator (`sim.graph_url`,
  `start_api(env=sim.api_env())` points an API at it).
- Extra environment per process: `start_api(env={"LOG_LEVEL": "INFO"})`.
- `module_processes` is the same fixture shared by all tests of a module (start APIs once).
- `stop()` sends SIGTERM (graceful: uvicorn closes WebSockets, the lifespan shuts down), then
  SIGKILL after `timeout`. `kill()` is SIGKILL straight away, for crash tests.
  `pause()` / `resume()` (SIGSTOP / SIGCONT) simulate a frozen process.
- Every process writes stdout+stderr to a log file; `proc.logs()` returns it. When the test
  fails, or a process died on its own, the fixture prints the tail of every log to the terminal
  and keeps the files (their paths are printed).

Without pytest (scripts, benchmarks), use `ProcessGroup` directly::

    group = ProcessGroup()
    try:
        api = await group.start_api()
        ...
    finally:
        await group.stop_all()

Synchronous callers (Playwright tests, scripts) can use `start_api_sync()` / `stop_all_sync()`.
"""

# Deadlines here are explicit parameters, and a child process offers no event to await:
# ruff: noqa: ASYNC109, ASYNC110

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

DEFAULT_START_TIMEOUT = 60.0
DEFAULT_STOP_TIMEOUT = 10.0
LOG_TAIL_CHARS = 6000


class ProcessFailed(RuntimeError):
    """A process exited early or did not become ready; the message carries its log."""


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def process_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a child: the test process's own (DATABASE_URL, REDIS_URL...) + extra."""
    env = dict(os.environ)
    env.setdefault("ENVIRONMENT", "test")
    env["PYTHONUNBUFFERED"] = "1"
    # Children must import the same checkout as the test process.
    backend = str(Path(__file__).resolve().parents[2] / "backend")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (backend, env.get("PYTHONPATH", "")) if p)
    env.update(extra or {})
    missing = [k for k in ("DATABASE_URL", "REDIS_URL") if not env.get(k)]
    if missing:
        raise RuntimeError(
            f"{', '.join(missing)} not set: import tests/conftest.py first (run under pytest) "
            "or set them in the environment"
        )
    return env


@dataclass(eq=False)
class ChotdonProcess:
    """One child process with its log file."""

    name: str
    args: list[str]
    popen: subprocess.Popen[bytes]
    log_path: Path
    expected_exit: bool = False

    @property
    def pid(self) -> int:
        return self.popen.pid

    @property
    def alive(self) -> bool:
        return self.popen.poll() is None

    @property
    def returncode(self) -> int | None:
        return self.popen.poll()

    def logs(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, chars: int = LOG_TAIL_CHARS) -> str:
        text = self.logs()
        return text if len(text) <= chars else "…" + text[-chars:]

    def describe(self) -> str:
        state = "running" if self.alive else f"exited with {self.returncode}"
        return f"{self.name} (pid {self.pid}, {state}, log {self.log_path})"

    def pause(self) -> None:
        """SIGSTOP: the process freezes (sockets stay open, nothing is answered)."""
        self.popen.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.popen.send_signal(signal.SIGCONT)

    def kill(self) -> None:
        """SIGKILL now: a crash, no graceful shutdown."""
        self.expected_exit = True
        if self.alive:
            self.popen.kill()
        self.popen.wait()

    async def stop(self, timeout: float = DEFAULT_STOP_TIMEOUT) -> int:
        """SIGTERM, wait up to `timeout`, then SIGKILL; return the exit code.

        A graceful uvicorn stop returns -15: uvicorn re-raises the SIGTERM after its shutdown.
        -9 means the process had to be killed.
        """
        self.expected_exit = True
        if self.alive:
            with contextlib.suppress(ProcessLookupError):
                self.popen.send_signal(signal.SIGCONT)  # a paused process cannot handle SIGTERM
                self.popen.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while self.alive and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            if self.alive:
                self.popen.kill()
        return self.popen.wait()

    def stop_sync(self, timeout: float = DEFAULT_STOP_TIMEOUT) -> int:
        self.expected_exit = True
        if self.alive:
            with contextlib.suppress(ProcessLookupError):
                self.popen.send_signal(signal.SIGCONT)
                self.popen.send_signal(signal.SIGTERM)
            try:
                return self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
        return self.popen.wait()

    @property
    def died_unexpectedly(self) -> bool:
        return not self.alive and not self.expected_exit


@dataclass(eq=False)
class ApiProcess(ChotdonProcess):
    """`python -m chotdon api` on 127.0.0.1:`port`."""

    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"


@dataclass(eq=False)
class WorkerProcess(ChotdonProcess):
    """`python -m chotdon worker` (arq)."""


@dataclass(eq=False)
class SimulatorProcess(ApiProcess):
    """`python -m chotdon simulator` (the Facebook Graph API simulator) on `port`.

    Point an API process at it with `start_api(env=sim.api_env())`.
    """

    @property
    def graph_url(self) -> str:
        return f"{self.url}/v25.0"

    def api_env(self) -> dict[str, str]:
        return {"FACEBOOK_GRAPH_URL": self.graph_url}


@dataclass
class ProcessGroup:
    """Starts Chotdon processes and stops all of them at the end (in reverse order)."""

    log_dir: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="chotdon-processes-"))
    )
    processes: list[ChotdonProcess] = field(default_factory=list)
    _counter: int = 0

    def _spawn(
        self, kind: type[ChotdonProcess], name: str, args: list[str], env: dict[str, str] | None
    ) -> Any:
        self._counter += 1
        log_path = self.log_dir / f"{self._counter:02d}-{name}.log"
        log_file = log_path.open("wb")
        try:
            popen = subprocess.Popen(
                [sys.executable, "-m", "chotdon", *args],
                env=process_env(env),
                stdout=log_file,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # a Ctrl-C on the test run does not hit it twice
            )
        finally:
            log_file.close()
        proc = kind(name=name, args=args, popen=popen, log_path=log_path)
        self.processes.append(proc)
        return proc

    async def start_api(
        self,
        port: int | None = None,
        env: dict[str, str] | None = None,
        timeout: float = DEFAULT_START_TIMEOUT,
        name: str | None = None,
    ) -> ApiProcess:
        """Start `python -m chotdon api` and wait until GET /healthz answers 200."""
        port = port or free_port()
        proc: ApiProcess = self._spawn(
            ApiProcess,
            name or f"api-{port}",
            ["api", "--host", "127.0.0.1", "--port", str(port)],
            env,
        )
        proc.port = port
        await wait_healthy(proc, timeout)
        return proc

    async def start_worker(
        self,
        env: dict[str, str] | None = None,
        timeout: float = DEFAULT_START_TIMEOUT,
        name: str | None = None,
        queues: Sequence[str] = (),
    ) -> WorkerProcess:
        """Start `python -m chotdon worker` (`--queue` for each of `queues`, else all of them)
        and wait until a worker runs jobs.

        Readiness is proven by a `ping` job enqueued after the start on a queue it serves and
        then completed (by this worker or by another one already running: either way the queue
        is being consumed).
        """
        args = ["worker", *(arg for q in queues for arg in ("--queue", q))]
        proc: WorkerProcess = self._spawn(
            WorkerProcess, name or f"worker-{self._counter + 1}", args, env
        )
        await wait_worker_ready(proc, env, timeout, queue=queues[0] if queues else "main")
        return proc

    async def start_simulator(
        self,
        port: int | None = None,
        env: dict[str, str] | None = None,
        timeout: float = DEFAULT_START_TIMEOUT,
        name: str | None = None,
    ) -> SimulatorProcess:
        """Start the Facebook Graph API simulator and wait until `/_sim/health` answers.

        Pass `env={"SIMULATOR_WEBHOOK_URL": f"{api.url}/webhooks/facebook"}` to have it deliver
        webhooks to an API process started before it.
        """
        port = port or free_port()
        proc: SimulatorProcess = self._spawn(
            SimulatorProcess, name or f"simulator-{port}", ["simulator", "--port", str(port)], env
        )
        proc.port = port
        await wait_healthy(proc, timeout, path="/_sim/health")
        return proc

    async def stop(self, proc: ChotdonProcess, timeout: float = DEFAULT_STOP_TIMEOUT) -> int:
        return await proc.stop(timeout)

    async def stop_all(self, timeout: float = DEFAULT_STOP_TIMEOUT) -> None:
        await asyncio.gather(*(p.stop(timeout) for p in reversed(self.processes)))

    def stop_all_sync(self, timeout: float = DEFAULT_STOP_TIMEOUT) -> None:
        for p in reversed(self.processes):
            p.stop_sync(timeout)

    def start_api_sync(self, **kw: Any) -> ApiProcess:
        """`start_api` for synchronous callers (no running event loop)."""
        return asyncio.run(self.start_api(**kw))

    def unexpected_deaths(self) -> list[ChotdonProcess]:
        return [p for p in self.processes if p.died_unexpectedly]

    def report(self, procs: Iterable[ChotdonProcess] | None = None) -> str:
        """The tail of each process log, for an assertion message or the terminal."""
        parts = []
        for p in procs if procs is not None else self.processes:
            parts.append(f"===== {p.describe()} =====\n{p.log_tail()}")
        return "\n".join(parts)


async def wait_healthy(
    proc: ApiProcess, timeout: float = DEFAULT_START_TIMEOUT, path: str = "/healthz"
) -> None:
    """Poll GET `path` until 200; raise `ProcessFailed` with the log if it never comes."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    async with httpx.AsyncClient(timeout=2) as http:
        while True:
            if not proc.alive:
                raise ProcessFailed(f"{proc.describe()} exited during start:\n{proc.log_tail()}")
            try:
                r = await http.get(f"{proc.url}{path}")
                if r.status_code == 200:
                    return
                last = f"{r.status_code} {r.text[:200]}"
            except httpx.HTTPError as exc:
                last = type(exc).__name__
            if time.monotonic() > deadline:
                raise ProcessFailed(
                    f"{proc.describe()} not healthy after {timeout}s ({last}):\n{proc.log_tail()}"
                )
            await asyncio.sleep(0.1)


async def wait_worker_ready(
    proc: WorkerProcess,
    env: dict[str, str] | None = None,
    timeout: float = DEFAULT_START_TIMEOUT,
    queue: str = "main",
) -> None:
    """Enqueue a `ping` job on `queue` (a name of `chotdon.worker.QUEUES`) and wait until it has
    run; raise `ProcessFailed` with the log."""
    from arq.connections import RedisSettings, create_pool

    from chotdon.worker import QUEUES

    pool = await create_pool(
        RedisSettings.from_dsn(process_env(env)["REDIS_URL"]),
        default_queue_name=QUEUES[queue].queue_name,
    )
    try:
        job_id = f"processes-ready-{uuid.uuid4().hex}"
        await pool.enqueue_job("ping", _job_id=job_id)
        deadline = time.monotonic() + timeout
        while await pool.exists(f"arq:job:{job_id}") or await pool.exists(
            f"arq:in-progress:{job_id}"
        ):
            if not proc.alive:
                raise ProcessFailed(f"{proc.describe()} exited during start:\n{proc.log_tail()}")
            if time.monotonic() > deadline:
                raise ProcessFailed(
                    f"{proc.describe()} ran no job in {timeout}s:\n{proc.log_tail()}"
                )
            await asyncio.sleep(0.1)
    finally:
        await pool.aclose()


@pytest.fixture
async def processes(request: pytest.FixtureRequest, database: str) -> AsyncIterator[ProcessGroup]:
    """A `ProcessGroup` stopped at the end of the test; logs are printed when something failed."""
    async with _managed_group(request) as group:
        yield group


@pytest.fixture(scope="module")
async def module_processes(
    request: pytest.FixtureRequest, database: str
) -> AsyncIterator[ProcessGroup]:
    """Like `processes`, shared by the tests of one module (start the APIs once: faster)."""
    async with _managed_group(request) as group:
        yield group


@contextlib.asynccontextmanager
async def _managed_group(request: pytest.FixtureRequest) -> AsyncIterator[ProcessGroup]:
    failed_before = request.session.testsfailed
    group = ProcessGroup()
    try:
        yield group
    finally:
        await group.stop_all()
        deaths = group.unexpected_deaths()
        failed = request.session.testsfailed > failed_before or _call_failed(request)
        if group.processes and (failed or deaths):
            reporter = request.config.pluginmanager.get_plugin("terminalreporter")
            text = group.report()
            if reporter is not None:
                reporter.write_line("")
                reporter.write_line(f"process logs for {request.node.nodeid}:")
                for line in text.splitlines():
                    reporter.write_line(line)
            else:
                print(text, file=sys.stderr)
        else:
            for p in group.processes:
                with contextlib.suppress(OSError):
                    p.log_path.unlink()
            with contextlib.suppress(OSError):
                group.log_dir.rmdir()
        if deaths:
            # A process that crashed on its own is a failure even if the test did not notice.
            raise ProcessFailed("process(es) died during the test:\n" + group.report(deaths))


def _call_failed(request: pytest.FixtureRequest) -> bool:
    rep = getattr(request.node, "rep_call", None)
    return bool(rep is not None and rep.failed)
