"""Shopee push ACK latency and ingestion throughput, beside Facebook's (issue 14): signed
code-10 pushes (one buyer message each), measured as `bench.pushbench` describes."""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import time

import httpx

from bench import loadgen, pushbench
from bench import vietnamese as vi
from bench.context import Ctx
from bench.results import Figure

NAME = "shopee"
PARTNER_KEY = "shopee-dev-partner-key-change-me"
PUBLIC_URL = "http://bench.chotdon.test"  # what pushes are signed over (PUBLIC_URL setting)
SIGNED_OVER = f"{PUBLIC_URL}/webhooks/shopee".encode()


async def _create(sim: httpx.AsyncClient) -> str:
    return str((await sim.post("/_sim/shops", json={"name": "Shopee Bench"})).json()["shop_id"])


def _push(shop: str, rng: random.Random, n: int, customer: int) -> loadgen.Request:
    buyer = 8_100_000 + customer
    shop_id = int(shop)
    content = {
        "message_id": f"{9_000_000_000 + n}",
        "message_type": "text",
        "from_id": buyer,
        "from_shop_id": 0,
        "from_user_name": f"buyer_{buyer}",
        "to_id": 1,
        "to_shop_id": shop_id,
        "conversation_id": f"{buyer}77",
        "created_timestamp": int(time.time()),
        "content": {"text": vi.customer_text(rng, None)},
    }
    data = {"type": "message", "content": content}
    body = json.dumps(
        {"msg_id": "", "data": data, "shop_id": shop_id, "code": 10, "timestamp": 1},
        separators=(",", ":"),
    ).encode()
    sig = hmac.new(PARTNER_KEY.encode(), SIGNED_OVER + b"|" + body, hashlib.sha256)
    headers = {"Content-Type": "application/json", "Authorization": sig.hexdigest()}
    return loadgen.Request("POST", "/webhooks/shopee", body, headers)


SPEC = pushbench.Spec(
    name=NAME,
    title="Shopee",
    event="push",
    provider="shopee",
    route="/webhooks/shopee",
    simulator="chotdon.channels.shopee.simulator",
    app_env=lambda sim_url: {"SHOPEE_API_URL": sim_url, "PUBLIC_URL": PUBLIC_URL},
    create=_create,
    marker=lambda shop: f"shop_id={shop}",
    request=_push,
)


async def run(ctx: Ctx) -> list[Figure]:
    return await pushbench.run(ctx, SPEC)
