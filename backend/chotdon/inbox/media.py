"""The media library: uploads (checked, deduplicated by sha256) reused as "images sent before".

Files live in the storage (`core/storage.py`: DATA_DIR/uploads or an S3 bucket) under the key
`<workspace>/<sha[:2]>/<sha>`; the same bytes uploaded twice in a workspace are stored once and
answer with the existing row.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from fastapi import UploadFile
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core import locks
from chotdon.core.auth import Principal
from chotdon.core.errors import AppError, NotFound, PayloadTooLarge, ValidationFailed
from chotdon.core.settings import get_settings
from chotdon.core.storage import Missing, StoredFile, get_storage
from chotdon.core.tenant import get_owned, owned
from chotdon.inbox.models import Media
from chotdon.inbox.schemas import MediaOut

CHUNK = 1024 * 1024

# What Messenger accepts as attachments, by kind; each image/video type must also look like one.
ALLOWED_TYPES: dict[str, str] = {
    "image/jpeg": "image",
    "image/png": "image",
    "image/gif": "image",
    "image/webp": "image",
    "video/mp4": "video",
    "video/quicktime": "video",
    "audio/mpeg": "audio",
    "audio/mp4": "audio",
    "audio/aac": "audio",
    "audio/wav": "audio",
    "application/pdf": "file",
    "text/plain": "file",
    "application/zip": "file",
    "application/msword": "file",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "file",
    "application/vnd.ms-excel": "file",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "file",
}
# Facebook's own limits per kind.
MAX_BYTES = {"image": 8 * 1024 * 1024, "video": 25 * 1024 * 1024, "audio": 25 * 1024 * 1024}


class UnsupportedMediaType(AppError):
    status_code = 415
    code = "unsupported_media_type"
    message = "This file type cannot be sent"


def sniff_matches(content_type: str, head: bytes) -> bool:
    """Does the start of the file look like its declared type? (Only where it is cheap to tell.)"""
    if content_type == "image/jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if content_type == "image/png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if content_type == "image/gif":
        return head.startswith((b"GIF87a", b"GIF89a"))
    if content_type == "image/webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if content_type in ("video/mp4", "video/quicktime", "audio/mp4"):
        return head[4:8] == b"ftyp"
    if content_type == "application/pdf":
        return head.startswith(b"%PDF")
    return True


@dataclass(slots=True)
class _Saved:
    path: Path
    size: int
    sha256: str
    head: bytes


def _save_to_temp(source: BinaryIO, limit: int, scratch: Path) -> _Saved:
    """Copy the upload to a temp file in `scratch`, hashing it; stop past `limit`."""
    digest = hashlib.sha256()
    size, head = 0, b""
    fd, name = tempfile.mkstemp(dir=scratch, prefix=".upload-")
    with os.fdopen(fd, "wb") as out:
        while chunk := source.read(CHUNK):
            head = head or chunk[:16]
            size += len(chunk)
            if size > limit:
                break
            digest.update(chunk)
            out.write(chunk)
    return _Saved(Path(name), size, digest.hexdigest(), head)


def url_of(media_id: int) -> str:
    return f"/api/v1/media/{media_id}/file"


def to_out(media: Media) -> MediaOut:
    return MediaOut.model_validate(media).model_copy(update={"url": url_of(media.id)})


async def upload(
    session: AsyncSession, principal: Principal, file: UploadFile
) -> tuple[Media, bool]:
    """Store an upload; returns (media, created). Same bytes again → the existing row."""
    content_type = (file.content_type or "").split(";")[0].strip().lower()
    kind = ALLOWED_TYPES.get(content_type)
    if kind is None:
        raise UnsupportedMediaType(
            f"Files of type '{content_type or 'unknown'}' cannot be sent",
            details=[{"field": "file", "message": "allowed: " + ", ".join(ALLOWED_TYPES)}],
        )
    limit = min(
        MAX_BYTES.get(kind, get_settings().max_upload_bytes), get_settings().max_upload_bytes
    )
    # File work happens in a thread: the event loop keeps serving the inbox meanwhile.
    storage = get_storage()
    saved = await asyncio.to_thread(_save_to_temp, file.file, limit, storage.scratch_dir())
    try:
        if saved.size > limit:
            raise PayloadTooLarge(
                f"The file is larger than {limit // (1024 * 1024)} MB",
                details=[{"field": "file", "message": "too large"}],
            )
        if saved.size == 0:
            raise ValidationFailed(details=[{"field": "file", "message": "the file is empty"}])
        if not sniff_matches(content_type, saved.head):
            raise ValidationFailed(
                "The file content does not match its type",
                details=[{"field": "file", "message": f"not a valid {content_type} file"}],
            )
        # Two agents uploading the same picture at once still get one library entry.
        await locks.lock(session, "media", f"{principal.workspace_id}:{saved.sha256}")
        existing = (
            await session.execute(
                owned(Media, principal.workspace_id).where(Media.sha256 == saved.sha256).limit(1)
            )
        ).scalar_one_or_none()
        if existing is not None:
            return existing, False
        storage_key = f"{principal.workspace_id}/{saved.sha256[:2]}/{saved.sha256}"
        await storage.put_file(storage_key, saved.path)
    finally:
        await asyncio.to_thread(saved.path.unlink, missing_ok=True)
    filename = os.path.basename(file.filename or "file")[:300] or "file"
    media = Media(
        workspace_id=principal.workspace_id,
        uploaded_by_id=principal.user_id,
        filename=filename,
        content_type=content_type,
        kind=kind,
        size=saved.size,
        sha256=saved.sha256,
        storage_key=storage_key,
    )
    session.add(media)
    await session.flush()
    return media, True


async def list_media(
    session: AsyncSession, workspace_id: int, kind: str | None, before_id: int | None, limit: int
) -> list[Media]:
    """Most recently used (or uploaded) first: "images sent before"."""
    stmt = owned(Media, workspace_id)
    if kind:
        stmt = stmt.where(Media.kind == kind)
    if before_id is not None:
        stmt = stmt.where(Media.id < before_id)
    stmt = stmt.order_by(Media.id.desc()).limit(limit)
    return list((await session.execute(stmt)).scalars())


async def get(session: AsyncSession, workspace_id: int, media_id: int) -> Media:
    return await get_owned(session, Media, media_id, workspace_id, label="File")


async def open_file(media: Media) -> StoredFile:
    try:
        return await get_storage().open(media.storage_key)
    except Missing:
        raise NotFound("The file is missing from storage") from None


async def read_file(media: Media) -> bytes:
    """A library file's bytes (an attachment sent to a provider)."""
    try:
        return await get_storage().read(media.storage_key)
    except Missing:
        raise NotFound("The file is missing from storage") from None


async def attachments_for(
    session: AsyncSession, workspace_id: int, media_ids: list[int]
) -> list[dict[str, Any]]:
    """Message attachments for library files of this workspace (order kept); marks them used."""
    if not media_ids:
        return []
    wanted = list(dict.fromkeys(media_ids))
    rows = {
        m.id: m
        for m in (
            await session.execute(owned(Media, workspace_id).where(Media.id.in_(wanted)))
        ).scalars()
    }
    if missing := [i for i in wanted if i not in rows]:
        raise ValidationFailed(
            "Unknown file",
            details=[{"field": "attachment_ids", "message": f"no such file: {missing}"}],
        )
    await session.execute(
        update(Media)
        .where(Media.id.in_(wanted))
        .values(last_used_at=datetime.now(UTC))
        .execution_options(synchronize_session=False)
    )
    return [
        {
            "type": rows[i].kind,
            "media_id": i,
            "url": url_of(i),
            "name": rows[i].filename,
            "size": rows[i].size,
            "content_type": rows[i].content_type,
        }
        for i in wanted
    ]


async def store_downloaded(
    session: AsyncSession,
    workspace_id: int,
    data: bytes,
    content_type: str,
    filename: str,
) -> Media | None:
    """Keep a customer's attachment in the library (deduplicated like an upload). None when
    its type is not one we keep or its bytes do not look like that type."""
    kind = ALLOWED_TYPES.get(content_type)
    if kind is None or not data or not sniff_matches(content_type, data[:16]):
        return None
    sha = hashlib.sha256(data).hexdigest()
    await locks.lock(session, "media", f"{workspace_id}:{sha}")
    existing = (
        await session.execute(owned(Media, workspace_id).where(Media.sha256 == sha).limit(1))
    ).scalar_one_or_none()
    if existing is not None:
        return existing
    storage_key = f"{workspace_id}/{sha[:2]}/{sha}"
    await get_storage().put_bytes(storage_key, data)
    media = Media(
        workspace_id=workspace_id,
        uploaded_by_id=None,
        filename=os.path.basename(filename)[:300] or "file",
        content_type=content_type,
        kind=kind,
        size=len(data),
        sha256=sha,
        storage_key=storage_key,
    )
    session.add(media)
    await session.flush()
    return media
