"""Lazada push ACK latency and ingestion throughput, beside Facebook's, Shopee's and Zalo's
(issue 15): LPM IM-message pushes (`message_type` 2, one buyer message each, `Authorization` =
hex HMAC-SHA256 of app_key + body), measured as `bench.pushbench` describes; the seller is
connected through the real OAuth flow against the Lazada simulator process."""

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

NAME = "lazada"
APP_KEY = "100001"  # the LAZADA_APP_KEY / LAZADA_APP_SECRET defaults
APP_SECRET = "lazada-dev-app-secret-change-me"
SELLER_ACCOUNT = 900_000_001


async def _create(sim: httpx.AsyncClient) -> str:
    seller = await sim.post("/_sim/sellers", json={"name": "Lazada Bench"})
    return str(seller.json()["seller_id"])


def _push(seller_id: str, rng: random.Random, n: int, customer: int) -> loadgen.Request:
    buyer = 8_000_000 + customer
    message = {
        "session_id": f"{SELLER_ACCOUNT}_2_{buyer}_1_103",
        "message_id": f"{9_100_000_000_000 + n}",
        "template_id": 1,
        "type": 1,
        "content": json.dumps({"txt": vi.customer_text(rng, None)}, ensure_ascii=False),
        "from_account_id": str(buyer),
        "from_account_type": 1,
        "to_account_id": str(SELLER_ACCOUNT),
        "send_time": int(time.time() * 1000),
        "status": 0,
        "site_id": "VN",
    }
    body = json.dumps(
        {
            "seller_id": seller_id,
            "message_type": 2,
            "data": message,
            "timestamp": int(time.time() * 1000),
            "site": "lazada_vn",
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    sign = hmac.new(APP_SECRET.encode(), APP_KEY.encode() + body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": "application/json", "Authorization": sign}
    return loadgen.Request("POST", "/webhooks/lazada", body, headers)


SPEC = pushbench.Spec(
    name=NAME,
    title="Lazada",
    event="push",
    provider="lazada",
    route="/webhooks/lazada",
    simulator="chotdon.channels.lazada.simulator",
    app_env=lambda sim_url: {"LAZADA_AUTH_URL": sim_url, "LAZADA_API_URL": f"{sim_url}/rest"},
    create=_create,
    marker=lambda seller_id: f"seller_id={seller_id}",
    request=_push,
)


async def run(ctx: Ctx) -> list[Figure]:
    return await pushbench.run(ctx, SPEC)
