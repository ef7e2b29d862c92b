"""Issue #13.2: ids from outside never steer a provider call to another host or path.

The attack: a webhook delivery whose sender id (or live-video id, comment id...) is a full URL or
a path made the worker call that URL with the page access token. Ids are now validated where
they are parsed, and every provider client refuses paths that leave its base URL.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from chotdon.channels.facebook import graph
from chotdon.channels.facebook.parse import parse_delivery
from chotdon.channels.facebook.signature import facebook_json, sign
from chotdon.channels.models import Channel
from chotdon.channels.safe_urls import (
    UnsafeProviderUrl,
    external_id,
    is_external_id,
    provider_url,
)
from chotdon.core.db import unit_of_work
from chotdon.core.security import encrypt_secret
from chotdon.core.settings import get_settings
from security.report import record

BASE = "https://graph.example.test/v19.0"

EVIL_PATHS = [
    "https://evil.example/steal",
    "http://evil.example",
    "//evil.example/x",
    "../../me/accounts",
    "..",
    "123/../../me",
    "123?access_token=x",
    "123#frag",
    "12%2F..%2Fme",
    "12\\evil",
    "12 34",
    "",
    "\u0661\u0662",  # Arabic-Indic digits: not ASCII
]
EVIL_IDS = [*EVIL_PATHS, "a" * 200]  # a path segment may be long; an id may not


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("me/accounts", f"{BASE}/me/accounts"),
        ("/123456/messages", f"{BASE}/123456/messages"),
        ("123_456/comments", f"{BASE}/123_456/comments"),
        ("psid-1", f"{BASE}/psid-1"),
    ],
)
def test_provider_url_joins_plain_relative_paths(path: str, expected: str) -> None:
    assert provider_url(BASE, path) == expected


@pytest.mark.parametrize("path", [*EVIL_PATHS, "a//b", "./x", "x/./y", "HTTPS://evil.example/"])
def test_provider_url_refuses_paths_that_leave_the_base(path: str) -> None:
    with pytest.raises(UnsafeProviderUrl):
        provider_url(BASE, path)


@pytest.mark.parametrize(
    ("value", "ok"),
    [("1234567890", True), ("712750021053074_1063824911537852", True), ("psid-e2e", True)]
    + [(evil, False) for evil in EVIL_IDS],
)
def test_external_ids_are_short_plain_tokens(value: str, ok: bool) -> None:
    assert is_external_id(value) is ok
    if ok:
        assert external_id(value) == value
    else:
        with pytest.raises(UnsafeProviderUrl):
            external_id(value)


def _delivery(page_id: str, evil: str) -> dict[str, Any]:
    now_ms = int(datetime.now(UTC).timestamp() * 1000)
    return {
        "object": "page",
        "entry": [
            {
                "id": page_id,
                "time": now_ms,
                "messaging": [
                    {
                        "sender": {"id": evil},
                        "recipient": {"id": page_id},
                        "timestamp": now_ms,
                        "message": {"mid": f"m_{uuid.uuid4().hex}", "text": "xin chào"},
                    },
                ],
                "changes": [
                    {"field": "live_videos", "value": {"id": evil, "status": "live"}},
                    {
                        "field": "feed",
                        "value": {
                            "item": "comment",
                            "verb": "add",
                            "post_id": f"{page_id}_1",
                            "comment_id": evil,
                            "from": {"id": "1001", "name": "Lan"},
                            "message": "còn hàng không",
                            "created_time": now_ms // 1000,
                        },
                    },
                    {
                        "field": "feed",
                        "value": {
                            "item": "comment",
                            "verb": "add",
                            "post_id": evil,
                            "comment_id": f"{page_id}_2",
                            "from": {"id": evil, "name": "Lan"},
                            "created_time": now_ms // 1000,
                        },
                    },
                ],
            }
        ],
    }


@pytest.mark.parametrize("evil", EVIL_IDS)
def test_facebook_events_with_unsafe_ids_are_skipped(evil: str) -> None:
    [page] = parse_delivery(_delivery("1234567890", evil), app_id="1")
    assert page.events == []
    assert page.skipped == 4
    assert parse_delivery({"object": "page", "entry": [{"id": evil}]}, app_id="1") == []


class _Recorder:
    """Stands in for the whole internet: answers `{}` and remembers every URL asked for."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(str(request.url))
        return httpx.Response(200, json={})


async def test_graph_client_refuses_absolute_urls_and_other_hosts() -> None:
    recorder = _Recorder()
    client = graph.GraphClient(
        BASE, http=httpx.AsyncClient(transport=httpx.MockTransport(recorder))
    )
    try:
        for evil in EVIL_PATHS:
            with pytest.raises(graph.UnsafePath):
                await client.get(evil, "page-token")
            with pytest.raises(graph.UnsafePath):
                await client.post(f"{evil or '..'}/messages", "page-token", json={})
        assert recorder.urls == []
        await client.get("me", "page-token")
        assert recorder.urls == [f"{BASE}/me"]
    finally:
        await client.aclose()
    record("security: provider ids and URLs", len(EVIL_PATHS) * 2 + 1)


@pytest.mark.parametrize("evil", ["https://evil.example/steal", "//evil.example/x", "../me"])
async def test_a_signed_delivery_with_url_ids_never_calls_another_host(
    tenant: Any, client: httpx.AsyncClient, run_jobs: Any, evil: str
) -> None:
    """The attack end to end: signed webhook → stored → worker; no request leaves the Graph base."""
    page_id = str(uuid.uuid4().int)[:15]
    async with unit_of_work() as session:
        session.add(
            Channel(
                workspace_id=tenant.workspace_id,
                provider="facebook",
                external_id=page_id,
                name="Trang Test",
                access_token_encrypted=encrypt_secret("page-token-secret"),
            )
        )
    recorder = _Recorder()
    base = get_settings().facebook_graph_url
    fake = graph.GraphClient(base, http=httpx.AsyncClient(transport=httpx.MockTransport(recorder)))
    graph.set_graph(fake)
    try:
        body = facebook_json(_delivery(page_id, evil))
        r = await client.post(
            "/webhooks/facebook",
            content=body,
            headers={
                "X-Hub-Signature-256": sign(body, get_settings().facebook_app_secret),
                "Content-Type": "application/json",
            },
        )
        assert r.status_code == 200, r.text
        await run_jobs()
    finally:
        graph.set_graph(None)
        await fake.aclose()
    base_prefix = base.rstrip("/") + "/"
    assert all(url.startswith(base_prefix) for url in recorder.urls), recorder.urls
    assert not any("evil" in url or "/me" in url for url in recorder.urls), recorder.urls
    r = await tenant.get("/api/v1/conversations")
    assert r.status_code == 200
    assert r.json()["items"] == []
