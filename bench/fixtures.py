"""Workspaces, users, channels and tokens for the benchmarks (through the API or in SQL)."""

from __future__ import annotations

import functools
import hashlib
import hmac
import uuid
from dataclasses import dataclass

import httpx

from bench.env import APP_SECRET, BenchEnv


@dataclass
class BenchTenant:
    token: str
    workspace_id: int
    user_id: int

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@functools.cache
def routes() -> frozenset[str]:
    """Paths the app serves now (features land while the benchmarks are written)."""
    from chotdon.main import create_app

    routes = create_app().routes
    try:  # FastAPI >= 0.165 keeps included routers nested
        from fastapi.routing import iter_route_contexts

        return frozenset(str(getattr(r, "path", "")) for r in iter_route_contexts(routes))
    except ImportError:
        return frozenset(getattr(r, "path", "") for r in routes)


def has_route(path: str) -> bool:
    return path in routes()


async def bench_tenant(url: str, env: BenchEnv, name: str = "Shop Bench") -> BenchTenant:
    """Register a fresh owner + workspace through the API."""
    email = f"bench-{uuid.uuid4().hex[:10]}@bench.chotdon.vn"
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        r = await client.post(
            "/api/v1/auth/register",
            json={
                "email": email,
                "password": "bench-pass-123",
                "name": "Bench",
                "workspace_name": name,
            },
        )
        r.raise_for_status()
        body = r.json()
    return BenchTenant(body["access_token"], int(body["workspace"]["id"]), int(body["user"]["id"]))


async def token_for(database_url: str, user_id: int, workspace_id: int) -> str:
    """An access token for a user the data generator inserted (a login session row for it)."""
    import asyncpg

    from chotdon.core.security import create_access_token, new_secret_token

    _, refresh_hash = new_secret_token()
    conn = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        session_id = await conn.fetchval(
            "INSERT INTO user_sessions (user_id, workspace_id, refresh_hash, expires_at) "
            "VALUES ($1, $2, $3, now() + interval '1 day') RETURNING id",
            user_id,
            workspace_id,
            refresh_hash,
        )
    finally:
        await conn.close()
    return create_access_token(user_id, workspace_id, session_id)


async def connect_page(env: BenchEnv, workspace_id: int, page_id: str, name: str) -> int:
    """A connected Facebook channel row, as `POST /channels/facebook` would leave it."""
    from chotdon.core.security import encrypt_secret

    conn = await env.connect()
    try:
        return int(
            await conn.fetchval(
                """
                INSERT INTO channels (workspace_id, provider, external_id, name,
                                      access_token_encrypted, status, settings, sync_state,
                                      connected_at, created_at, updated_at)
                VALUES ($1, 'facebook', $2, $3, $4, 'connected', '{}', '{}', now(), now(), now())
                ON CONFLICT (provider, external_id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id
                RETURNING id
                """,
                workspace_id,
                page_id,
                name,
                encrypt_secret(f"PAGE-TOKEN-{page_id}"),
            )
        )
    finally:
        await conn.close()


def sign(body: bytes, secret: str = APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
