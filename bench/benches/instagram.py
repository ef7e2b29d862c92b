"""Instagram webhook ACK latency and ingestion throughput, beside Facebook's (issue 16).

The same measurements as `webhook` (ACK p50/p99 open-loop with a worker running, max ACK
rate, one worker draining a backlog, lost/duplicated counted) for `object: instagram`
deliveries: DMs of an Instagram account linked to the simulated page, connected through
Facebook Login (the simulated dialog, the callback, ticking the account) as an owner does.
"""

from __future__ import annotations

import json
import time

import httpx

from bench import fbsetup, fixtures
from bench.benches.webhook import ACK_P99_TARGET_MS, measure
from bench.context import Ctx
from bench.results import Figure, skipped

NAME = "instagram"
IG_ID = "17841400000000077"


def instagram_delivery(account_id: str):
    def build(igsid: str, text: str, mid: str) -> bytes:
        now = int(time.time() * 1000)
        body = {
            "object": "instagram",
            "entry": [
                {
                    "id": account_id,
                    "time": now,
                    "messaging": [
                        {
                            "sender": {"id": igsid},
                            "recipient": {"id": account_id},
                            "timestamp": now,
                            "message": {"mid": mid, "text": text},
                        }
                    ],
                }
            ],
        }
        return json.dumps(body, ensure_ascii=True, separators=(",", ":")).encode()

    return build


async def run(ctx: Ctx) -> list[Figure]:
    if not fixtures.has_route("/webhooks/facebook"):
        return [skipped(NAME, "Instagram ACK p99", "ms", ACK_P99_TARGET_MS, "no webhook route")]
    from chotdon.demo import connect_through_facebook_login

    fb = await fbsetup.setup(ctx, customers=300)
    async with (
        httpx.AsyncClient(base_url=fb.api_url, timeout=60) as api,
        httpx.AsyncClient(base_url=fb.sim_url, timeout=60) as sim,
    ):
        await sim.post(
            "/_sim/instagram",
            json={"page_id": fb.page_id, "username": "bench.shop", "instagram_id": IG_ID},
        )
        channels = await connect_through_facebook_login(
            api, fb.tenant.headers, sim, fb.page_id, [IG_ID]
        )
    [channel_id] = [c["id"] for c in channels if c["provider"] == "instagram"]
    return await measure(ctx, fb, channel_id, instagram_delivery(IG_ID), NAME, "Instagram ")
