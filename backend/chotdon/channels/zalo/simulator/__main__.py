"""`python -m chotdon.channels.zalo.simulator --port 8003 --webhook-url URL`."""

from __future__ import annotations

import argparse
import os

import uvicorn

from chotdon.channels.zalo.simulator.app import Config, create_simulator_app


def main() -> None:
    parser = argparse.ArgumentParser(description="Zalo Official Account API simulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8003)
    parser.add_argument("--webhook-url", default=os.environ.get("SIMULATOR_ZALO_WEBHOOK_URL"))
    args = parser.parse_args()
    config = Config(webhook_url=args.webhook_url)
    for field, env in (
        ("app_id", "ZALO_APP_ID"),
        ("app_secret", "ZALO_APP_SECRET"),
        ("oa_secret_key", "ZALO_OA_SECRET_KEY"),
    ):
        if os.environ.get(env):
            setattr(config, field, os.environ[env])
    uvicorn.run(create_simulator_app(config), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
