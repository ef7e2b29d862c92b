"""Start the real backend for the browser tests, run them, stop everything.

Embedded PostgreSQL/Redis under DATA_DIR (default .data/browser) unless BROWSER_DATABASE_URL /
BROWSER_REDIS_URL are given; then migrations, the Facebook simulator, the API and a worker on free
ports, each its own process. The test runner (argv after `--`) gets CHOTDON_URL, SIMULATOR_URL and
HARNESS_PID; sending SIGUSR1 to HARNESS_PID restarts the API process on the same port (the
"server restarts" scenario), and the harness touches HARNESS_RESTARTED_FILE when it is back.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


async def ensure_database(url: str) -> None:
    """Create the database named in `url` when it does not exist (machine Postgres only)."""
    import asyncpg

    base, _, name = url.rpartition("/")
    name = name.split("?")[0]
    conn = await asyncpg.connect(base.replace("postgresql+asyncpg", "postgresql") + "/postgres")
    try:
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def main(argv: list[str]) -> int:
    runner = argv[argv.index("--") + 1 :] if "--" in argv else []
    data_dir = Path(os.environ.get("BROWSER_DATA_DIR", REPO / ".data" / "browser"))
    data_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    for key in ("DATABASE_URL", "REDIS_URL", "DEMO"):
        env.pop(key, None)
    if os.environ.get("BROWSER_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BROWSER_DATABASE_URL"]
        # A database of its own: the app refuses the public development secrets then.
        env.setdefault("SECRET_KEY", "browser-test-secret-key-0123456789abcdef")
        env.setdefault("FACEBOOK_APP_SECRET", "browser-test-facebook-app-secret")
        asyncio.run(ensure_database(env["DATABASE_URL"]))
    if os.environ.get("BROWSER_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BROWSER_REDIS_URL"]
    os.environ.clear()
    os.environ.update(env)
    os.environ["DATA_DIR"] = str(data_dir)

    from chotdon.core.embedded import ensure_servers
    from chotdon.core.migrate import upgrade
    from chotdon.core.settings import get_settings, settings_cache_clear

    settings_cache_clear()
    handles = ensure_servers(data_dir)
    asyncio.run(upgrade(os.environ["DATABASE_URL"]))

    api_port, sim_port, tiktok_port = free_port(), free_port(), free_port()
    api_url, sim_url = f"http://127.0.0.1:{api_port}", f"http://127.0.0.1:{sim_port}"
    tiktok_url = f"http://127.0.0.1:{tiktok_port}"
    child_env = dict(os.environ)
    child_env.update(
        {
            "ENVIRONMENT": "development",
            "FACEBOOK_GRAPH_URL": f"{sim_url}/v25.0",
            "FACEBOOK_DIALOG_URL": sim_url,  # Facebook Login's dialog is the simulator's
            "PUBLIC_URL": api_url,
            "SIMULATOR_WEBHOOK_URL": f"{api_url}/webhooks/facebook",
            "TIKTOK_API_URL": tiktok_url,
            "TIKTOK_AUTH_URL": tiktok_url,
            "FRONTEND_DIST": str(REPO / "frontend" / "dist"),
            "LOG_LEVEL": "WARNING",
            # Many logins from one address during the suite.
            "LOGIN_ATTEMPTS_PER_MINUTE": "1000",
            "REGISTRATIONS_PER_HOUR": "1000",
        }
    )
    logs = REPO / "frontend" / "test-output"
    logs.mkdir(parents=True, exist_ok=True)
    py = sys.executable

    def spawn(name: str, *args: str) -> subprocess.Popen[bytes]:
        # Open for as long as the process lives.
        log = open(logs / f"{name}.log", "ab")
        return subprocess.Popen(
            [py, "-m", "chotdon", *args], env=child_env, stdout=log, stderr=log, cwd=REPO
        )

    procs: dict[str, subprocess.Popen[bytes]] = {}
    procs["simulator"] = spawn("simulator", "simulator", "--port", str(sim_port))
    # The three carrier simulators (shipping/), each its own process on a free port.
    carrier_urls: dict[str, str] = {}
    for carrier, prefix, var in (
        ("ghn", "/shiip/public-api", "GHN_API_URL"),
        ("ghtk", "", "GHTK_API_URL"),
        ("viettelpost", "", "VIETTELPOST_API_URL"),
    ):
        port = free_port()
        carrier_urls[carrier] = f"http://127.0.0.1:{port}"
        child_env[var] = carrier_urls[carrier] + prefix
        log = open(logs / f"{carrier}-simulator.log", "ab")
        procs[f"{carrier}-simulator"] = subprocess.Popen(
            [py, "-m", f"chotdon.shipping.{carrier}.simulator", "--port", str(port)],
            env=child_env,
            stdout=log,
            stderr=log,
            cwd=REPO,
        )
    # The Zalo OA simulator (OAuth pages, API, signed events to /webhooks/zalo).
    zalo_port = free_port()
    zalo_url = f"http://127.0.0.1:{zalo_port}"
    child_env.update({"ZALO_API_URL": zalo_url, "ZALO_OAUTH_URL": zalo_url, "PUBLIC_URL": api_url})
    log = open(logs / "zalo-simulator.log", "ab")
    procs["zalo-simulator"] = subprocess.Popen(
        [py, "-m", "chotdon.channels.zalo.simulator", "--port", str(zalo_port)]
        + ["--webhook-url", f"{api_url}/webhooks/zalo"],
        env=child_env,
        stdout=log,
        stderr=log,
        cwd=REPO,
    )
    # The TikTok Shop simulator (consent page, API, signed webhooks to /webhooks/tiktok).
    log = open(logs / "tiktok-simulator.log", "ab")
    procs["tiktok-simulator"] = subprocess.Popen(
        [py, "-m", "chotdon.channels.tiktok.simulator", "--port", str(tiktok_port)]
        + ["--webhook-url", f"{api_url}/webhooks/tiktok"],
        env=child_env,
        stdout=log,
        stderr=log,
        cwd=REPO,
    )
    # The Shopee simulator: shops connect by OAuth through its consent page, which sends the
    # owner back to PUBLIC_URL/channels/shopee/callback; its pushes are signed over PUBLIC_URL.
    shopee_port = free_port()
    shopee_url = f"http://127.0.0.1:{shopee_port}"
    child_env.update({"SHOPEE_API_URL": shopee_url, "PUBLIC_URL": api_url})
    log = open(logs / "shopee-simulator.log", "ab")
    procs["shopee-simulator"] = subprocess.Popen(
        [py, "-m", "chotdon.channels.shopee.simulator", "--port", str(shopee_port)],
        env=child_env,
        stdout=log,
        stderr=log,
        cwd=REPO,
    )
    procs["api"] = spawn("api", "api", "--host", "127.0.0.1", "--port", str(api_port))
    procs["worker"] = spawn("worker", "worker")
    restarted = logs / ".api-restarted"
    restarted.unlink(missing_ok=True)

    def restart_api(*_: object) -> None:
        api = procs["api"]
        api.send_signal(signal.SIGTERM)
        try:
            api.wait(timeout=10)
        except subprocess.TimeoutExpired:
            api.kill()
        # Down for a moment, as in a deploy: clients must reconnect and resume.
        time.sleep(float(os.environ.get("BROWSER_RESTART_PAUSE", "1.5")))
        procs["api"] = spawn("api", "api", "--host", "127.0.0.1", "--port", str(api_port))
        wait_http(f"{api_url}/healthz", 60)
        restarted.touch()

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)  # run the finally below: never leave processes behind

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    runner_proc: subprocess.Popen[bytes] | None = None
    code = 1
    try:
        if not (wait_http(f"{sim_url}/_sim/health", 60) and wait_http(f"{api_url}/healthz", 90)):
            print(
                "browser tests: the backend did not start (see frontend/test-output/*.log)",
                file=sys.stderr,
            )
            return 1
        httpx.post(
            f"{sim_url}/_sim/config",
            json={"webhook_url": f"{api_url}/webhooks/facebook"},
            timeout=5,
        )
        if wait_http(f"{shopee_url}/_sim/health", 60):
            httpx.post(
                f"{shopee_url}/_sim/config",
                json={"webhook_url": f"{api_url}/webhooks/shopee"},
                timeout=5,
            )
        signal.signal(signal.SIGUSR1, restart_api)
        run_env = dict(os.environ)
        run_env.update(
            {
                "CHOTDON_URL": api_url,
                "SIMULATOR_URL": sim_url,
                "CARRIER_SIM_URLS": json.dumps(carrier_urls),
                "ZALO_SIM_URL": zalo_url,
                "TIKTOK_SIM_URL": tiktok_url,
                "SHOPEE_SIM_URL": shopee_url,
                "HARNESS_PID": str(os.getpid()),
                "HARNESS_RESTARTED_FILE": str(restarted),
            }
        )
        runner_proc = subprocess.Popen(runner, env=run_env, cwd=REPO / "frontend")
        while True:
            try:
                code = runner_proc.wait()
                break
            except InterruptedError:  # a signal arrived while waiting: keep waiting
                continue
    finally:
        if runner_proc is not None and runner_proc.poll() is None:
            runner_proc.terminate()
            try:
                runner_proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                runner_proc.kill()
        for proc in procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs.values():
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        del handles
        get_settings.cache_clear()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
