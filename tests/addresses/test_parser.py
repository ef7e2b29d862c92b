"""Parsing and legacy → 2025 conversion over `cases.csv` (addresses as customers write them,
with their sources; regenerate with make_cases.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from chotdon.addresses.parser import choose_ward, from_codes, legacy_to_2025, parse_address

CASES = list(csv.DictReader((Path(__file__).parent / "cases.csv").open(encoding="utf-8")))


def test_the_case_file_is_large_and_covers_both_schemes() -> None:
    schemes = {c["scheme"] for c in CASES}
    assert len(CASES) >= 300 and schemes == {"2025", "legacy"}
    assert sum(c["new_ward_code"] == "split" for c in CASES) >= 20
    assert all(c["source"] for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_address_is_read_in_its_scheme_and_converted(case: dict[str, str]) -> None:
    parsed = parse_address(case["text"])
    assert (parsed.scheme, parsed.province_code, parsed.ward_code) == (
        case["scheme"],
        case["province_code"],
        case["ward_code"],
    )
    if case["new_ward_code"] == "split":
        # a split ward is never guessed: staff pick among the candidates
        assert parsed.needs_ward_choice and parsed.new_ward_code is None
        assert len(parsed.ward_choices) >= 2
        assert parsed.new_province_code
    else:
        assert parsed.new_ward_code == case["new_ward_code"]
        assert not parsed.needs_ward_choice
    if case["scheme"] == "2025":
        assert parsed.district is None


@pytest.mark.parametrize(
    "text",
    # Whether a chat line is an address at all is decided before (customers/addresses.py
    # find_address): the library reads "2 cái áo đỏ" as a ward of Gia Lai.
    ["", "   ", "abc xyz", "ok shop ơi"],
)
def test_text_without_a_place_is_not_an_address(text: str) -> None:
    assert parse_address(text).scheme is None


def test_a_province_that_no_longer_exists_is_legacy_and_maps_to_its_2025_province() -> None:
    parsed = parse_address("Bình Dương")
    assert (parsed.scheme, parsed.province_code, parsed.new_province_code) == ("legacy", "74", "79")


def test_code_reuse_is_kept_apart_by_scheme() -> None:
    # 26740 is Phường Bến Nghé (legacy) and Phường Sài Gòn (2025)
    old = parse_address("P. Bến Nghé, Q1, HCM")
    new = parse_address("Phường Sài Gòn, TP.HCM")
    assert old.ward == "Phường Bến Nghé" and new.ward == "Phường Sài Gòn"
    assert old.new_ward == "Phường Sài Gòn"


def test_staff_choose_among_a_split_wards_candidates() -> None:
    parsed = parse_address("59 nguyễn sỹ sách, p15, tan binh, hcm")
    assert {c.name for c in parsed.ward_choices} == {"Phường Tân Bình", "Phường Tân Sơn"}
    chosen = choose_ward(parsed, "27004")
    assert chosen.new_ward == "Phường Tân Bình" and not chosen.needs_ward_choice
    assert chosen.new_address() == "59 Nguyễn Sỹ Sách, Phường Tân Bình, Thành phố Hồ Chí Minh"
    with pytest.raises(ValueError):
        choose_ward(parsed, "00004")


@pytest.mark.parametrize(
    ("legacy_code", "new_codes"),
    [("26740", {"26740"}), ("27007", {"27004", "27007"}), ("00022", {"00004", "00008"})],
)
def test_legacy_ward_successors(legacy_code: str, new_codes: set[str]) -> None:
    assert {c.code for c in legacy_to_2025(legacy_code)} == new_codes


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:40])
def test_an_address_stored_as_codes_reads_back_as_parsed(case: dict[str, str]) -> None:
    """What an order stores (scheme, codes, street) gives back the same address and 2025 form
    without the text: shipping never parses again."""
    parsed = parse_address(case["text"])
    again = from_codes(parsed.scheme, parsed.province_code, parsed.ward_code, parsed.street)
    assert again == parsed


@pytest.mark.parametrize(
    ("scheme", "province", "ward", "field"),
    [
        ("2025", "99", None, "province_code"),  # no such province
        ("2025", None, None, "province_code"),  # nothing at all
        ("2025", "79", "00004", "ward_code"),  # a Hà Nội ward under Hồ Chí Minh
        ("2025", None, "26746", "ward_code"),  # a legacy-only ward (Nguyễn Thái Bình)
        ("legacy", "79", "99999", "ward_code"),
    ],
)
def test_codes_that_do_not_exist_in_the_scheme_are_refused(scheme, province, ward, field) -> None:
    with pytest.raises(ValueError, match=field):
        from_codes(scheme, province, ward)
