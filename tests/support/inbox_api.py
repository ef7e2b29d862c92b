"""What a user sees, through the public API: a provider's channels, the inbox list, a thread."""

from __future__ import annotations

from typing import Any

# A 1×1 PNG, to upload as an attachment.
TINY_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


async def channels(tenant: Any, provider: str) -> list[dict[str, Any]]:
    r = await tenant.get("/api/v1/channels")
    assert r.status_code == 200, r.text
    return [c for c in r.json()["items"] if c["provider"] == provider]


async def conversations(tenant: Any, **params: Any) -> list[dict[str, Any]]:
    r = await tenant.get("/api/v1/conversations", params=params)
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def messages(tenant: Any, conversation_id: int) -> list[dict[str, Any]]:
    r = await tenant.get(f"/api/v1/conversations/{conversation_id}/messages")
    assert r.status_code == 200, r.text
    return r.json()["items"]
