"""`python -m chotdon.channels.tiktok.simulator --port 8003 --webhook-url URL`."""

from __future__ import annotations

import argparse
import os

import uvicorn

from chotdon.channels.tiktok.simulator.app import Config, create_simulator_app


def main() -> None:
    parser = argparse.ArgumentParser(description="TikTok Shop Partner API simulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8003)
    parser.add_argument("--webhook-url", default=os.environ.get("SIMULATOR_TIKTOK_WEBHOOK_URL"))
    args = parser.parse_args()
    config = Config(webhook_url=args.webhook_url)
    config.app_key = os.environ.get("TIKTOK_APP_KEY", config.app_key)
    config.app_secret = os.environ.get("TIKTOK_APP_SECRET", config.app_secret)
    uvicorn.run(create_simulator_app(config), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
