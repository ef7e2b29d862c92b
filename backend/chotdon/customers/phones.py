"""Find Vietnamese phone numbers in free text (chat messages, comments) as E.164.

Pure functions, no I/O. Built on Google's libphonenumber (`phonenumbers`), region VN, so
"0912.345.678", "0912 345 678", "+84 912 345 678" and "84912345678" all give +84912345678,
while prices ("150k"), sizes ("39"), product codes ("A010") and 1900 hotlines do not match.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

# Numbers a customer could be called back on; 1900/1800 service numbers are not customers.
_CUSTOMER_TYPES = {
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


# The two digits after the leading 0 of Vietnamese mobile numbers (Viettel, Vinaphone, MobiFone,
# Vietnamobile, Gmobile...): what generated test and benchmark data draw from.
MOBILE_PREFIXES = (
    *("90", "91", "93", "94", "96", "97", "98"),
    *("32", "33", "34", "35", "36", "37", "38", "39"),
    *("70", "76", "77", "78", "79"),
    *("81", "82", "83", "84", "85", "86", "88", "89"),
    *("56", "58", "59"),
)


@dataclass(frozen=True, slots=True)
class FoundPhone:
    e164: str
    raw: str
    start: int
    end: int


def find_phones(text: str | None, region: str = "VN") -> list[FoundPhone]:
    """Every callable phone number in `text`, in order of appearance, without duplicates."""
    if not text:
        return []
    return list(_find_phones(text[:5000], region))


@functools.lru_cache(maxsize=4096)
def _find_phones(text: str, region: str) -> tuple[FoundPhone, ...]:
    # Cached: ingestion reads the same message for phones, then for an address, then for
    # an automatic order; the matcher is the costly part of all three.
    found: list[FoundPhone] = []
    seen: set[str] = set()
    for match in PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
        if phonenumbers.number_type(match.number) not in _CUSTOMER_TYPES:
            continue
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        if e164 in seen:
            continue
        seen.add(e164)
        found.append(FoundPhone(e164, match.raw_string, match.start, match.end))
    return tuple(found)


def normalize_phone(value: str | None, region: str = "VN") -> str | None:
    """One phone number typed by a person -> E.164, or None when it is not a valid number."""
    if not value:
        return None
    try:
        number = phonenumbers.parse(value.strip(), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """+84912345678 -> 0912 345 678 (how Vietnamese staff read numbers)."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
