"""The confirmation bot: a private reply summarising the order, and the customer's answer.

Pure parts (template rendering, understanding an answer) are plain functions; `reserve_slot`
keeps Facebook's per-page hourly cap on private replies with one atomic Redis script, so that
many workers never send more than the cap between them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from chotdon.core.errors import ValidationFailed
from chotdon.core.text import fold, fold_words
from chotdon.customers.phones import display_phone
from chotdon.livestream.parser import extract_phones
from chotdon.orders.totals import format_vnd

PRIVATE_REPLY_HOURLY_CAP = 550
CONFIRM_PAYLOAD_PREFIX = "CHOTDON_LIVE_CONFIRM:"
MAX_MESSAGE_CHARS = 2000

DEFAULT_TEMPLATE = """Chào {customer_name} ❤️
{page_name} đã nhận đơn {code} của bạn từ livestream "{livestream}":
{items}
Tạm tính: {total}
{missing}
Bạn trả lời "OK" hoặc bấm "Xác nhận" để chốt đơn nhé!"""

# A comment that ordered without a phone number and without one given earlier: no order yet.
WAITING_TEMPLATE = """Chào {customer_name} ❤️
{page_name} đã nhận bình luận đặt {items} của bạn trong livestream "{livestream}".
{missing}"""

PLACEHOLDERS = ("customer_name", "page_name", "livestream", "code", "items", "total", "missing")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")

_MISSING_LABELS = {
    "phone": "số điện thoại nhận hàng",
    "address": "địa chỉ nhận hàng (số nhà, đường, phường/xã, quận/huyện, tỉnh/thành)",
    "variant": "size/màu bạn chọn",
}


def check_template(template: str) -> None:
    """422 on a placeholder the bot cannot fill (a typo would reach every customer)."""
    unknown = sorted({m for m in _PLACEHOLDER.findall(template) if m not in PLACEHOLDERS})
    if unknown:
        raise ValidationFailed(
            f"Unknown placeholder {{{unknown[0]}}}",
            details=[
                {
                    "field": "bot_template",
                    "message": f"unknown placeholders {unknown}; use {list(PLACEHOLDERS)}",
                }
            ],
        )


def missing_sentence(missing: Sequence[str]) -> str:
    """'Bạn gửi giúp shop số điện thoại và địa chỉ nhận hàng nhé.' or ''."""
    labels = [_MISSING_LABELS[m] for m in missing if m in _MISSING_LABELS]
    if not labels:
        return "Shop đã có đủ thông tin giao hàng của bạn."
    if len(labels) == 1:
        joined = labels[0]
    else:
        joined = ", ".join(labels[:-1]) + " và " + labels[-1]
    return f"Bạn gửi giúp shop {joined} nhé."


VARIANT_PENDING = "cần chọn phân loại"


def item_lines(lines: Sequence[tuple[str, int, int]]) -> str:
    """(name, quantity, unit_price) -> '- Áo thun - M / Đỏ x2: 300.000đ' lines."""
    return "\n".join(
        f"- {name} x{qty}: {format_vnd(qty * price)}" if price else f"- {name} x{qty}"
        for name, qty, price in lines
    )


def render(template: str | None, values: Mapping[str, str]) -> str:
    """Fill the placeholders; the result fits in one Messenger message."""
    text = _PLACEHOLDER.sub(
        lambda m: values.get(m.group(1), m.group(0)) if m.group(1) in PLACEHOLDERS else m.group(0),
        template or DEFAULT_TEMPLATE,
    )
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text[:MAX_MESSAGE_CHARS]


def phone_for_display(e164: str | None) -> str:
    return display_phone(e164) if e164 else ""


# --------------------------------------------------------------------------- answers

_CONFIRM_PHRASES = (
    ("ok",),
    ("oke",),
    ("okie",),
    ("oki",),
    ("okay",),
    ("okela",),
    ("dong", "y"),
    ("xac", "nhan"),
    ("chot",),
    ("confirm",),
    ("dung", "roi"),
)
_NEGATIONS = frozenset({"khong", "ko", "k", "chua", "hong", "dung"})
_ADDRESS_LABEL = re.compile(
    r"^\s*(?:đ/c|d/c|địa\s*chỉ|dia\s*chi|đc|dc|add?ress|giao\s*(?:về|ve|tới|toi|đến|den))\s*[:\-]?\s*",
    re.IGNORECASE,
)
_ADDRESS_MARKERS = frozenset(
    "duong pho ngo hem kiet ngach phuong xa quan huyen tp tinh thon ap khu kp tx tt "
    "chung cu toa to so nha dia chi thanh".split()
)
_STRONG_ADDRESS_MARKERS = frozenset(
    "phuong xa quan huyen tp tinh thon ap thanh duong pho ngo hem kiet".split()
)


@dataclass(frozen=True, slots=True)
class Answer:
    confirm: bool = False
    address: str | None = None
    phone: str | None = None
    order_id: int | None = None  # from a confirm button payload


def understand_answer(text: str | None, payload: str | None = None) -> Answer:
    """What a customer's Messenger reply to the bot says: confirm, an address, a phone."""
    order_id = None
    confirm = False
    if payload and payload.startswith(CONFIRM_PAYLOAD_PREFIX):
        confirm = True
        tail = payload[len(CONFIRM_PAYLOAD_PREFIX) :]
        order_id = int(tail) if tail.isdigit() else None
    if not text:
        return Answer(confirm=confirm, order_id=order_id)
    phones, masked, _invalid = extract_phones(text[:2000], "VN")
    masked = masked.replace("\x00", " ")
    words = fold_words(masked)
    if not confirm:
        confirm = _says_confirm(words)
    address = _address_in(masked, words)
    return Answer(
        confirm=confirm, address=address, phone=phones[0] if phones else None, order_id=order_id
    )


def _says_confirm(words: list[str]) -> bool:
    for k in range(len(words)):
        for phrase in _CONFIRM_PHRASES:
            if tuple(words[k : k + len(phrase)]) == phrase:
                if k > 0 and words[k - 1] in _NEGATIONS:
                    continue
                return True
    return False


def _address_in(masked: str, words: list[str]) -> str | None:
    labelled = _ADDRESS_LABEL.search(masked)
    # Cut a leading "ok," / "xác nhận," so that "ok, 12 Lê Lợi, Q1" gives the address alone.
    candidate = masked
    for _ in range(3):
        head = fold(candidate.split(",", 1)[0].split(".", 1)[0]).strip()
        if "," in candidate and head and _says_confirm(head.split()) and len(head.split()) <= 3:
            candidate = candidate.split(",", 1)[1]
        else:
            break
    label = _ADDRESS_LABEL.search(candidate)
    if label is not None:
        candidate = candidate[label.end() :]
    folded = set(words)
    looks_like = labelled is not None or (
        len(words) >= 4
        and bool(folded & _STRONG_ADDRESS_MARKERS)
        and (any(w.isdigit() for w in words) or len(folded & _ADDRESS_MARKERS) >= 2)
    )
    if not looks_like:
        return None
    cleaned = re.sub(r"\s+", " ", candidate).strip(" ,.-:;")
    cleaned = re.sub(r"(?i)^(?:sđt|sdt)\s*[:\-]?\s*", "", cleaned).strip(" ,.-:;")
    return cleaned[:2000] or None


# --------------------------------------------------------------------------- hourly cap

_RESERVE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then
  return {1, tostring(redis.call('ZCARD', KEYS[1]))}
end
local n = redis.call('ZCARD', KEYS[1])
if n >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tostring(oldest[2])}
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]) + 60)
return {1, tostring(n + 1)}
"""
WINDOW_SECONDS = 3600


def _cap_key(channel_id: int) -> str:
    return f"chotdon:live:private-replies:{channel_id}"


async def reserve_slot(channel_id: int, cap: int, member: str) -> float | None:
    """Take one of the page's private replies of the last hour: None when taken, else the
    number of seconds until a slot frees (the caller defers). Idempotent per `member`."""
    from chotdon.core.redis import get_redis

    now = time.time()
    allowed, value = await get_redis().eval(  # type: ignore[misc]
        _RESERVE, 1, _cap_key(channel_id), str(now), str(WINDOW_SECONDS), str(cap), member
    )
    if int(allowed) == 1:
        return None
    oldest = float(value)
    return max(1.0, oldest + WINDOW_SECONDS - now + 1)


async def release_slot(channel_id: int, member: str) -> None:
    from chotdon.core.redis import get_redis

    await get_redis().zrem(_cap_key(channel_id), member)


async def slots_used(channel_id: int) -> int:
    from chotdon.core.redis import get_redis

    redis = get_redis()
    key = _cap_key(channel_id)
    await redis.zremrangebyscore(key, "-inf", time.time() - WINDOW_SECONDS)
    return int(await redis.zcard(key))


def hourly_cap(channel_settings: Mapping[str, object] | None) -> int:
    value = (channel_settings or {}).get("private_reply_hourly_cap")
    if isinstance(value, int) and value > 0:
        return value
    return PRIVATE_REPLY_HOURLY_CAP
