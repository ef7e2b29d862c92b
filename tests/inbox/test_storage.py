"""Files in S3-compatible object storage (STORAGE=s3): an upload or a kept customer attachment
written by one API host is served by any other, whose own disk never saw it.

The bucket is a real S3 endpoint over HTTP (moto's server, in a thread), reached through the
same aiobotocore client production uses; nothing is mocked."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiobotocore.session import get_session
from moto.server import ThreadedMotoServer

from chotdon.core import storage as storage_module
from chotdon.core.settings import get_settings
from chotdon.core.storage import LocalStorage, Missing, S3Storage, get_storage

from .conftest import PNG
from .helpers import Seeder

BUCKET = "chotdon-media"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def _host(monkeypatch: pytest.MonkeyPatch, data_dir: Path, endpoint: str) -> None:
    """This process becomes an API host with its own disk `data_dir` and the shared bucket."""
    settings = get_settings()
    for name, value in {
        "storage": "s3",
        "data_dir": data_dir,
        "s3_bucket": BUCKET,
        "s3_prefix": "media/",
        "s3_endpoint_url": endpoint,
        "s3_access_key_id": "test",
        "s3_secret_access_key": "test",
    }.items():
        monkeypatch.setattr(settings, name, value)
    get_storage.cache_clear()


@pytest.fixture
async def s3(
    s3_endpoint: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> AsyncIterator[str]:
    session = get_session()
    async with session.create_client(
        "s3",
        region_name="us-east-1",
        endpoint_url=s3_endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ) as client:
        buckets = await client.list_buckets()
        if not any(b["Name"] == BUCKET for b in buckets["Buckets"]):
            await client.create_bucket(Bucket=BUCKET)
    _host(monkeypatch, tmp_path / "host-a", s3_endpoint)
    yield s3_endpoint
    monkeypatch.undo()
    get_storage.cache_clear()


async def _objects(endpoint: str) -> list[str]:
    async with get_session().create_client(
        "s3",
        region_name="us-east-1",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ) as client:
        listed = await client.list_objects_v2(Bucket=BUCKET, Prefix="media/")
        return [o["Key"] for o in listed.get("Contents", [])]


@pytest.mark.asyncio
async def test_an_upload_on_one_host_is_served_by_another(
    tenant, make_tenant, s3: str, monkeypatch, tmp_path: Path
) -> None:
    assert isinstance(get_storage(), S3Storage)
    r = await tenant.post("/api/v1/media", files={"file": ("áo đỏ.png", PNG, "image/png")})
    assert r.status_code == 201, r.text
    media = r.json()
    key = f"media/{tenant.workspace_id}/"
    assert any(k.startswith(key) for k in await _objects(s3))
    assert not (tmp_path / "host-a" / "uploads" / str(tenant.workspace_id)).exists()
    # Another API host: its own empty disk, the same bucket.
    _host(monkeypatch, tmp_path / "host-b", s3)
    r = await tenant.get(media["url"])
    assert r.status_code == 200 and r.content == PNG
    assert r.headers["content-type"] == "image/png"
    assert r.headers["content-length"] == str(len(PNG))
    assert "attachment" in r.headers["content-disposition"]
    # The same bytes again: the existing row, nothing stored twice.
    again = await tenant.post("/api/v1/media", files={"file": ("copy.png", PNG, "image/png")})
    assert again.status_code == 200 and again.json()["id"] == media["id"]
    assert len([k for k in await _objects(s3) if k.startswith(key)]) == 1
    other = await make_tenant()
    assert (await other.get(media["url"])).status_code == 404


@pytest.mark.asyncio
async def test_kept_customer_attachments_go_to_the_bucket(
    tenant, seed: Seeder, cdn: str, s3: str, run_jobs, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(get_settings(), "facebook_cdn_hosts", ["127.0.0.1"])
    ch = await seed.channel()
    rec = await seed.message(
        ch, "p-s3", None, attachments=[{"type": "image", "url": f"{cdn}/a.png"}]
    )
    await run_jobs()
    r = await tenant.get(f"/api/v1/conversations/{rec.conversation.id}/messages")
    [kept] = r.json()["items"][0]["attachments"]
    assert kept["url"].startswith("/api/v1/media/")
    _host(monkeypatch, tmp_path / "host-c", s3)
    r = await tenant.get(kept["url"])
    assert r.status_code == 200 and r.content == PNG


@pytest.mark.asyncio
async def test_a_file_missing_from_storage_is_a_404(s3: str) -> None:
    store = get_storage()
    with pytest.raises(Missing):
        await store.open("1/ab/nothing")
    with pytest.raises(Missing):
        await store.read("1/ab/nothing")
    await store.put_bytes("1/ab/something", b"xyz")
    assert await store.read("1/ab/something") == b"xyz"
    assert (await store.open("1/ab/something")).size == 3


@pytest.mark.asyncio
async def test_local_storage_keeps_keys_inside_its_folder(tmp_path: Path) -> None:
    store = LocalStorage(tmp_path / "uploads")
    await store.put_bytes("1/ab/file", b"abc")
    found = await store.open("1/ab/file")
    assert found.size == 3 and found.path == (tmp_path / "uploads" / "1/ab/file").resolve()
    assert b"".join([c async for c in found.chunks()]) == b"abc"
    with pytest.raises(Missing):
        await store.open("../../etc/passwd")
    assert storage_module.build_storage(get_settings()).__class__ is LocalStorage
