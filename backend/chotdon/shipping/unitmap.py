"""Official ward codes → a carrier's own ids (`carrier_wards`), read from its master data.

GHN and Viettel Post number provinces, districts and wards their own way. The first time a
province is needed for a carrier, its master data for that province is fetched once and matched
to our official units by name (the one place names are compared: with diacritics, unit words
and leading zeros folded away, and the carrier's aliases); bookings and quotes then look the ids
up by official code. GHN's data is three-level (keyed by legacy wards), Viettel Post's two-level
2025 lists are keyed by 2025 wards. GHTK takes names, which come from our tables by code.

Carriers renumber units (merged wards, the 2025 reform rolling on), so the ids are not kept
forever: a province read more than `REFRESH_AFTER` ago is read again by a cron job
(`shipping.jobs.refresh_carrier_wards`), and a quote or booking the carrier refuses for its ids
reads the provinces concerned again at once and is retried once (`read_again`).
"""

from __future__ import annotations

import asyncio
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert

from chotdon.addresses.models import AdminProvince, AdminWard
from chotdon.core.db import unit_of_work
from chotdon.core.text import fold_words
from chotdon.shipping.carrier import CarrierError, CarrierIds
from chotdon.shipping.models import CarrierWard

REFRESH_AFTER = timedelta(days=7)

# Words naming the kind of unit, dropped before comparing names ("Quận 1" ~ "Q1" ~ "1").
_UNIT_WORDS = frozenset("tinh thanh pho tp quan huyen thi xa tran phuong q h p tt dac khu".split())


@dataclass(frozen=True, slots=True)
class OfficialWard:
    code: str
    name: str
    district_code: str | None  # legacy scheme only
    district_name: str | None


@dataclass(frozen=True, slots=True)
class OfficialProvince:
    """A province of one scheme with its wards: what a carrier's master data is matched to."""

    scheme: str
    code: str
    names: tuple[str, ...]  # full name, short name
    wards: tuple[OfficialWard, ...]

    def districts(self) -> dict[str, tuple[str, list[OfficialWard]]]:
        """Legacy district code → (name, wards)."""
        out: dict[str, tuple[str, list[OfficialWard]]] = {}
        for w in self.wards:
            if w.district_code:
                out.setdefault(w.district_code, (w.district_name or "", []))[1].append(w)
        return out


class HasMasterData(Protocol):
    name: str
    id_scheme: str  # the scheme its ids follow: "legacy" | "2025"

    async def ward_ids(self, province: OfficialProvince) -> dict[str, CarrierIds]: ...


def exact_key(name: str | None) -> str:
    """ "Xã Hoằng Phụ" stays apart from "Xã Hoằng Phú" (both in one district): lower-cased,
    diacritics kept, numbers without leading zeros."""
    words = re.findall(r"\w+", unicodedata.normalize("NFC", (name or "").lower()))
    return " ".join(re.sub(r"^0+(?=\d)", "", w) for w in words)


def full_key(name: str | None) -> str:
    """ "Phường 05" → "phuong 5": folded, numbers without leading zeros."""
    return " ".join(re.sub(r"^0+(?=\d)", "", w) for w in fold_words(name))


def name_key(name: str | None) -> str:
    """ "Phường 05" / "P.5" / "phuong 5" → "5"; "Thành phố Hồ Chí Minh" → "ho chi minh"."""
    return " ".join(w for w in full_key(name).split() if w not in _UNIT_WORDS)


def match(
    ours: Iterable[tuple[str, Iterable[str]]], theirs: Iterable[tuple[str, Iterable[str]]]
) -> dict[str, str]:
    """Our code → their id for units whose names agree: first exactly (diacritics tell "Hoằng
    Phụ" from "Hoằng Phú"), then folded with the unit words ("Xã Phước Long" is not "Thị trấn
    Phước Long"), then without them ("Q.1" is "Quận 1"). A name that two of our units share at
    a step is never matched by it (it could be either)."""
    ours, theirs = list(ours), list(theirs)
    found: dict[str, str] = {}
    for key in (exact_key, full_key, name_key):
        by_key: dict[str, set[str]] = defaultdict(set)
        for code, names in ours:
            for n in names:
                if k := key(n):
                    by_key[k].add(code)
        taken = set(found.values())
        for their_id, names in theirs:
            if their_id in taken:
                continue
            for n in names:
                codes = by_key.get(key(n), set())
                if len(codes) == 1 and (code := next(iter(codes))) not in found:
                    found[code] = their_id
                    break
    return found


async def official_province(scheme: str, province_code: str) -> OfficialProvince | None:
    async with unit_of_work() as session:
        province = await session.get(AdminProvince, (scheme, province_code))
        if province is None:
            return None
        wards = (
            await session.scalars(
                select(AdminWard)
                .where(AdminWard.scheme == scheme, AdminWard.province_code == province_code)
                .order_by(AdminWard.code)
            )
        ).all()
    return OfficialProvince(
        scheme,
        province_code,
        (province.name, province.short_name),
        tuple(OfficialWard(w.code, w.name, w.district_code, w.district_name) for w in wards),
    )


async def _stored(carrier: str, scheme: str, ward_code: str) -> CarrierIds | None:
    async with unit_of_work() as session:
        row = await session.get(CarrierWard, (carrier, scheme, ward_code))
    return CarrierIds(row.province_id, row.district_id, row.ward_id) if row else None


async def _province_synced(carrier: str, scheme: str, province_code: str) -> bool:
    async with unit_of_work() as session:
        found = await session.scalar(
            select(CarrierWard.ward_code)
            .where(
                CarrierWard.carrier == carrier,
                CarrierWard.scheme == scheme,
                CarrierWard.province_code == province_code,
            )
            .limit(1)
        )
    return found is not None


async def sync_province(client: HasMasterData, province_code: str) -> int:
    """Read the carrier's units of one province and store those matching ours; how many."""
    province = await official_province(client.id_scheme, province_code)
    if province is None:
        return 0
    ids = await client.ward_ids(province)
    if not ids:
        return 0
    now = datetime.now(UTC)
    rows: list[dict[str, object]] = [
        {
            "carrier": client.name,
            "scheme": client.id_scheme,
            "ward_code": code,
            "province_code": province_code,
            "province_id": i.province_id,
            "district_id": i.district_id,
            "ward_id": i.ward_id,
            "synced_at": now,
        }
        for code, i in ids.items()
    ]
    async with unit_of_work() as session:
        stmt = insert(CarrierWard).values(rows)
        await session.execute(
            stmt.on_conflict_do_update(
                index_elements=["carrier", "scheme", "ward_code"],
                set_={
                    "province_id": stmt.excluded.province_id,
                    "district_id": stmt.excluded.district_id,
                    "ward_id": stmt.excluded.ward_id,
                    "synced_at": stmt.excluded.synced_at,
                },
            )
        )
        # Wards the carrier no longer lists: better "not supported" than an id it refuses.
        await session.execute(
            delete(CarrierWard).where(
                CarrierWard.carrier == client.name,
                CarrierWard.scheme == client.id_scheme,
                CarrierWard.province_code == province_code,
                CarrierWard.ward_code.not_in(list(ids)),
            )
        )
    return len(rows)


async def read_since(carrier: str, scheme: str, province_code: str) -> datetime | None:
    """When the carrier's units of a province were last read (None: never)."""
    async with unit_of_work() as session:
        return await session.scalar(
            select(func.max(CarrierWard.synced_at)).where(
                CarrierWard.carrier == carrier,
                CarrierWard.scheme == scheme,
                CarrierWard.province_code == province_code,
            )
        )


async def read_again(client: HasMasterData, province_code: str, looked_up_at: datetime) -> None:
    """Read a province again after the carrier refused ids looked up at `looked_up_at` (its
    master data changed), unless it was read since then: concurrent refusals (a bulk booking)
    share one read, later ones find its ids in the table."""
    last = await read_since(client.name, client.id_scheme, province_code)
    if last is not None and last > looked_up_at:
        return
    await _sync_once(client, province_code)


async def stale_provinces(limit: int) -> list[tuple[str, str, str]]:
    """(carrier, scheme, province code) read longer than `REFRESH_AFTER` ago, oldest first."""
    oldest = func.min(CarrierWard.synced_at)
    async with unit_of_work() as session:
        rows = await session.execute(
            select(CarrierWard.carrier, CarrierWard.scheme, CarrierWard.province_code)
            .group_by(CarrierWard.carrier, CarrierWard.scheme, CarrierWard.province_code)
            .having(oldest < datetime.now(UTC) - REFRESH_AFTER)
            .order_by(oldest)
            .limit(limit)
        )
        return [(c, s, p) for c, s, p in rows]


# Province reads under way in this process: concurrent quotes and bulk bookings wait for one.
_reading: dict[tuple[str, str, str], asyncio.Task[int]] = {}


async def _sync_once(client: HasMasterData, province_code: str) -> None:
    """One read of a province per process at a time; shielded, so a quote cut at its timeout
    still leaves the province read for the next one."""
    key = (client.name, client.id_scheme, province_code)
    task = _reading.get(key)
    if task is None:
        task = asyncio.create_task(sync_province(client, province_code))
        _reading[key] = task
        task.add_done_callback(lambda _done: _reading.pop(key, None))
    await asyncio.shield(task)


async def ids_for(client: HasMasterData, ward_code: str, province_code: str) -> CarrierIds:
    """The carrier's ids of an official ward (of `client.id_scheme`), reading the carrier's
    master data for the province the first time. CarrierError when the carrier has no such
    ward (its data lacks it, or its name could not be matched)."""
    found = await _stored(client.name, client.id_scheme, ward_code)
    if found is None and not await _province_synced(client.name, client.id_scheme, province_code):
        await _sync_once(client, province_code)
        found = await _stored(client.name, client.id_scheme, ward_code)
    if found is None:
        raise CarrierError(
            "address_unsupported", "Hãng vận chuyển không có phường/xã này trong danh mục"
        )
    return found
