"""A connected simulated Facebook page for the webhook and livestream benchmarks.

The simulator runs as its own process and plays the Graph API (page info, subscribe, profiles);
the API connects the page through `POST /api/v1/channels/facebook` exactly as a shop would. The
benchmark then builds Facebook-shaped deliveries itself (ASCII-escaped JSON, signed with the
app secret) so that it controls the rate precisely.
"""

from __future__ import annotations

import json
import random
import time
import uuid
from dataclasses import dataclass, field
from subprocess import Popen
from typing import Any

import httpx

from bench import fixtures
from bench import vietnamese as vi
from bench.context import Ctx
from bench.loadgen import Request

GRAPH_VERSION = "v25.0"


@dataclass
class FacebookBench:
    sim_url: str
    api_url: str
    tenant: fixtures.BenchTenant
    page_id: str
    channel_id: int
    psids: list[str]
    names: dict[str, str]
    procs: list[Popen[bytes]] = field(default_factory=list)

    def messenger_delivery(self, psid: str, text: str, mid: str | None = None) -> bytes:
        now = int(time.time() * 1000)
        body = {
            "object": "page",
            "entry": [
                {
                    "id": self.page_id,
                    "time": now,
                    "messaging": [
                        {
                            "sender": {"id": psid},
                            "recipient": {"id": self.page_id},
                            "timestamp": now,
                            "message": {"mid": mid or f"m_{uuid.uuid4().hex}", "text": text},
                        }
                    ],
                }
            ],
        }
        # Facebook escapes non-ASCII characters (\u1ea1...) and signs those exact bytes.
        return json.dumps(body, ensure_ascii=True, separators=(",", ":")).encode()

    def comment_delivery(
        self, psid: str, post_id: str, comment_id: str, text: str, verb: str = "add"
    ) -> bytes:
        now = int(time.time())
        value: dict[str, Any] = {
            "from": {"id": psid, "name": self.names.get(psid, "Khách")},
            "post": {"id": post_id, "status_type": "added_video", "is_published": True},
            "message": text,
            "post_id": post_id,
            "comment_id": comment_id,
            "created_time": now,
            "item": "comment",
            "parent_id": post_id,
            "verb": verb,
        }
        body = {
            "object": "page",
            "entry": [
                {"id": self.page_id, "time": now, "changes": [{"field": "feed", "value": value}]}
            ],
        }
        return json.dumps(body, ensure_ascii=True, separators=(",", ":")).encode()


def signed(body: bytes) -> Request:
    return Request(
        "POST",
        "/webhooks/facebook",
        body,
        {"Content-Type": "application/json", "X-Hub-Signature-256": fixtures.sign(body)},
    )


async def setup(ctx: Ctx, customers: int, api_workers: int = 1) -> FacebookBench:
    env = ctx.env
    await env.flush_redis()
    sim_proc, sim_url = await env.start_simulator()
    graph = f"{sim_url}/{GRAPH_VERSION}"
    rng = random.Random(ctx.seed)
    async with httpx.AsyncClient(base_url=sim_url, timeout=30) as sim:
        r = await sim.post("/_sim/pages", json={"name": "Shop Bench Live", "subscribed": False})
        r.raise_for_status()
        page = r.json()
        psids, names = [], {}
        for i in range(customers):
            name = vi.person_name(rng)
            r = await sim.post(
                "/_sim/customers",
                json={"page_id": page["page_id"], "psid": f"{7100000000 + i}", "name": name},
            )
            r.raise_for_status()
            psids.append(r.json()["psid"])
            names[psids[-1]] = name
    api_proc, api_url = await env.start_api(workers=api_workers, FACEBOOK_GRAPH_URL=graph)
    tenant = await fixtures.bench_tenant(api_url, env)
    async with httpx.AsyncClient(base_url=api_url, timeout=60, headers=tenant.headers) as api:
        r = await api.post(
            "/api/v1/channels/facebook",
            json={"page_id": page["page_id"], "access_token": page["access_token"]},
        )
        if r.status_code != 201:
            raise RuntimeError(f"connecting the simulated page failed: {r.status_code} {r.text}")
        channel_id = int(r.json()["id"])
    return FacebookBench(
        sim_url=sim_url,
        api_url=api_url,
        tenant=tenant,
        page_id=page["page_id"],
        channel_id=channel_id,
        psids=psids,
        names=names,
        procs=[sim_proc, api_proc],
    )


def start_worker(ctx: Ctx, fb: FacebookBench) -> Popen[bytes]:
    proc = ctx.env.start_worker(FACEBOOK_GRAPH_URL=f"{fb.sim_url}/{GRAPH_VERSION}")
    fb.procs.append(proc)
    return proc
