"""Carrier master data the simulators serve: the legacy (three-level) units under carrier ids.

Real GHN ids are not NSO codes (GHN ProvinceID 202 = Hồ Chí Minh); the simulators number units
their own way so our mapping by name is exercised as it is against the real carriers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from chotdon.addresses.dataset import SCHEME_2025, SCHEME_LEGACY, load


@dataclass(frozen=True, slots=True)
class MasterData:
    # (carrier id, name, aliases)
    provinces: list[tuple[int, str, list[str]]]
    districts: dict[int, list[tuple[int, str]]]  # province id → districts
    wards: dict[int, list[tuple[str, str]]]  # district id → (ward code, name)
    new_provinces: list[tuple[int, str]]
    new_wards: dict[int, list[tuple[int, str]]]


def _short(name: str) -> str:
    return re.sub(r"^(Thành phố|Tỉnh)\s+", "", name)


@cache
def master_data() -> MasterData:
    data = load()
    legacy = sorted((p for p in data.provinces if p.scheme == SCHEME_LEGACY), key=lambda p: p.code)
    pid = {p.code: 200 + i for i, p in enumerate(legacy)}
    provinces = [(pid[p.code], _short(p.name), [p.name, p.short_name]) for p in legacy]
    districts: dict[int, list[tuple[int, str]]] = {}
    wards: dict[int, list[tuple[str, str]]] = {}
    seen: set[int] = set()
    for w in data.wards:
        if w.scheme != SCHEME_LEGACY or not w.district_code:
            continue
        did = 1000 + int(w.district_code)
        if did not in seen:
            seen.add(did)
            districts.setdefault(pid[w.province_code], []).append((did, w.district_name or ""))
        wards.setdefault(did, []).append((str(500000 + int(w.code)), w.name))
    new = sorted((p for p in data.provinces if p.scheme == SCHEME_2025), key=lambda p: p.code)
    npid = {p.code: i + 1 for i, p in enumerate(new)}
    new_wards: dict[int, list[tuple[int, str]]] = {}
    for w in data.wards:
        if w.scheme == SCHEME_2025:
            new_wards.setdefault(npid[w.province_code], []).append((700000 + int(w.code), w.name))
    return MasterData(provinces, districts, wards, [(npid[p.code], p.name) for p in new], new_wards)
