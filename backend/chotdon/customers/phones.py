"""Find Vietnamese phone numbers in free text (chat messages, comments) as E.164.

Pure functions, no I/O. Built on Google's libphonenumber (`phonenumbers`), region VN, so
"0912.345.678", "0912 345 678", "+84 912 345 678" and "84912345678" all give +84912345678,
while prices ("150k"), sizes ("39"), product codes ("A010") and 1900 hotlines do not match.

`find_phones` is the one phone finder: the inbox (`has_phone`, the customer's phones) and the
livestream parser both use it, so a number one of them sees the other sees too.
"""

from __future__ import annotations

import functools
import re
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


# Digit runs with the separators people type inside phone numbers: 0912 345 678, 0912.345.678;
# also glued to "sdt"/"sodt" ("sdt0912345678").
DIGIT_RUN = re.compile(
    r"(?:(?<!\w)|(?<=[sS][dDđĐ][tT])|(?<=[sS][oO][dD][tT]))\+?\d(?:[\s.\-]{0,2}\d)*"
)
_DIGIT_GROUP = re.compile(r"\d+")


@functools.lru_cache(maxsize=4096)
def _find_phones(text: str, region: str) -> tuple[FoundPhone, ...]:
    # Cached: ingestion reads the same message for phones, then for an address, then for
    # an automatic order; the matcher is the costly part of all three.
    found: list[FoundPhone] = []
    for match in PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
        if phonenumbers.number_type(match.number) not in _CUSTOMER_TYPES:
            continue
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        found.append(FoundPhone(e164, match.raw_string, match.start, match.end))
    found += _in_digit_runs(text, [(f.start, f.end) for f in found], region)
    seen: set[str] = set()
    ordered: list[FoundPhone] = []
    for phone in sorted(found, key=lambda f: f.start):
        if phone.e164 not in seen:
            seen.add(phone.e164)
            ordered.append(phone)
    return tuple(ordered)


def _in_digit_runs(original: str, taken: list[tuple[int, int]], region: str) -> list[FoundPhone]:
    """libphonenumber gives up on a run such as "size 39 0912 345 678" or "A02 2 098 765 4321":
    try each digit group of such a run (outside the numbers it found) as a number's start."""
    text = original
    found: list[FoundPhone] = []
    for start, end in taken:  # same length: positions stay those of `text`
        text = text[:start] + "\x00" * (end - start) + text[end:]
    for run in DIGIT_RUN.finditer(text):
        groups = list(_DIGIT_GROUP.finditer(run.group()))
        if sum(len(g.group()) for g in groups) < 9:
            continue
        g = 0
        while g < len(groups):
            number = _number_from_groups(run.group(), groups, g, region)
            if number is None:
                g += 1
                continue
            e164, last = number
            start = run.start() + groups[g].start()
            if start > 0 and text[start - 1] == "+":
                start -= 1
            end = run.start() + groups[last].end()
            found.append(FoundPhone(e164, original[start:end], start, end))
            g = last + 1
    return found


def _number_from_groups(
    run: str, groups: list[re.Match[str]], first: int, region: str
) -> tuple[str, int] | None:
    """The longest valid customer number made of groups[first:last+1], with its last group."""
    digits = ""
    best: tuple[str, int] | None = None
    for last in range(first, len(groups)):
        digits += groups[last].group()
        if len(digits) > 13:
            break
        if len(digits) < 9 or not (digits.startswith(("0", "84")) or "+" in run):
            continue
        e164 = normalize_phone(digits, region)
        if e164 is not None and not e164.startswith("+841"):  # 1800/1900 service numbers
            best = (e164, last)
    return best


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
