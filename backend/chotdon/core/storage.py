"""Where files live: local disk under DATA_DIR (default) or S3-compatible object storage.

One interface, two implementations, chosen by the `STORAGE` setting:
- `local`: files under `DATA_DIR/uploads/<key>`; enough for one API host (or hosts sharing
  that folder).
- `s3`: objects `S3_PREFIX + key` in `S3_BUCKET` of any S3-compatible service (AWS S3, MinIO,
  Cloudflare R2, Ceph...), so every API host and worker serves the same files.

Keys are relative paths made by the caller (`<workspace>/<sha[:2]>/<sha>` for the media
library); a key is written once and never changed, so no host caches a stale copy.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from chotdon.core.settings import Settings, get_settings

CHUNK = 1024 * 1024


class Missing(Exception):
    """No file under this key."""


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file found in storage: its size and how to read it.

    `path` is set when the file is on this host's disk (the HTTP layer then serves it itself,
    with range requests); otherwise `chunks()` streams it."""

    key: str
    size: int
    path: Path | None
    storage: Storage

    def chunks(self) -> AsyncIterator[bytes]:
        return self.storage.stream(self.key)


class Storage(Protocol):
    async def put_file(self, key: str, source: Path) -> None:
        """Store the local file `source` under `key` (the source may be moved or left)."""

    async def put_bytes(self, key: str, data: bytes) -> None: ...

    async def open(self, key: str) -> StoredFile:
        """The file under `key`; raises Missing."""

    async def read(self, key: str) -> bytes:
        """The whole file (attachments sent to a provider); raises Missing."""

    def stream(self, key: str) -> AsyncIterator[bytes]: ...

    def scratch_dir(self) -> Path:
        """A local folder for files on their way in (same disk as local storage)."""


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise Missing(key)
        return path

    def scratch_dir(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        return self.root

    async def put_file(self, key: str, source: Path) -> None:
        await asyncio.to_thread(_replace, source, self._path(key))

    async def put_bytes(self, key: str, data: bytes) -> None:
        await asyncio.to_thread(_write, self._path(key), data)

    async def open(self, key: str) -> StoredFile:
        path = self._path(key)
        try:
            size = (await asyncio.to_thread(path.stat)).st_size
        except FileNotFoundError:
            raise Missing(key) from None
        return StoredFile(key, size, path, self)

    async def read(self, key: str) -> bytes:
        try:
            return await asyncio.to_thread(self._path(key).read_bytes)
        except FileNotFoundError:
            raise Missing(key) from None

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        path = self._path(key)
        try:
            f = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError:
            raise Missing(key) from None
        try:
            while chunk := await asyncio.to_thread(f.read, CHUNK):
                yield chunk
        finally:
            f.close()


class S3Storage:
    """Objects in an S3-compatible bucket, through aiobotocore (one client per call: no
    connection pool tied to an event loop that a test or a worker closes)."""

    def __init__(self, settings: Settings) -> None:
        from aiobotocore.session import get_session
        from botocore.config import Config

        if not settings.s3_bucket:
            raise ValueError("STORAGE=s3 needs S3_BUCKET")
        self.bucket = settings.s3_bucket
        self.prefix = settings.s3_prefix
        self.local_scratch = settings.data_dir / "uploads-incoming"
        self._session = get_session()
        self._client_args: dict[str, Any] = {
            "region_name": settings.s3_region,
            "endpoint_url": settings.s3_endpoint_url or None,
            "aws_access_key_id": settings.s3_access_key_id or None,
            "aws_secret_access_key": settings.s3_secret_access_key or None,
            "config": Config(
                s3={"addressing_style": settings.s3_addressing_style},
                retries={"max_attempts": 3, "mode": "standard"},
                connect_timeout=10,
                read_timeout=60,
            ),
        }

    def _client(self) -> Any:
        return self._session.create_client("s3", **self._client_args)

    def _key(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def scratch_dir(self) -> Path:
        self.local_scratch.mkdir(parents=True, exist_ok=True)
        return self.local_scratch

    async def put_file(self, key: str, source: Path) -> None:
        await self.put_bytes(key, await asyncio.to_thread(source.read_bytes))

    async def put_bytes(self, key: str, data: bytes) -> None:
        async with self._client() as client:
            await client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data)

    async def open(self, key: str) -> StoredFile:
        async with self._client() as client:
            try:
                head = await client.head_object(Bucket=self.bucket, Key=self._key(key))
            except client.exceptions.ClientError as exc:
                if _not_found(exc):
                    raise Missing(key) from None
                raise
        return StoredFile(key, int(head["ContentLength"]), None, self)

    async def read(self, key: str) -> bytes:
        return b"".join([chunk async for chunk in self.stream(key)])

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        async with self._client() as client:
            try:
                got = await client.get_object(Bucket=self.bucket, Key=self._key(key))
            except client.exceptions.ClientError as exc:
                if _not_found(exc):
                    raise Missing(key) from None
                raise
            async with got["Body"] as body:
                while chunk := await body.read(CHUNK):
                    yield chunk


def _not_found(exc: Any) -> bool:
    code = str((getattr(exc, "response", None) or {}).get("Error", {}).get("Code", ""))
    return code in ("404", "NoSuchKey", "NotFound")


def _replace(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(name, target)


def build_storage(settings: Settings) -> Storage:
    if settings.storage == "s3":
        return S3Storage(settings)
    return LocalStorage(settings.uploads_dir)


@lru_cache
def get_storage() -> Storage:
    return build_storage(get_settings())
