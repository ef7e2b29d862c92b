"""Zalo OA webhook ACK latency and ingestion throughput, beside Facebook's and Shopee's (issue
16): `user_send_text` events signed with `X-ZEvent-Signature` (one follower message each),
measured as `bench.pushbench` describes; the OA is connected by OAuth v4 + PKCE against the
Zalo simulator process."""

from __future__ import annotations

import hashlib
import json
import random
import time

import httpx

from bench import loadgen, pushbench
from bench import vietnamese as vi
from bench.context import Ctx
from bench.results import Figure

NAME = "zalo"
APP_ID = "1163843031413526746"  # the ZALO_APP_ID / ZALO_OA_SECRET_KEY defaults
OA_SECRET_KEY = "zalo-dev-oa-secret-key-change-me"


async def _create(sim: httpx.AsyncClient) -> str:
    return str((await sim.post("/_sim/oas", json={"name": "Zalo OA Bench"})).json()["oa_id"])


def _event(oa_id: str, rng: random.Random, n: int, customer: int) -> loadgen.Request:
    stamp = str(int(time.time() * 1000))
    body = json.dumps(
        {
            "app_id": APP_ID,
            "user_id_by_app": f"77{customer}",
            "event_name": "user_send_text",
            "timestamp": stamp,
            "sender": {"id": str(4_339_761_418_830_000_000 + customer)},
            "recipient": {"id": oa_id},
            "message": {"msg_id": f"bench{n:012d}", "text": vi.customer_text(rng, None)},
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    mac = hashlib.sha256(APP_ID.encode() + body + stamp.encode() + OA_SECRET_KEY.encode())
    headers = {"Content-Type": "application/json", "X-ZEvent-Signature": f"mac={mac.hexdigest()}"}
    return loadgen.Request("POST", "/webhooks/zalo", body, headers)


SPEC = pushbench.Spec(
    name=NAME,
    title="Zalo OA",
    event="event",
    provider="zalo",
    route="/webhooks/zalo",
    simulator="chotdon.channels.zalo.simulator",
    app_env=lambda sim_url: {"ZALO_API_URL": sim_url, "ZALO_OAUTH_URL": sim_url},
    create=_create,
    marker=lambda oa_id: f"oa_id={oa_id}",
    request=_event,
)


async def run(ctx: Ctx) -> list[Figure]:
    return await pushbench.run(ctx, SPEC)
