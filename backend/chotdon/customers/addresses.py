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

from chotdon.core.text import fold
from chotdon.customers.phones import find_phones

# Folded province names (63 provinces before the 2025 merger, still what people write) and
# the short forms customers type. Value: the display name.
PROVINCES: dict[str, str] = {
    "ha noi": "Hà Nội",
    "hn": "Hà Nội",
    "ho chi minh": "Hồ Chí Minh",
    "hcm": "Hồ Chí Minh",
    "tphcm": "Hồ Chí Minh",
    "sai gon": "Hồ Chí Minh",
    "sg": "Hồ Chí Minh",
    "hai phong": "Hải Phòng",
    "da nang": "Đà Nẵng",
    "can tho": "Cần Thơ",
    "an giang": "An Giang",
    "ba ria vung tau": "Bà Rịa - Vũng Tàu",
    "vung tau": "Bà Rịa - Vũng Tàu",
    "bac giang": "Bắc Giang",
    "bac kan": "Bắc Kạn",
    "bac lieu": "Bạc Liêu",
    "bac ninh": "Bắc Ninh",
    "ben tre": "Bến Tre",
    "binh dinh": "Bình Định",
    "binh duong": "Bình Dương",
    "binh phuoc": "Bình Phước",
    "binh thuan": "Bình Thuận",
    "ca mau": "Cà Mau",
    "cao bang": "Cao Bằng",
    "dak lak": "Đắk Lắk",
    "dac lac": "Đắk Lắk",
    "dak nong": "Đắk Nông",
    "dien bien": "Điện Biên",
    "dong nai": "Đồng Nai",
    "dong thap": "Đồng Tháp",
    "gia lai": "Gia Lai",
    "ha giang": "Hà Giang",
    "ha nam": "Hà Nam",
    "ha tinh": "Hà Tĩnh",
    "hai duong": "Hải Dương",
    "hau giang": "Hậu Giang",
    "hoa binh": "Hòa Bình",
    "hung yen": "Hưng Yên",
    "khanh hoa": "Khánh Hòa",
    "kien giang": "Kiên Giang",
    "kon tum": "Kon Tum",
    "lai chau": "Lai Châu",
    "lam dong": "Lâm Đồng",
    "lang son": "Lạng Sơn",
    "lao cai": "Lào Cai",
    "long an": "Long An",
    "nam dinh": "Nam Định",
    "nghe an": "Nghệ An",
    "ninh binh": "Ninh Bình",
    "ninh thuan": "Ninh Thuận",
    "phu tho": "Phú Thọ",
    "phu yen": "Phú Yên",
    "quang binh": "Quảng Bình",
    "quang nam": "Quảng Nam",
    "quang ngai": "Quảng Ngãi",
    "quang ninh": "Quảng Ninh",
    "quang tri": "Quảng Trị",
    "soc trang": "Sóc Trăng",
    "son la": "Sơn La",
    "tay ninh": "Tây Ninh",
    "thai binh": "Thái Bình",
    "thai nguyen": "Thái Nguyên",
    "thanh hoa": "Thanh Hóa",
    "thua thien hue": "Thừa Thiên Huế",
    "hue": "Thừa Thiên Huế",
    "tien giang": "Tiền Giang",
    "tra vinh": "Trà Vinh",
    "tuyen quang": "Tuyên Quang",
    "vinh long": "Vĩnh Long",
    "vinh phuc": "Vĩnh Phúc",
    "yen bai": "Yên Bái",
}

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
    words = fold(text).replace(".", " ").replace(",", " ").replace("-", " ").split()
    found: tuple[int, str] | None = None
    for size in (4, 3, 2, 1):
        for start in range(len(words) - size + 1):
            key = " ".join(words[start : start + size])
            if key in PROVINCES and (found is None or start > found[0]):
                found = (start, PROVINCES[key])
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
