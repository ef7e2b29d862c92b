"""The simulator's ASGI app (filled in by the Facebook channel module)."""

from __future__ import annotations

from fastapi import FastAPI


def create_simulator_app() -> FastAPI:
    app = FastAPI(title="Facebook Graph API simulator")

    @app.get("/_sim/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
