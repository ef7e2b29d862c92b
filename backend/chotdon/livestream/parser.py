"""Understand one livestream comment: which keywords, how many, which variant, which phone.

A pure function with no I/O (`parse_live_comment`), the heart of livestream selling. Real
comments look like `A01 0912345678`, `a01 - 0912.345.678`, `chốt A01 size M màu đỏ 0912 345
678`, `A01 x2 +84 912 345 678`, `A01 A03 0912345678`, `mình lấy 2 cái A01 nha 0912345678`.

Rules:
- keywords match whole tokens, case- and diacritics-insensitive: `A01` never matches `A010`
  or `XA01` (a keyword glued to a quantity, `A01x2`, is understood);
- quantity from `x2`, `x 2`, `*2`, `sl 2`, `sl:2`, `số lượng 2`, `2 cái` / `2c` / `hai cái`, or a
  bare small number right after the keyword; default 1;
- variant words (size, colour, with or without diacritics) resolved against the variants of
  the keyword's product; several matching equally well is "ambiguous", none is "missing";
- the phone number may be anywhere (E.164, region VN) and is masked out before quantities are
  read, so its digits never become a quantity, a size or a keyword;
- several keywords give several items; the result also says what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from chotdon.core.text import fold, fold_words
from chotdon.customers.phones import DIGIT_RUN, find_phones

MAX_QUANTITY = 99
# A bare number after a keyword ("A01 2") is a quantity only when small: "A01 39" is a size
# and "A01 150" a price.
MAX_BARE_QUANTITY = 20

_CLASSIFIERS = frozenset(
    "cai chiec bo doi sp san c hop set cuon lo chai tui goi qua con cay ly coc hu phan suat "
    "mon thung bich".split()
)
_QUANTITY_LABELS = frozenset({"sl", "slg", "sluong", "soluong", "qty"})
_NUMBER_WORDS = {
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
}
# Words after a number that make it a price, a measure or a size rather than a quantity.
_UNITS = frozenset(
    "k d dong vnd vnđ cm kg g gr ml l tr trieu nghin ngan xu tuoi thang nam ngay h gio".split()
)
_SIZE_LABELS = frozenset({"size", "sz", "sai", "co", "so", "s"})
# Words that label a variant value rather than name it: "Size M", "Màu đỏ", "Cỡ 39".
_VALUE_LABELS = frozenset({"size", "sz", "sai", "co", "mau", "color", "colour", "kich", "thuoc"})
_BUY_VERBS = frozenset({"lay", "chot", "mua", "dat", "order", "book", "them", "gom"})

_QUESTION_PHRASES = (
    "bao nhieu",
    "bn",
    "gia sao",
    "gia the nao",
    "con khong",
    "con ko",
    "con k",
    "co khong",
    "co ko",
    "duoc khong",
    "dc ko",
    "dc k",
    "khong a",
    "ko a",
    "khong nhi",
    "the nao",
    "nhu nao",
    "ib gia",
    "inbox gia",
)
_CANCEL_PHRASES = (
    "huy don",
    "cho huy",
    "em huy",
    "minh huy",
    "khong lay",
    "ko lay",
    "k lay",
    "thoi khong",
    "bo don",
    "khong mua",
    "ko mua",
)

_TOKEN = re.compile(r"\w+", re.UNICODE)
_FUSED_X = re.compile(r"^x(\d{1,3})$")
_FUSED_SL = re.compile(r"^(?:sl|slg|qty)(\d{1,3})$")
_FUSED_CLASSIFIER = re.compile(r"^(\d{1,3})(cai|chiec|bo|doi|sp|c|hop|set)$")
_DIGIT_GROUP = re.compile(r"\d+")
_CODE = re.compile(r"^([a-z]+)(\d{1,4})$")
_PHONE_MARK = "\x00"


# --- configuration ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VariantChoice:
    """One variant of a keyword's product, with the words a customer may use for it."""

    sku: str
    name: str
    values: tuple[str, ...] = ()  # attribute values as typed by the shop: ("M", "Đỏ")
    id: int | None = None

    def folded_values(self) -> list[tuple[str, ...]]:
        """The words of each attribute value, without labels: "Size M" is ("m",), "Màu đỏ"
        ("do",), "M / Đỏ" [("m",), ("do",)]."""
        values = self.values or tuple(v for v in re.split(r"[/,|;+\-]+", self.name) if v.strip())
        out = []
        for value in values:
            words = tuple(fold_words(value))
            stripped = tuple(w for w in words if w not in _VALUE_LABELS)
            if stripped:
                out.append(stripped)
            elif words:
                out.append(words)
        return out


def distinguishing_values(
    variants: Sequence[VariantChoice],
) -> list[tuple[VariantChoice, list[tuple[str, ...]]]]:
    """Each variant with the words that tell it apart from its siblings: words every variant
    shares ("Áo thun M" / "Áo thun L") say nothing, so "A01 M" finds "Áo thun M"."""
    folded = [(v, v.folded_values()) for v in variants]
    if len(folded) < 2:
        return folded
    shared = set.intersection(*({w for value in values for w in value} for _v, values in folded))
    if not shared:
        return folded
    out = []
    for variant, values in folded:
        kept = [t for value in values if (t := tuple(w for w in value if w not in shared))]
        out.append((variant, kept))
    return out


@dataclass(frozen=True, slots=True)
class KeywordConfig:
    """A keyword on sale. `variants` are the choices when the keyword is a whole product with
    variants; empty when the keyword already names one variant or the product has none."""

    keyword: str
    key: Any = None  # the caller's id for it (LivestreamItem id)
    variants: tuple[VariantChoice, ...] = ()


@dataclass(frozen=True, slots=True)
class ParseOptions:
    # A bare phone number orders the only product on sale.
    phone_only_single_product: bool = False
    region: str = "VN"


@dataclass(slots=True)
class _CompiledKeyword:
    config: KeywordConfig
    words: tuple[str, ...]
    variant_values: list[tuple[VariantChoice, list[tuple[str, ...]]]]


class KeywordIndex:
    """Keywords prepared once per livestream configuration (parse thousands of comments)."""

    def __init__(self, keywords: Iterable[KeywordConfig]) -> None:
        self.keywords: list[_CompiledKeyword] = []
        self.by_first_word: dict[str, list[_CompiledKeyword]] = {}
        self.by_glued: dict[str, _CompiledKeyword] = {}
        # "A1" for "A01": letters and the number without its leading zeros -> keywords.
        self.by_loose: dict[tuple[str, int], list[_CompiledKeyword]] = {}
        for config in keywords:
            words = tuple(fold_words(config.keyword))
            if not words:
                continue
            compiled = _CompiledKeyword(config, words, distinguishing_values(config.variants))
            self.keywords.append(compiled)
            self.by_first_word.setdefault(words[0], []).append(compiled)
            # Longest keyword first, so "A01 B" wins over "A01" when both exist.
            self.by_first_word[words[0]].sort(key=lambda k: -len(k.words))
            self.by_glued.setdefault("".join(words), compiled)
            if len(words) == 1 and (m := _CODE.match(words[0])):
                self.by_loose.setdefault((m.group(1), int(m.group(2))), []).append(compiled)

    def loose(self, word: str) -> _CompiledKeyword | None:
        """The one keyword a code written without its leading zeros means ("a1" -> "A01"),
        None when there is no such keyword or several ("A01" and "A001")."""
        m = _CODE.match(word)
        if m is None or m.group(2).startswith("0"):
            return None
        found = [
            kw
            for kw in self.by_loose.get((m.group(1), int(m.group(2))), ())
            if len(kw.words[0]) > len(word)
        ]
        return found[0] if len(found) == 1 else None


# --- result ----------------------------------------------------------------------------------


@dataclass(slots=True)
class ParsedItem:
    keyword: str
    key: Any
    quantity: int = 1
    quantity_given: bool = False
    variant: VariantChoice | None = None
    # "resolved" | "missing" | "ambiguous" | "not_needed"
    variant_status: str = "not_needed"
    variant_words: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "keyword": self.keyword,
            "key": self.key,
            "quantity": self.quantity,
            "quantity_given": self.quantity_given,
            "variant_sku": self.variant.sku if self.variant else None,
            "variant_name": self.variant.name if self.variant else None,
            "variant_status": self.variant_status,
            "variant_words": self.variant_words,
        }


@dataclass(slots=True)
class ParsedComment:
    items: list[ParsedItem] = field(default_factory=list)
    phone: str | None = None  # E.164, the first one
    phones: list[str] = field(default_factory=list)
    # Digits that look like a phone number but are not a valid one ("091234567").
    invalid_phone: str | None = None
    is_question: bool = False
    is_cancel: bool = False
    phone_only: bool = False  # a bare phone ordering the only product (single-product mode)

    @property
    def missing(self) -> list[str]:
        """What an order still needs from the customer: keyword, phone, variant."""
        out = []
        if not self.items:
            out.append("keyword")
        if self.phone is None:
            out.append("phone")
        if any(i.variant_status in ("missing", "ambiguous") for i in self.items):
            out.append("variant")
        return out

    @property
    def is_order(self) -> bool:
        """Keywords that ask for goods (not a question without a phone, not a cancellation)."""
        if not self.items or self.is_cancel:
            return False
        return not (self.is_question and self.phone is None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": [i.as_dict() for i in self.items],
            "phone": self.phone,
            "phones": self.phones,
            "invalid_phone": self.invalid_phone,
            "is_question": self.is_question,
            "is_cancel": self.is_cancel,
            "phone_only": self.phone_only,
            "missing": self.missing,
            "is_order": self.is_order,
        }


# --- parsing ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Token:
    text: str  # folded
    start: int
    gap_before: str  # the raw characters between the previous token and this one
    used: bool = False

    @property
    def is_phone(self) -> bool:
        return self.text == _PHONE_MARK


def parse_live_comment(
    text: str | None,
    keywords: KeywordIndex | Sequence[KeywordConfig],
    options: ParseOptions | None = None,
) -> ParsedComment:
    """What a livestream comment orders, its phone number, and what is missing."""
    options = options or ParseOptions()
    index = keywords if isinstance(keywords, KeywordIndex) else KeywordIndex(keywords)
    result = ParsedComment()
    if not text:
        return result
    text = text[:2000]
    phones, masked, invalid = extract_phones(text, options.region)
    result.phones = phones
    result.phone = phones[0] if phones else None
    result.invalid_phone = invalid
    tokens = _tokenize(masked)
    folded_text = " ".join(t.text for t in tokens if not t.is_phone)
    result.is_question = "?" in masked or _is_question(folded_text)
    # "hủy A02" cancels; "anh Huy" at the end of a comment is a name.
    result.is_cancel = _has_phrase(folded_text, _CANCEL_PHRASES) or folded_text.startswith("huy ")

    # 1. keywords (whole tokens; a keyword glued to "x2" also counts)
    found: list[tuple[int, int, _CompiledKeyword, int | None]] = []  # start, end, kw, fused qty
    i = 0
    while i < len(tokens):
        match = _keyword_at(index, tokens, i)
        if match is not None:
            kw, end, fused_qty = match
            found.append((i, end, kw, fused_qty))
            for t in tokens[i:end]:
                t.used = True
            i = end
        else:
            i += 1

    if not found:
        if options.phone_only_single_product and result.phone and len(index.keywords) == 1:
            kw = index.keywords[0]
            item = ParsedItem(kw.config.keyword, kw.config.key)
            qty = _quantity_anywhere(tokens)
            if qty is not None:
                item.quantity, item.quantity_given = qty, True
            _resolve_variant(item, kw, [t for t in tokens if not t.used and not t.is_phone])
            result.items.append(item)
            result.phone_only = True
        return result

    # 2. quantities: a form just before a keyword ("2 cái A02") is that keyword's, otherwise
    # the first form after it ("A02 x2 A03": x2 is A02's, "2 cái A02 và 3 cái A03")
    items: list[ParsedItem] = []
    segments: list[list[_Token]] = []
    for n, (start, end, kw, fused_qty) in enumerate(found):
        limit = found[n + 1][0] if n + 1 < len(found) else len(tokens)
        floor = found[n - 1][1] if n > 0 else 0
        item = ParsedItem(kw.config.keyword, kw.config.key)
        qty = fused_qty
        if qty is None:
            qty = _quantity_before(tokens, start, floor)
        if qty is None:
            qty = _quantity_after(tokens, end, limit, kw)
        if qty is not None:
            item.quantity, item.quantity_given = qty, True
        items.append(item)
        segments.append([t for t in tokens[end:limit] if not t.is_phone])

    # 3. variants from the words after each keyword (or the whole comment for a single keyword)
    for n, (_start, _end, kw, _fused) in enumerate(found):
        words = [t for t in segments[n] if not t.used]
        _resolve_variant(items[n], kw, words)
        if not words and items[n].variant_status != "resolved":
            # "B01 A01 L": keywords side by side share the words that follow them.
            later = next(([t for t in seg if not t.used] for seg in segments[n + 1 :] if seg), [])
            if later:
                _resolve_variant(items[n], kw, later)
        if items[n].variant_status != "resolved" and kw.variant_values and len(found) == 1:
            everything = [t for t in tokens if not t.used and not t.is_phone]
            _resolve_variant(items[n], kw, everything)

    # 4. the same keyword (and variant) twice in one comment is one line
    merged: dict[tuple[Any, str, str | None], ParsedItem] = {}
    for item in items:
        key = (item.key, fold(item.keyword), item.variant.sku if item.variant else None)
        previous = merged.get(key)
        if previous is None:
            merged[key] = item
        elif item.quantity_given:
            if previous.quantity_given:
                previous.quantity = min(MAX_QUANTITY, previous.quantity + item.quantity)
            else:
                previous.quantity, previous.quantity_given = item.quantity, True
    result.items = list(merged.values())
    return result


_QUESTION_ENDINGS = frozenset({"khong", "ko", "k", "hong", "hok", "khum", "chua"})
_POLITE_TAIL = frozenset({"a", "shop", "oi", "nhi", "vay", "ha", "nhe", "em", "chi", "ban", "s"})


def _is_question(folded_text: str) -> bool:
    if _has_phrase(folded_text, _QUESTION_PHRASES):
        return True
    words = folded_text.split()
    while words and words[-1] in _POLITE_TAIL:
        words.pop()
    return bool(words) and words[-1] in _QUESTION_ENDINGS and len(words) > 1


def _has_phrase(folded_text: str, phrases: Iterable[str]) -> bool:
    padded = f" {folded_text} "
    return any(f" {p} " in padded for p in phrases)


def extract_phones(text: str, region: str) -> tuple[list[str], str, str | None]:
    """Valid phone numbers (E.164, by `customers.phones.find_phones`: the inbox's finder too),
    the text with them masked out, and a near-miss if any."""
    found = find_phones(text, region)
    masked = _mask(text, [(f.start, f.end) for f in found])
    invalid: str | None = None
    for run in DIGIT_RUN.finditer(masked):
        digits = "".join(_DIGIT_GROUP.findall(run.group()))
        if len(digits) >= 9 and digits.startswith(("0", "84")) and len(digits) <= 13:
            invalid = run.group().strip()
            break
    return [f.e164 for f in found], masked, invalid


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    out = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(f" {_PHONE_MARK} ")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    for chunk in re.finditer(rf"\w+|{_PHONE_MARK}", text):
        gap = text[pos : chunk.start()]
        pos = chunk.end()
        raw = chunk.group()
        folded = _PHONE_MARK if raw == _PHONE_MARK else "".join(fold_words(raw))
        if folded:
            tokens.append(_Token(folded, chunk.start(), gap))
    return tokens


def _keyword_at(
    index: KeywordIndex, tokens: list[_Token], i: int
) -> tuple[_CompiledKeyword, int, int | None] | None:
    word = tokens[i].text
    for kw in index.by_first_word.get(word, ()):
        end = i + len(kw.words)
        if end <= len(tokens) and all(
            tokens[i + k].text == kw.words[k] for k in range(1, len(kw.words))
        ):
            return kw, end, None
    glued = index.by_glued.get(word)
    if glued is not None:
        return glued, i + 1, None
    loose = index.loose(word)
    if loose is not None:
        return loose, i + 1, None
    # A keyword glued to its quantity: "a01x2", "a01*2" is two tokens and handled later.
    x = word.rfind("x")
    if x > 0:
        head, tail = word[:x], word[x + 1 :]
        fused = index.by_glued.get(head) or index.loose(head)
        if fused is not None and tail.isdigit() and 0 < int(tail) <= MAX_QUANTITY:
            return fused, i + 1, int(tail)
    return None


def _number(token: _Token) -> int | None:
    if token.text.isdigit() and len(token.text) <= 3:
        return int(token.text)
    return None


def _valid_qty(value: int | None) -> int | None:
    if value is None or not 0 < value <= MAX_QUANTITY:
        return None
    return value


def _quantity_form_at(tokens: list[_Token], j: int, limit: int) -> tuple[int, int] | None:
    """An explicit quantity form starting at token j: (quantity, tokens used)."""
    t = tokens[j]
    nxt = tokens[j + 1] if j + 1 < limit else None
    nxt2 = tokens[j + 2] if j + 2 < limit else None
    if m := _FUSED_X.match(t.text) or _FUSED_SL.match(t.text):
        return (q, 1) if (q := _valid_qty(int(m.group(1)))) else None
    if m := _FUSED_CLASSIFIER.match(t.text):
        return (q, 1) if (q := _valid_qty(int(m.group(1)))) else None
    if t.text == "x" and nxt is not None and (q := _valid_qty(_number(nxt))):
        return q, 2
    if t.text in _QUANTITY_LABELS and nxt is not None and (q := _valid_qty(_number(nxt))):
        return q, 2
    if t.text == "so" and nxt is not None and nxt.text == "luong" and nxt2 is not None:
        if q := _valid_qty(_number(nxt2)):
            return q, 3
    value = _number(t)
    if value is None:
        value = _NUMBER_WORDS.get(t.text)
        if value is None or nxt is None or nxt.text not in _CLASSIFIERS:
            return None
    if nxt is not None and nxt.text in _CLASSIFIERS and (q := _valid_qty(value)):
        return q, 2
    if ("*" in t.gap_before or "×" in t.gap_before) and (q := _valid_qty(value)):
        return q, 1
    return None


def _mark(tokens: list[_Token], j: int, used: int) -> None:
    for t in tokens[j : j + used]:
        t.used = True


def _quantity_after(tokens: list[_Token], end: int, limit: int, kw: _CompiledKeyword) -> int | None:
    variant_words = {w for _v, values in kw.variant_values for value in values for w in value}
    window_end = min(limit, end + 8)
    j = end
    while j < window_end:
        t = tokens[j]
        if t.is_phone or t.used:
            j += 1
            continue
        form = _quantity_form_at(tokens, j, limit)
        if form is not None:
            _mark(tokens, j, form[1])
            return form[0]
        j += 1
    # A bare small number: right after the keyword, or after a variant word ("A01 M 2"),
    # never after a size label ("A01 size 39") and never a variant value itself.
    for j in range(end, window_end):
        t = tokens[j]
        value = _number(t)
        if value is None or t.used or t.text in variant_words or not 0 < value <= MAX_BARE_QUANTITY:
            continue
        prev = tokens[j - 1]
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        if nxt is not None and nxt.text in _UNITS:
            continue
        if j == end or (prev.text in variant_words and prev.text not in _SIZE_LABELS):
            t.used = True
            return value
    return None


def _quantity_before(tokens: list[_Token], start: int, floor: int) -> int | None:
    """ "2 cái A01", "sl 2 A01", "x2 A01", "lấy 2 A01" just before the keyword."""
    for back in (1, 2, 3):
        j = start - back
        if j < floor:
            break
        if tokens[j].used or tokens[j].is_phone:
            continue
        form = _quantity_form_at(tokens, j, start)
        if form is not None and j + form[1] == start:
            _mark(tokens, j, form[1])
            return form[0]
    j = start - 1
    if j - 1 >= floor and not tokens[j].used:
        value = _valid_qty(_number(tokens[j]))
        if value is not None and value <= MAX_BARE_QUANTITY and tokens[j - 1].text in _BUY_VERBS:
            tokens[j].used = True
            return value
    return None


def _quantity_anywhere(tokens: list[_Token]) -> int | None:
    for j, t in enumerate(tokens):
        if t.used or t.is_phone:
            continue
        form = _quantity_form_at(tokens, j, len(tokens))
        if form is not None:
            _mark(tokens, j, form[1])
            return form[0]
    return None


def _resolve_variant(item: ParsedItem, kw: _CompiledKeyword, words: list[_Token]) -> None:
    if not kw.variant_values:
        item.variant_status = "not_needed"
        return
    if len(kw.variant_values) == 1:  # nothing to choose
        item.variant, item.variant_status = kw.variant_values[0][0], "resolved"
        return
    texts = [t.text for t in words]
    best: list[VariantChoice] = []
    best_score = 0
    best_complete = False
    matched_words: set[str] = set()
    for variant, values in kw.variant_values:
        score = 0
        for value in values:
            if _contains_sequence(texts, value):
                score += 1
                matched_words.update(value)
        complete = bool(values) and score == len(values)
        rank = (complete, score)
        if score == 0:
            continue
        if rank > (best_complete, best_score):
            best, best_score, best_complete = [variant], score, complete
        elif rank == (best_complete, best_score):
            best.append(variant)
    item.variant_words = [w for w in texts if w in matched_words]
    if len(best) == 1:
        item.variant, item.variant_status = best[0], "resolved"
    elif best:
        item.variant, item.variant_status = None, "ambiguous"
    else:
        item.variant, item.variant_status = None, "missing"


def _contains_sequence(texts: list[str], value: tuple[str, ...]) -> bool:
    n = len(value)
    if n == 1:
        return value[0] in texts
    return any(tuple(texts[k : k + n]) == value for k in range(len(texts) - n + 1))
