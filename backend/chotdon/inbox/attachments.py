"""Customer attachments are kept: a provider's CDN links expire, so the files a customer sends
are downloaded into the media library and the message then points at our copy.

Only from the provider's CDN hosts (`FACEBOOK_CDN_HOSTS`: a host or any subdomain of it), over
HTTPS unless the host is listed exactly (a local simulator), never following a redirect to a
host outside the list, size- and type-checked. A file that cannot be fetched keeps its original
link (nothing is lost that was not already going to expire).
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import httpx
from sqlalchemy import select

from chotdon.core.after_commit import emit_event, enqueue_job
from chotdon.core.db import unit_of_work
from chotdon.core.settings import get_settings
from chotdon.inbox import media as media_service
from chotdon.inbox.models import Message
from chotdon.inbox.serializers import message_event

log = logging.getLogger(__name__)

JOB = "keep_attachments"
KEPT_TYPES = ("image", "video", "audio", "file")
MAX_REDIRECTS = 3
TIMEOUT_SECONDS = 20.0


def allowed_url(url: str, hosts: Sequence[str]) -> bool:
    """Is `url` on one of the CDN `hosts`? Pure: no DNS, no I/O."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
        parts.port  # noqa: B018 (raises on a malformed port)
    except ValueError:
        return False
    if not host or parts.username is not None or parts.password is not None:
        return False
    listed = [h.lower().strip().rstrip(".") for h in hosts if h.strip()]
    exact = host in listed
    if parts.scheme != "https" and not (parts.scheme == "http" and exact):
        return False
    if _is_ip(host):
        return exact  # an address is allowed only when listed as such
    return exact or any(host.endswith("." + h) for h in listed if not _is_ip(h))


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@dataclass(slots=True)
class Downloaded:
    data: bytes
    content_type: str
    filename: str


class Refused(Exception):
    """The file was not fetched (host, redirect, size, type); the reason is the message."""


async def download(
    client: httpx.AsyncClient, url: str, hosts: Sequence[str], max_bytes: int
) -> Downloaded:
    """GET `url` following at most MAX_REDIRECTS redirects, each to an allowed host."""
    for _ in range(MAX_REDIRECTS + 1):
        if not allowed_url(url, hosts):
            raise Refused(f"host not allowed: {urlsplit(url).hostname}")
        async with client.stream("GET", url, follow_redirects=False) as response:
            if response.is_redirect:
                url = urljoin(url, response.headers.get("location", ""))
                continue
            if response.status_code != 200:
                raise Refused(f"HTTP {response.status_code}")
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type not in media_service.ALLOWED_TYPES:
                raise Refused(f"type not kept: {content_type or 'unknown'}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise Refused("too large")
            chunks, size = [], 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise Refused("too large")
                chunks.append(chunk)
            name = unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or "file"
            return Downloaded(b"".join(chunks), content_type, name)
    raise Refused("too many redirects")


def wanted(attachments: list[dict[str, Any]]) -> bool:
    return any(_fetchable(a) for a in attachments)


def _fetchable(attachment: dict[str, Any]) -> bool:
    return (
        attachment.get("type") in KEPT_TYPES
        and "media_id" not in attachment
        and isinstance(attachment.get("url"), str)
        and attachment["url"].startswith(("http://", "https://"))
    )


def schedule(session: Any, messages: Sequence[Message]) -> None:
    """After commit: keep the attachments of these new customer messages (one job a batch)."""
    ids = sorted(m.id for m in messages if m.direction == "in" and wanted(m.attachments or []))
    if ids:
        enqueue_job(session, JOB, ids, job_id=f"{JOB}:{ids[0]}:{ids[-1]}:{len(ids)}")


async def keep_attachments(message_ids: Sequence[int]) -> int:
    """Download and keep the attachments of these messages; safe to run twice. Downloads happen
    outside any transaction: no row stays locked while a CDN answers."""
    settings = get_settings()
    hosts = settings.facebook_cdn_hosts
    kept = 0
    async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as client:
        for message_id in message_ids:
            async with unit_of_work() as session:
                message = await session.get(Message, message_id)
                todo = {
                    i: a["url"]
                    for i, a in enumerate((message.attachments or []) if message else [])
                    if _fetchable(a)
                }
            got: dict[int, Downloaded] = {}
            for i, url in todo.items():
                try:
                    got[i] = await download(client, url, hosts, settings.max_upload_bytes)
                except (Refused, httpx.HTTPError) as exc:
                    # The original link stays: nothing is lost that was not expiring anyway.
                    log.info("attachment of message %s not kept: %s", message_id, exc)
            if got:
                kept += await _store(message_id, todo, got)
    return kept


async def _store(message_id: int, todo: dict[int, str], got: dict[int, Downloaded]) -> int:
    async with unit_of_work() as session:
        message = (
            await session.execute(select(Message).where(Message.id == message_id).with_for_update())
        ).scalar_one_or_none()
        if message is None:
            return 0
        items = [dict(a) for a in message.attachments or []]
        kept = 0
        for i, download_ in got.items():
            # Unchanged since it was read (another run may have kept it meanwhile).
            if i >= len(items) or not _fetchable(items[i]) or items[i]["url"] != todo[i]:
                continue
            stored = await media_service.store_downloaded(
                session,
                message.workspace_id,
                download_.data,
                download_.content_type,
                items[i].get("name") or download_.filename,
            )
            if stored is not None:
                items[i].update(
                    media_id=stored.id, source_url=todo[i], url=media_service.url_of(stored.id)
                )
                kept += 1
        if kept:
            message.attachments = items
            await session.flush()
            emit_event(session, message.workspace_id, "message.updated", message_event(message))
        return kept
