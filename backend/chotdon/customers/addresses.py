"""Find a delivery address in a customer's message: "đc: 12 Lê Lợi, P. Bến Nghé, Q1, HCM".

Pure functions, no I/O. A heuristic on purpose: it only has to prefill the order form, where
staff check it. It takes a line that either starts with an address label ("địa chỉ", "đc",
"d/c") or carries at least two administrative words (phường / xã / quận / huyện / tỉnh / TP...)
or one of them plus a province name, removes phone numbers from it, and reads the province,
district and ward when they are written out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from chotdon.addresses import dataset
from chotdon.core.text import fold
from chotdon.customers.phones import find_phones

# Short forms customers type that are not in the official list's aliases. Value: display name.
_CHAT_SHORT_FORMS: dict[str, str] = {
    "tphcm": "Hồ Chí Minh",
    "tp hcm": "Hồ Chí Minh",
    "sai gon": "Hồ Chí Minh",
    "sg": "Hồ Chí Minh",
    "vung tau": "Bà Rịa - Vũng Tàu",
    "ba ria vung tau": "Bà Rịa - Vũng Tàu",
    "dac lac": "Đắk Lắk",
    "thua thien hue": "Huế",
}


@cache
def _province_names() -> dict[str, str]:
    """Folded province names of both schemes (official list, addresses/dataset.py) → display
    name; the 63 legacy provinces are still what people write."""
    names: dict[str, str] = {}
    for _code, name, short, aliases in dataset.province_names():
        for key in (short, name, *aliases):
            names.setdefault(fold(key), short)
    return names | _CHAT_SHORT_FORMS


# "địa chỉ ..." anywhere in a line; the short forms only with a colon ("đc" also means "được").
_LABEL = re.compile(
    r"(?:^|(?<=[\s,;.]))(?:(?:địa\s*chỉ|dia\s*chi)(?:\s*nhận(?:\s*hàng)?)?\s*[:\-]?"
    r"|(?:đ/c|d/c)\s*[:\-]?|(?:đc|dc)\s*:)\s*",
    re.IGNORECASE,
)
_ADMIN_WORDS = re.compile(
    r"\b(?:phuong|xa|quan|huyen|tinh|thanh pho|tp|thi xa|thi tran|duong|ngo|hem|kiet|"
    r"thon|ap|to dan pho|khu pho|p|q)\b\.?\s*\w",
)
_WARD = re.compile(
    r"(?:^|[\s,])(?:phường|phuong|xã|xa|thị trấn|thi tran|p)(?:\.|\s)\s*([\w ]+?)\s*(?:,|-|$)",
    re.IGNORECASE,
)
_DISTRICT = re.compile(
    r"(?:^|[\s,])(?:quận|quan|huyện|huyen|thị xã|thi xa|q)(?:\.|\s)?\s*([\w ]+?)\s*(?:,|-|$)",
    re.IGNORECASE,
)
_MIN_LENGTH = 10


@dataclass(frozen=True, slots=True)
class FoundAddress:
    text: str
    province: str | None = None
    district: str | None = None
    ward: str | None = None


def find_province(text: str | None) -> str | None:
    """The province named in `text` ("tp hcm", "Hà Nội", "Đà Nẵng"...), last one wins."""
    names = _province_names()
    words = fold(text).replace(".", " ").replace(",", " ").replace("-", " ").split()
    found: tuple[int, str] | None = None
    for size in (4, 3, 2, 1):
        for start in range(len(words) - size + 1):
            key = " ".join(words[start : start + size])
            if key in names and (found is None or start > found[0]):
                found = (start, names[key])
    return found[1] if found else None


def _strip_phones(line: str) -> str:
    for phone in sorted(find_phones(line), key=lambda p: -p.start):
        line = line[: phone.start] + line[phone.end :]
    line = re.sub(r"(?i)\b(?:sđt|sdt|số điện thoại|so dien thoai|đt|dt)\s*[:\-]?\s*$", "", line)
    line = re.sub(r"(?i)\b(?:sđt|sdt|đt)\s*[:\-]?\s*(?=,|$)", "", line)
    return re.sub(r"\s{2,}", " ", line).strip(" ,;.-:\t")


def _title(value: str) -> str:
    value = value.strip()
    return value[:1].upper() + value[1:] if value else value


def _looks_like_address(line: str, min_markers: int) -> bool:
    """At least `min_markers` administrative words, or one plus a province name."""
    markers = len(_ADMIN_WORDS.findall(fold(line)))
    return markers >= min_markers or (markers >= 1 and find_province(line) is not None)


_HOUSE_NUMBER = re.compile(r"(?:^|[\s,])(?:số\s*)?\d+[a-zA-Z]?(?:/\d+)*\s+(\w)", re.IGNORECASE)


def _street_and_province(line: str) -> bool:
    """ "45 Nguyễn Trãi, Thanh Xuân, Hà Nội": a house number before a capitalised street name,
    comma-separated parts, and a province at the end ("2 cái, 1 đỏ, ship hà nội" is not)."""
    stripped = _strip_phones(line)
    if stripped.count(",") < 2:
        return False
    if not any(m.group(1).isupper() for m in _HOUSE_NUMBER.finditer(stripped)):
        return False
    return find_province(stripped.split(",")[-1]) is not None


def _numbered(kind: str, value: str) -> str:
    """District/ward numbers read better with their kind: "Q1" -> "Quận 1"."""
    value = _title(value)
    return f"{kind} {value}" if value.isdigit() else value


def find_address(text: str | None) -> FoundAddress | None:
    """The first line of `text` that reads like a delivery address, or None."""
    if not text:
        return None
    for raw_line in text[:2000].splitlines():
        line = raw_line.strip()
        if not line:
            continue
        labelled = _LABEL.search(line)
        if labelled:
            candidate = line[labelled.end() :]
            if not (re.search(r"\d", candidate) or _looks_like_address(candidate, 1)):
                continue
        elif _looks_like_address(line, 2) or _street_and_province(line):
            candidate = line
        else:
            continue
        candidate = _strip_phones(candidate)
        if len(candidate) < _MIN_LENGTH or not re.search(r"\w", candidate):
            continue
        candidate = unicodedata.normalize("NFC", candidate)
        ward = _WARD.search(candidate)
        district = _DISTRICT.search(candidate)
        return FoundAddress(
            text=candidate[:500],
            province=find_province(candidate),
            district=_numbered("Quận", district.group(1)) if district else None,
            ward=_numbered("Phường", ward.group(1)) if ward else None,
        )
    return None
