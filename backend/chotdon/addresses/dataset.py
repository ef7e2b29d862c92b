"""Rows of our `admin_*` tables, read from the data files of the `vietnamadminunits` package.

The package (MIT) carries the NSO codes of both schemes and the official legacy → 2025 ward
transition. Only its data files are read here (its parser module would import geocoding code),
so a migration can seed our tables without any network or heavy import.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from chotdon.core.text import search_document

SCHEME_2025 = "2025"
SCHEME_LEGACY = "legacy"


@dataclass(frozen=True, slots=True)
class ProvinceRow:
    scheme: str
    code: str
    name: str
    short_name: str
    search_text: str


@dataclass(frozen=True, slots=True)
class WardRow:
    scheme: str
    code: str
    province_code: str
    district_code: str | None
    district_name: str | None
    name: str
    short_name: str
    search_text: str


@dataclass(frozen=True, slots=True)
class TransitionRow:
    legacy_code: str
    new_code: str
    split: bool  # the legacy ward went to several new wards
    is_default: bool  # the library's pick when the street cannot decide


@dataclass(frozen=True, slots=True)
class Dataset:
    provinces: list[ProvinceRow]
    wards: list[WardRow]
    transitions: list[TransitionRow]


def data_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vietnamadminunits package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _aliases(raw: str | None) -> list[str]:
    return json.loads(raw) if raw else []


def load() -> Dataset:
    """Both schemes' provinces and wards plus the legacy → 2025 ward edges."""
    folder = data_dir()
    with sqlite3.connect(folder / "dataset.db") as conn:
        conn.row_factory = sqlite3.Row
        new_rows = conn.execute(
            "SELECT * FROM admin_units ORDER BY provinceCode, wardCode"
        ).fetchall()
        old_rows = conn.execute(
            "SELECT * FROM admin_units_legacy ORDER BY provinceCode, wardCode"
        ).fetchall()
    converter = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))

    provinces: dict[tuple[str, str], ProvinceRow] = {}
    wards: dict[tuple[str, str], WardRow] = {}
    new_by_key: dict[tuple[str, str], str] = {}
    old_by_key: dict[str, str] = {}
    for scheme, rows in ((SCHEME_2025, new_rows), (SCHEME_LEGACY, old_rows)):
        for r in rows:
            pcode = r["provinceCode"]
            if (scheme, pcode) not in provinces:
                provinces[(scheme, pcode)] = ProvinceRow(
                    scheme,
                    pcode,
                    r["province"],
                    r["provinceShort"],
                    search_document(r["province"], *_aliases(r["provinceAlias"])),
                )
            if not r["wardCode"]:
                continue
            district = r["district"] if scheme == SCHEME_LEGACY else None
            wards[(scheme, r["wardCode"])] = WardRow(
                scheme,
                r["wardCode"],
                pcode,
                r["districtCode"] if scheme == SCHEME_LEGACY else None,
                district,
                r["ward"],
                r["wardShort"],
                search_document(r["ward"], district),
            )
            if scheme == SCHEME_2025:
                new_by_key[(r["provinceKey"], r["wardKey"])] = r["wardCode"]
            else:
                old_by_key[f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"] = r["wardCode"]

    edges: dict[tuple[str, str], TransitionRow] = {}
    for new_province, by_new_ward in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward_key, old_keys in by_new_ward.items():
            new_code = new_by_key.get((new_province, new_ward_key))
            for old_key in old_keys:
                old_code = old_by_key.get(old_key)
                if new_code and old_code:
                    edges[(old_code, new_code)] = TransitionRow(old_code, new_code, False, True)
    for new_province, by_old_ward in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in by_old_ward.items():
            old_code = old_by_key.get(old_key)
            for target in targets:
                new_code = new_by_key.get((new_province, target["newWardKey"]))
                if new_code and old_code:
                    edges[(old_code, new_code)] = TransitionRow(
                        old_code, new_code, True, bool(target["isDefaultNewWard"])
                    )
    return Dataset(list(provinces.values()), list(wards.values()), list(edges.values()))


def province_names() -> list[tuple[str, str, str, list[str]]]:
    """(code, full name, short name, aliases) of the legacy provinces then the 2025 ones."""
    with sqlite3.connect(data_dir() / "dataset.db") as conn:
        rows = conn.execute(
            "SELECT DISTINCT provinceCode, province, provinceShort, provinceAlias "
            "FROM admin_units_legacy"
        ).fetchall()
        rows += conn.execute(
            "SELECT DISTINCT provinceCode, province, provinceShort, provinceAlias FROM admin_units"
        ).fetchall()
    return [(code, name, short, _aliases(alias)) for code, name, short, alias in rows]
