"""Read a delivery address out of chat text, in the 2025 scheme or the legacy one, and give its
2025 equivalent.

"59 nguyễn sỹ sách, p15, tan binh, hcm" (legacy: Phường 15, Quận Tân Bình) → 2025 Phường Tân
Sơn; "phuong sai gon, tphcm" is already 2025. No I/O beyond the package's bundled data: its
network geocoder (used to settle split wards from the street) is never called. A legacy ward that
was split across several 2025 wards is not guessed: the candidates come back and staff choose.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from chotdon.addresses.dataset import SCHEME_2025, SCHEME_LEGACY, load


@dataclass(frozen=True, slots=True)
class WardChoice:
    code: str
    name: str
    is_default: bool = False


@dataclass(frozen=True, slots=True)
class ParsedAddress:
    """What the text says (in its own scheme) plus the 2025 form a carrier can be given."""

    scheme: str | None  # "2025" | "legacy" | None when no province was found
    street: str | None = None
    province_code: str | None = None
    province: str | None = None
    district_code: str | None = None  # legacy only
    district: str | None = None
    ward_code: str | None = None
    ward: str | None = None
    # The 2025 form: equal to the above for a 2025 address.
    new_province_code: str | None = None
    new_province: str | None = None
    new_ward_code: str | None = None
    new_ward: str | None = None
    # A split legacy ward: every 2025 ward it went to; new_ward_* stay empty until one is chosen.
    ward_choices: tuple[WardChoice, ...] = field(default_factory=tuple)

    @property
    def needs_ward_choice(self) -> bool:
        return len(self.ward_choices) > 1 and self.new_ward_code is None

    def new_address(self) -> str:
        """The 2025 one-line form: street, ward, province."""
        parts = [self.street, self.new_ward, self.new_province]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class _Index:
    province_names: dict[tuple[str, str], str]
    ward_names: dict[tuple[str, str], str]
    transitions: dict[str, tuple[tuple[str, bool], ...]]  # legacy code → ((new, default), ...)
    new_province_of_legacy: dict[str, str]
    new_province_of_ward: dict[str, str]
    province_of_ward: dict[tuple[str, str], str]  # (scheme, ward code) → province code
    legacy_district_of_ward: dict[str, tuple[str, str]]  # legacy ward → (district code, name)


@cache
def _index() -> _Index:
    data = load()
    transitions: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for t in data.transitions:
        transitions[t.legacy_code].append((t.new_code, t.is_default))
    new_province_of_ward = {w.code: w.province_code for w in data.wards if w.scheme == SCHEME_2025}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for w in data.wards:
        if w.scheme == SCHEME_LEGACY:
            for new_code, _ in transitions.get(w.code, ()):
                votes[w.province_code][new_province_of_ward[new_code]] += 1
    return _Index(
        province_names={(p.scheme, p.code): p.name for p in data.provinces},
        ward_names={(w.scheme, w.code): w.name for w in data.wards},
        transitions={k: tuple(sorted(v)) for k, v in transitions.items()},
        new_province_of_legacy={k: v.most_common(1)[0][0] for k, v in votes.items()},
        new_province_of_ward=new_province_of_ward,
        province_of_ward={(w.scheme, w.code): w.province_code for w in data.wards},
        legacy_district_of_ward={
            w.code: (w.district_code or "", w.district_name or "")
            for w in data.wards
            if w.scheme == SCHEME_LEGACY
        },
    )


@cache
def _library() -> Any:
    # The converter would geocode a split ward's street through ArcGIS: never at run time.
    import vietnamadminunits.converter.converter_2025 as converter
    from vietnamadminunits import parser

    converter.get_geo_location = lambda _address: None
    return parser


def _parse(text: str, legacy: bool) -> Any:
    lib = _library()
    mode = lib.ParseMode.LEGACY if legacy else lib.ParseMode.FROM_2025
    try:
        return lib.parse_address(text, mode=mode, keep_street=True, level=3 if legacy else 2)
    except Exception:  # the library raises on some nonsense: nothing was found
        return None


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\n", ", ").strip(" ,;.")[:500]


def warm() -> None:
    """Load the package's data now (about 2 s), not in the first customer-facing request."""
    parse_address("59 Nguyễn Sỹ Sách, P. 15, Q. Tân Bình, TP.HCM")


def legacy_to_2025(legacy_ward_code: str) -> tuple[WardChoice, ...]:
    """The 2025 wards a legacy ward became: one for most, several for a split ward."""
    ix = _index()
    return tuple(
        WardChoice(code, ix.ward_names[(SCHEME_2025, code)], default)
        for code, default in ix.transitions.get(legacy_ward_code, ())
    )


def parse_address(text: str | None) -> ParsedAddress:
    """The administrative units named in `text` (with or without diacritics, abbreviations)."""
    if not text or not text.strip():
        return ParsedAddress(scheme=None)
    text = _clean(text)
    old = _parse(text, legacy=True)
    new = _parse(text, legacy=False)
    ix = _index()
    old_ok = old is not None and old.province_code
    new_ok = new is not None and new.province_code
    # Legacy when the text names a legacy district and ward, a province that no longer exists
    # ("Bình Dương"), or a legacy district where no 2025 ward is named.
    use_legacy = bool(old_ok) and (
        bool(old.ward_code and old.district_code)
        or (old.short_province != (new.short_province if new_ok else None))
        or (bool(old.district_code) and not (new_ok and new.ward_code))
    )
    if use_legacy:
        return _from_legacy(old, ix)
    if not new_ok:
        return ParsedAddress(scheme=None)
    return ParsedAddress(
        scheme=SCHEME_2025,
        street=new.street or None,
        province_code=new.province_code,
        province=new.province,
        ward_code=new.ward_code,
        ward=new.ward,
        new_province_code=new.province_code,
        new_province=new.province,
        new_ward_code=new.ward_code,
        new_ward=new.ward,
    )


def _from_legacy(old: Any, ix: _Index) -> ParsedAddress:
    choices = legacy_to_2025(old.ward_code) if old.ward_code else ()
    new_ward = choices[0] if len(choices) == 1 else None
    new_province_code: str | None
    if new_ward:
        new_province_code = ix.new_province_of_ward[new_ward.code]
    elif choices:
        new_province_code = ix.new_province_of_ward[choices[0].code]
    else:
        new_province_code = ix.new_province_of_legacy.get(old.province_code)
    return ParsedAddress(
        scheme=SCHEME_LEGACY,
        street=old.street or None,
        province_code=old.province_code,
        province=old.province,
        district_code=old.district_code,
        district=old.district,
        ward_code=old.ward_code,
        ward=old.ward,
        new_province_code=new_province_code,
        new_province=ix.province_names.get((SCHEME_2025, new_province_code or "")),
        new_ward_code=new_ward.code if new_ward else None,
        new_ward=new_ward.name if new_ward else None,
        ward_choices=choices if len(choices) > 1 else (),
    )


def from_codes(
    scheme: str, province_code: str | None, ward_code: str | None, street: str | None = None
) -> ParsedAddress:
    """An address stored as official codes, with its 2025 form (a split legacy ward comes back
    with its `ward_choices`, as parsing would). ValueError on a code that is not in `scheme`
    or a ward outside the province."""
    ix = _index()
    if ward_code:
        ward_province = ix.province_of_ward.get((scheme, ward_code))
        if ward_province is None:
            raise ValueError("ward_code")
        if province_code and province_code != ward_province:
            raise ValueError("ward_code")
        province_code = ward_province
    if not province_code or (scheme, province_code) not in ix.province_names:
        raise ValueError("province_code")
    street = street.strip() if street and street.strip() else None
    province = ix.province_names[(scheme, province_code)]
    ward = ix.ward_names[(scheme, ward_code)] if ward_code else None
    if scheme == SCHEME_2025:
        return ParsedAddress(
            scheme=SCHEME_2025,
            street=street,
            province_code=province_code,
            province=province,
            ward_code=ward_code,
            ward=ward,
            new_province_code=province_code,
            new_province=province,
            new_ward_code=ward_code,
            new_ward=ward,
        )
    district_code, district = ix.legacy_district_of_ward.get(ward_code or "", (None, None))
    written = _Written(street, province_code, province, district_code, district, ward_code, ward)
    return _from_legacy(written, ix)


@dataclass(frozen=True, slots=True)
class _Written:
    """A legacy address in the attribute names of the library's parse result."""

    street: str | None
    province_code: str
    province: str
    district_code: str | None
    district: str | None
    ward_code: str | None
    ward: str | None


def choose_ward(parsed: ParsedAddress, new_ward_code: str) -> ParsedAddress:
    """Staff's pick among a split ward's candidates (ValueError when it is not one of them)."""
    ix = _index()
    allowed = {c.code for c in parsed.ward_choices} or (
        {parsed.new_ward_code} if parsed.new_ward_code else set()
    )
    if new_ward_code not in allowed:
        raise ValueError(new_ward_code)
    return replace(
        parsed,
        new_ward_code=new_ward_code,
        new_ward=ix.ward_names[(SCHEME_2025, new_ward_code)],
        new_province_code=ix.new_province_of_ward[new_ward_code],
        new_province=ix.province_names[(SCHEME_2025, ix.new_province_of_ward[new_ward_code])],
    )
