"""`make run`'s demo shipping: the three carrier simulators, enabled for the demo shop, their
webhooks aimed at the app, and a courier that moves every shipment along until delivered."""

from __future__ import annotations

import logging
import os

import httpx

log = logging.getLogger(__name__)

# carrier → (simulator module, port, API path prefix, settings variable)
SIMULATORS = {
    "ghn": ("chotdon.shipping.ghn.simulator", 8011, "/shiip/public-api", "GHN_API_URL"),
    "ghtk": ("chotdon.shipping.ghtk.simulator", 8012, "", "GHTK_API_URL"),
    "viettelpost": ("chotdon.shipping.viettelpost.simulator", 8013, "", "VIETTELPOST_API_URL"),
}
PICKUP = {
    "name": "Shop Demo",
    "phone": "0901234567",
    "address": "12 Lê Lợi, Phường Sài Gòn, TP.HCM",
}


def sim_url(carrier: str) -> str:
    return f"http://127.0.0.1:{SIMULATORS[carrier][1]}"


def environment() -> dict[str, str]:
    """What the API and worker processes need to call the simulators."""
    env = {var: sim_url(c) + prefix for c, (_, _, prefix, var) in SIMULATORS.items()}
    env["SHIPPING_SIM_AUTOPILOT_SECONDS"] = os.environ.get("SHIPPING_SIM_AUTOPILOT_SECONDS", "20")
    return env


async def seed(client: httpx.AsyncClient, headers: dict[str, str], api_url: str) -> None:
    """Enable every carrier for the demo shop and aim its simulator's webhooks at the app."""
    for carrier in SIMULATORS:
        r = await client.put(
            f"/api/v1/carriers/{carrier}",
            json={
                "enabled": True,
                "credentials": {"token": f"demo-{carrier}", "shop_id": "885"},
                "pickup": PICKUP,
            },
            headers=headers,
        )
        if r.status_code != 200:
            log.error("demo carrier %s not enabled: %s", carrier, r.text)
            continue
        account = r.json()
        path = account["webhook_url"].split("/webhooks/", 1)[1]
        try:
            async with httpx.AsyncClient(base_url=sim_url(carrier), timeout=10) as sim:
                await sim.post(
                    "/_sim/webhook",
                    json={"url": f"{api_url}/webhooks/{path}", "secret": account["webhook_secret"]},
                )
        except httpx.HTTPError:
            log.warning("the %s simulator is not running", carrier)
