"""TikTok Shop webhook ACK latency and ingestion throughput, beside Facebook's, Shopee's and
Zalo's (issue 15): type-14 NEW_MESSAGE notifications signed with `Authorization` = HMAC-SHA256
of app_key + body (one buyer message each), measured as `bench.pushbench` describes; the shop
is connected through the real OAuth flow against the TikTok Shop simulator process."""

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

NAME = "tiktok"
APP_KEY = "tiktok-dev-app-key"  # the TIKTOK_APP_KEY / TIKTOK_APP_SECRET defaults
APP_SECRET = "tiktok-dev-app-secret-change-me"


async def _create(sim: httpx.AsyncClient) -> str:
    return str(
        (await sim.post("/_sim/shops", json={"name": "TikTok Shop Bench"})).json()["shop_id"]
    )


def _notification(shop_id: str, rng: random.Random, n: int, buyer: int) -> loadgen.Request:
    now = int(time.time())
    data = {
        "conversation_id": f"73{buyer:08d}",
        "message_id": f"74{n:016d}",
        "index": str(n),
        "type": "TEXT",
        "content": json.dumps({"content": vi.customer_text(rng, None)}, ensure_ascii=False),
        "create_time": now,
        "is_visible": True,
        "sender": {"im_user_id": f"im{buyer}", "role": "BUYER", "nickname": f"buyer_{buyer}"},
    }
    body = json.dumps(
        {
            "type": 14,
            "tts_notification_id": f"75{n:016d}",
            "shop_id": shop_id,
            "timestamp": now,
            "data": data,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    sig = hmac.new(APP_SECRET.encode(), APP_KEY.encode() + body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": "application/json", "Authorization": sig}
    return loadgen.Request("POST", "/webhooks/tiktok", body, headers)


SPEC = pushbench.Spec(
    name=NAME,
    title="TikTok Shop",
    event="webhook",
    provider="tiktok",
    route="/webhooks/tiktok",
    simulator="chotdon.channels.tiktok.simulator",
    app_env=lambda sim_url: {"TIKTOK_API_URL": sim_url, "TIKTOK_AUTH_URL": sim_url},
    create=_create,
    marker=lambda shop_id: f"shop_id={shop_id}",
    request=_notification,
)


async def run(ctx: Ctx) -> list[Figure]:
    return await pushbench.run(ctx, SPEC)
