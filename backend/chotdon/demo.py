"""The DEMO workspace of `make run`: a shop whose simulated page is alive at once.

Filled in by the Facebook channel module (it connects the simulator's page and starts the
simulated customers). Must be idempotent: `make run` calls it on every start.
"""

from __future__ import annotations

DEMO_EMAIL = "demo@chotdon.vn"
DEMO_PASSWORD = "chotdon123"


async def seed(api_url: str) -> tuple[str, str]:
    """Create the demo owner and workspace if missing; return the login to print."""
    import httpx

    async with httpx.AsyncClient(base_url=api_url, timeout=30) as client:
        response = await client.post(
            "/api/v1/auth/login", json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
        )
        if response.status_code != 200:
            await client.post(
                "/api/v1/auth/register",
                json={
                    "email": DEMO_EMAIL,
                    "password": DEMO_PASSWORD,
                    "name": "Chủ shop Demo",
                    "workspace_name": "Shop Demo",
                },
            )
    return DEMO_EMAIL, DEMO_PASSWORD
