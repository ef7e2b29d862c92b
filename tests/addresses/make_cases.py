"""Regenerates `cases.csv`: addresses written the ways customers write them in chat, for units
sampled from the official list (NSO codes, as shipped by vietnamadminunits' dataset.db).

Run: .venv/bin/python tests/addresses/make_cases.py  (deterministic; review the diff).
Expected codes come from the official unit list, never from our parser.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

from chotdon.addresses.dataset import SCHEME_2025, SCHEME_LEGACY, load
from chotdon.core.text import fold

HERE = Path(__file__).parent
NSO = "NSO unit list via vietnamadminunits 1.0.4 dataset.db"
STREETS = ["12 Lê Lợi", "59 Nguyễn Sỹ Sách", "số 3 ngõ 47 Đội Cấn", "45/2 Trần Hưng Đạo", "ấp 3"]

# Hand-written cases from public sources (code examples, news articles, carrier docs).
CURATED = [
    (
        "59 nguyễn sỹ sách, p15, tan binh, hcm",
        "legacy",
        "79",
        "27007",
        "split",
        "shared/shipping-and-addresses.md B4 (vietnamadminunits README example)",
    ),
    (
        "phuong sai gon, tphcm",
        "2025",
        "79",
        "26740",
        "26740",
        "shared/shipping-and-addresses.md B4",
    ),
    (
        "12 Lê Lợi, P. Bến Nghé, Q1, HCM",
        "legacy",
        "79",
        "26740",
        "26740",
        "customers/addresses.py docstring; code reuse trap B1",
    ),
    (
        "đc: 45 Nguyễn Trãi, Thanh Xuân, Hà Nội",
        "2025",
        "01",
        "00367",
        "00367",
        "orders/livestream test fixtures (chat style)",
    ),
    (
        "so 3 ngo 47 doi can, ba dinh, ha noi",
        "legacy",
        "01",
        "00022",
        "split",
        "GHTK getAddressLevel4 doc example 'Ngõ 47 Đội Cấn'",
    ),
    (
        "Phường Bến Thành, Thành phố Hồ Chí Minh",
        "2025",
        "79",
        "26743",
        "26743",
        "vietnam-provinces Ward.search example (B4)",
    ),
]


def short_kind(kind: str, style: int) -> str:
    table = {
        "Phường": ["Phường", "P.", "p"],
        "Xã": ["Xã", "X.", "xa"],
        "Thị trấn": ["Thị trấn", "TT", "tt"],
        "Quận": ["Quận", "Q.", "q"],
        "Huyện": ["Huyện", "H.", "huyen"],
        "Thị xã": ["Thị xã", "TX", "tx"],
        "Thành phố": ["Thành phố", "TP", "tp"],
    }
    return table.get(kind, [kind] * 3)[style]


def unit(name: str, short: str, style: int) -> str:
    kind = name[: len(name) - len(short)].strip()
    if style == 0:
        return name
    if short.isdigit():
        return (
            f"{short_kind(kind, style)}{short}"
            if style == 2
            else f"{short_kind(kind, style)} {short}"
        )
    return f"{short_kind(kind, style)} {short}"


def province_text(name: str, short: str, style: int) -> str:
    if style == 0:
        return name
    special = {"Hồ Chí Minh": ["", "TP.HCM", "tphcm"], "Hà Nội": ["", "HN", "ha noi"]}
    if short in special:
        return special[short][style]
    return short


def main() -> None:
    data = load()
    rnd = random.Random(2025)
    prov = {(p.scheme, p.code): p for p in data.provinces}
    new_wards = [w for w in data.wards if w.scheme == SCHEME_2025]
    old_wards = [w for w in data.wards if w.scheme == SCHEME_LEGACY]
    edges: dict[str, list[str]] = {}
    for t in data.transitions:
        edges.setdefault(t.legacy_code, []).append(t.new_code)
    rows = [list(c) for c in CURATED]
    for w in rnd.sample(new_wards, 160):
        style = rnd.randrange(3)
        p = prov[(SCHEME_2025, w.province_code)]
        text = ", ".join(
            [
                rnd.choice(STREETS),
                unit(w.name, w.short_name, style),
                province_text(p.name, p.short_name, style),
            ]
        )
        if style == 2:
            text = fold(text)
        rows.append([text, "2025", w.province_code, w.code, w.code, f"{NSO}; chat style {style}"])
    split = [w for w in old_wards if len(edges.get(w.code, [])) > 1]
    for w in rnd.sample(old_wards, 240) + rnd.sample(split, 40):
        style = rnd.randrange(3)
        p = prov[(SCHEME_LEGACY, w.province_code)]
        district_short = re.sub(
            r"^(Quận|Huyện|Thị xã|Thành phố|Thị Xã)\s+", "", w.district_name or ""
        )
        text = ", ".join(
            [
                rnd.choice(STREETS),
                unit(w.name, w.short_name, style),
                unit(w.district_name or "", district_short, style),
                province_text(p.name, p.short_name, style),
            ]
        )
        if style == 2:
            text = fold(text)
        targets = edges.get(w.code, [])
        expected_new = targets[0] if len(targets) == 1 else "split"
        rows.append(
            [text, "legacy", w.province_code, w.code, expected_new, f"{NSO}; chat style {style}"]
        )
    with (HERE / "cases.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["text", "scheme", "province_code", "ward_code", "new_ward_code", "source"])
        writer.writerows(rows)


if __name__ == "__main__":
    main()
