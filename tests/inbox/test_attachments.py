"""Customer attachments are kept: downloaded from the CDN hosts only (no other host, not even
by a redirect), size- and type-checked, stored in the media library and served from there."""

from __future__ import annotations

import httpx
import pytest

from chotdon.core.settings import get_settings
from chotdon.inbox import attachments

from .conftest import PNG
from .helpers import Seeder


@pytest.mark.parametrize(
    ("url", "hosts", "allowed"),
    [
        ("https://scontent.xx.fbcdn.net/v/t1/a.jpg?x=1", ["fbcdn.net"], True),
        ("https://fbcdn.net/a.jpg", ["fbcdn.net"], True),
        ("https://evilfbcdn.net/a.jpg", ["fbcdn.net"], False),
        ("https://fbcdn.net.evil.com/a.jpg", ["fbcdn.net"], False),
        ("http://scontent.xx.fbcdn.net/a.jpg", ["fbcdn.net"], False),  # https only
        ("https://user@scontent.fbcdn.net/a.jpg", ["fbcdn.net"], False),
        ("http://127.0.0.1:8001/cdn/a.png", ["fbcdn.net"], False),  # no loopback by default
        ("http://127.0.0.1:8001/cdn/a.png", ["127.0.0.1"], True),  # listed exactly
        ("http://localhost:8001/a.png", ["127.0.0.1"], False),
        ("https://10.0.0.1/a.png", ["fbcdn.net"], False),
        ("file:///etc/passwd", ["fbcdn.net"], False),
        ("https://[::1]/a.png", ["fbcdn.net"], False),
        ("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1", ["fbsbx.com"], True),
        ("https://scontent.fbcdn.net:99999/a.png", ["fbcdn.net"], False),
        ("", ["fbcdn.net"], False),
    ],
)
def test_allowed_url(url: str, hosts: list[str], allowed: bool) -> None:
    assert attachments.allowed_url(url, hosts) is allowed


def test_default_hosts_have_no_loopback() -> None:
    from chotdon.core.settings import Settings

    hosts = Settings.model_fields["facebook_cdn_hosts"].default_factory()  # type: ignore[misc]
    assert not any(h in ("127.0.0.1", "localhost", "::1") for h in hosts)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("path", "outcome"),
    [
        ("/a.png", "ok"),
        ("/hop", "ok"),  # a redirect on an allowed host is followed
        ("/away", "host not allowed"),  # a redirect to another host is not
        ("/page.html", "type not kept"),
        ("/big.png", "too large"),
        ("/gone.png", "HTTP 404"),
    ],
)
async def test_download(cdn: str, path: str, outcome: str) -> None:
    async with httpx.AsyncClient() as client:
        if outcome == "ok":
            got = await attachments.download(client, cdn + path, ["127.0.0.1"], 1024)
            assert got.data == PNG and got.content_type == "image/png"
        else:
            with pytest.raises(attachments.Refused, match=outcome):
                await attachments.download(client, cdn + path, ["127.0.0.1"], 1024)


@pytest.mark.asyncio
async def test_customer_attachments_are_kept_and_served(
    tenant, make_tenant, seed: Seeder, cdn: str, run_jobs, monkeypatch
) -> None:
    monkeypatch.setattr(get_settings(), "facebook_cdn_hosts", ["fbcdn.net", "127.0.0.1"])
    ch = await seed.channel()
    sent = [
        {"type": "image", "url": f"{cdn}/a.png"},
        {"type": "image", "url": f"{cdn}/fake.png"},  # not what it claims: the link stays
        {"type": "image", "url": "https://example.com/x.png"},  # not the CDN: the link stays
        {"type": "sticker", "url": f"{cdn}/a.png", "sticker_id": "369239263222822"},
    ]
    rec = await seed.message(ch, "p1", None, attachments=sent)
    await run_jobs()
    r = await tenant.get(f"/api/v1/conversations/{rec.conversation.id}/messages")
    [message] = r.json()["items"]
    kept, fake, elsewhere, sticker = message["attachments"]
    assert kept["url"].startswith("/api/v1/media/") and kept["source_url"] == f"{cdn}/a.png"
    assert fake["url"] == f"{cdn}/fake.png" and elsewhere["url"] == "https://example.com/x.png"
    assert sticker["url"] == f"{cdn}/a.png"
    r = await tenant.get(kept["url"])
    assert r.status_code == 200 and r.content == PNG
    other = await make_tenant()
    assert (await other.get(kept["url"])).status_code == 404
    # Running the job again changes nothing (the same copy, nothing fetched twice).
    await attachments.keep_attachments([message["id"]])
    again = (await tenant.get(f"/api/v1/conversations/{rec.conversation.id}/messages")).json()
    assert again["items"][0]["attachments"] == message["attachments"]
