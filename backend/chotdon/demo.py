"""The DEMO workspace of `make run`: a shop whose simulated page is alive at once.

`python -m chotdon run` (DEMO=true) starts the Facebook simulator, points the app's Graph client
at it (`FACEBOOK_GRAPH_URL`) and the simulator's webhooks at the app, then calls `seed()`:

1. log in as the demo owner (registering the account and its workspace the first time);
2. create the demo page in the simulator and connect it through the public API, exactly as a
   shop connects a real page (the simulator forgets everything when it restarts, so the page
   gets a new token on every start and the existing channel is simply reconnected);
3. create a few page labels and switch label sync on;
4. start the scenario: customers write, comment with phone numbers, and a livestream with
   "keyword + phone" comments runs every few minutes.

Idempotent: every step reuses what exists (same account, same page id, same customers).
"""

from __future__ import annotations

import logging
import os

import httpx

log = logging.getLogger(__name__)

DEMO_EMAIL = "demo@chotdon.vn"
DEMO_PASSWORD = "chotdon-demo-2026"
DEMO_PAGE_ID = "108203417756201"
DEMO_PAGE_NAME = "Thời Trang Chốt Đơn (demo)"
DEMO_LABELS = ("Khách VIP", "Đã chốt đơn", "Bùng hàng", "Hỏi size")


def simulator_url() -> str | None:
    """The simulator's base URL, derived from FACEBOOK_GRAPH_URL (`http://host:port/v25.0`)."""
    graph = os.environ.get("FACEBOOK_GRAPH_URL", "")
    if not graph or "graph.facebook.com" in graph:
        return None
    return graph.rstrip("/").rsplit("/", 1)[0]


async def _login(client: httpx.AsyncClient) -> str:
    credentials = {"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
    response = await client.post("/api/v1/auth/login", json=credentials)
    if response.status_code != 200:
        response = await client.post(
            "/api/v1/auth/register",
            json={
                **credentials,
                "name": "Chủ shop Demo",
                "workspace_name": "Shop Demo",
            },
        )
        response.raise_for_status()
    return str(response.json()["access_token"])


async def seed(api_url: str) -> tuple[str, str]:
    """Create (or reuse) the demo owner, connect the simulated page, start the scenario."""
    async with httpx.AsyncClient(base_url=api_url, timeout=30) as client:
        token = await _login(client)
        sim = simulator_url()
        if sim is None:
            log.warning("DEMO without the Facebook simulator: no page connected")
            return DEMO_EMAIL, DEMO_PASSWORD
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(base_url=sim, timeout=30) as simulator:
            page = (
                await simulator.post(
                    "/_sim/pages", json={"page_id": DEMO_PAGE_ID, "name": DEMO_PAGE_NAME}
                )
            ).json()
            for name in DEMO_LABELS:
                await simulator.post("/_sim/labels", json={"page_id": DEMO_PAGE_ID, "name": name})
            response = await client.post(
                "/api/v1/channels/facebook",
                json={"page_id": DEMO_PAGE_ID, "access_token": page["access_token"]},
                headers=headers,
            )
            if response.status_code not in (200, 201):
                log.error("demo page not connected: %s %s", response.status_code, response.text)
                return DEMO_EMAIL, DEMO_PASSWORD
            channel = response.json()
            if not channel["settings"]["label_sync"]:
                await client.patch(
                    f"/api/v1/channels/{channel['id']}",
                    json={"settings": {"label_sync": True}},
                    headers=headers,
                )
            from chotdon.shipping import demo as shipping_demo

            await shipping_demo.seed(client, headers, api_url)
            await simulator.post(
                "/_sim/scenario",
                json={
                    "page_id": DEMO_PAGE_ID,
                    "interval_seconds": float(os.environ.get("DEMO_INTERVAL_SECONDS", "6")),
                    "live_every_seconds": float(os.environ.get("DEMO_LIVE_EVERY_SECONDS", "300")),
                },
            )
    return DEMO_EMAIL, DEMO_PASSWORD
