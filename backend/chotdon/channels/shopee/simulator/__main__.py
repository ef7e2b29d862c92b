"""`python -m chotdon.channels.shopee.simulator --port 8002 --webhook-url URL`."""

from __future__ import annotations

import argparse
import os

import uvicorn

from chotdon.channels.shopee.simulator.app import Config, create_simulator_app


def main() -> None:
    parser = argparse.ArgumentParser(description="Shopee Open Platform simulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8002)
    parser.add_argument("--webhook-url", default=os.environ.get("SIMULATOR_SHOPEE_WEBHOOK_URL"))
    args = parser.parse_args()
    config = Config(webhook_url=args.webhook_url)
    if os.environ.get("SHOPEE_PARTNER_ID"):
        config.partner_id = int(os.environ["SHOPEE_PARTNER_ID"])
    if os.environ.get("SHOPEE_PARTNER_KEY"):
        config.partner_key = os.environ["SHOPEE_PARTNER_KEY"]
    uvicorn.run(create_simulator_app(config), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
