"""`python -m chotdon.channels.lazada.simulator --port 8003 --webhook-url URL`."""

from __future__ import annotations

import argparse
import os

import uvicorn

from chotdon.channels.lazada.simulator.app import Config, create_simulator_app


def main() -> None:
    parser = argparse.ArgumentParser(description="Lazada Open Platform simulator (IM)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8003)
    parser.add_argument("--webhook-url", default=os.environ.get("SIMULATOR_LAZADA_WEBHOOK_URL"))
    parser.add_argument(
        "--push-retry-interval", type=float, default=1800.0, help="seconds between push retries"
    )
    args = parser.parse_args()
    config = Config(webhook_url=args.webhook_url, push_retry_interval=args.push_retry_interval)
    if os.environ.get("LAZADA_APP_KEY"):
        config.app_key = os.environ["LAZADA_APP_KEY"]
    if os.environ.get("LAZADA_APP_SECRET"):
        config.app_secret = os.environ["LAZADA_APP_SECRET"]
    uvicorn.run(create_simulator_app(config), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
