"""Property-based tests (hypothesis) of the pure logic: comment parser, phone and address
extraction, the conversation filter builder. No crash on any input; invariants hold."""

from __future__ import annotations

import asyncio
import os
import re
import string
from datetime import UTC

import asyncpg
import phonenumbers
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from chotdon.core.text import fold
from chotdon.customers.addresses import find_address, find_province
from chotdon.customers.phones import MOBILE_PREFIXES, find_phones, normalize_phone
from chotdon.livestream.parser import (
    MAX_QUANTITY,
    KeywordConfig,
    KeywordIndex,
    ParseOptions,
    VariantChoice,
    parse_live_comment,
)
from security.report import record

FAST = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

VIET = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
TEXT = st.text(
    alphabet=st.sampled_from(
        [
            *(string.ascii_letters + string.digits + " .,-+x*/:()?!#\n\t" + VIET + VIET.upper()),
            *["😍", "👍", "\u200b", "\x00", "０", "１"],
        ]
    ),
    max_size=200,
)
ANY_TEXT = st.one_of(TEXT, st.text(max_size=300))


@st.composite
def vn_mobile(draw: st.DrawFn) -> tuple[str, str]:
    """(as a customer types it, E.164)."""
    prefix = draw(st.sampled_from(MOBILE_PREFIXES))
    rest = draw(st.text(alphabet=string.digits, min_size=7, max_size=7))
    e164 = f"+84{prefix}{rest}"
    style = draw(st.integers(0, 3))
    typed = [
        f"0{prefix}{rest}",
        f"0{prefix}{rest[0]}.{rest[1:4]}.{rest[4:]}",
        f"0{prefix}{rest[0]} {rest[1:4]} {rest[4:]}",
        f"+84 {prefix}{rest[0]} {rest[1:4]} {rest[4:]}",
    ][style]
    return typed, e164


def _valid_mobile(e164: str) -> bool:
    return phonenumbers.is_valid_number(phonenumbers.parse(e164))


# --- phones ---------------------------------------------------------------------------------


@FAST
@given(ANY_TEXT)
def test_find_phones_never_crashes_and_returns_normalised_spans(text: str) -> None:
    record("fuzz: phone extraction cases", 1)
    found = find_phones(text)
    assert len({p.e164 for p in found}) == len(found)
    for p in found:
        assert re.fullmatch(r"\+\d{8,15}", p.e164)
        assert normalize_phone(p.e164) == p.e164
        assert text[p.start : p.end] == p.raw


@FAST
@given(TEXT, vn_mobile(), TEXT)
def test_a_phone_anywhere_in_a_comment_is_found(
    before: str, phone: tuple[str, str], after: str
) -> None:
    typed, e164 = phone
    assume(_valid_mobile(e164))
    # Digits right beside the number legitimately make it another number.
    assume(not before[-1:].isdigit() and not after[:1].isdigit())
    # "x<digit>" right after a number reads as an extension in libphonenumber ("ext. 0").
    assume(not re.match(r"\s*[xX#*]\s*\d", after))
    # A lone "+" before a national number ("+ 0912...") makes it an invalid international one.
    assume(not before.rstrip().endswith("+"))
    record("fuzz: phone extraction cases", 1)
    found = [p.e164 for p in find_phones(f"{before} {typed} {after}")]
    assert e164 in found


@FAST
@given(ANY_TEXT)
def test_normalize_phone_is_idempotent(text: str) -> None:
    record("fuzz: phone extraction cases", 1)
    once = normalize_phone(text)
    assert once is None or normalize_phone(once) == once


@FAST
@given(ANY_TEXT)
def test_address_extraction_never_crashes(text: str) -> None:
    record("fuzz: address extraction cases", 1)
    find_province(text)
    found = find_address(text)
    assert found is None or isinstance(found.text, str)


# --- comment parser -------------------------------------------------------------------------

KEYWORD = st.from_regex(r"[A-Z]{1,2}[0-9]{2}", fullmatch=True)


@st.composite
def keyword_configs(draw: st.DrawFn) -> list[KeywordConfig]:
    words = draw(st.lists(KEYWORD, min_size=1, max_size=6, unique_by=lambda w: w.lower()))
    configs = []
    for i, word in enumerate(words):
        variants: tuple[VariantChoice, ...] = ()
        if draw(st.booleans()):
            variants = tuple(
                VariantChoice(sku=f"{word}-{s}-{c}", name=f"{s} / {c}", values=(s, c))
                for s in ("S", "M", "L")
                for c in ("Đỏ", "Đen")
            )
        configs.append(KeywordConfig(keyword=word, key=i, variants=variants))
    return configs


@FAST
@given(keyword_configs(), ANY_TEXT, st.booleans())
def test_parser_never_crashes_and_items_are_configured(
    configs: list[KeywordConfig], text: str, single: bool
) -> None:
    record("fuzz: comment parser cases", 1)
    result = parse_live_comment(text, configs, ParseOptions(phone_only_single_product=single))
    keys = {c.key for c in configs}
    for item in result.items:
        assert item.key in keys
        assert 1 <= item.quantity <= MAX_QUANTITY
    assert result.phone is None or result.phone in result.phones
    for phone in result.phones:
        assert normalize_phone(phone) == phone
    result.as_dict()  # serialisable summary


@FAST
@given(
    keyword_configs(), vn_mobile(), st.sampled_from(["", " ", " - ", ", ", " sdt "]), st.booleans()
)
def test_keyword_and_phone_make_an_order_in_any_case_and_spacing(
    configs: list[KeywordConfig], phone: tuple[str, str], sep: str, lower: bool
) -> None:
    typed, e164 = phone
    assume(_valid_mobile(e164))
    record("fuzz: comment parser cases", 1)
    keyword = configs[0].keyword.lower() if lower else configs[0].keyword
    result = parse_live_comment(f"{keyword}{sep or ' '}{typed}", KeywordIndex(configs))
    assert result.phone == e164
    assert [i.key for i in result.items] == [configs[0].key]
    assert result.is_order


@FAST
@given(keyword_configs(), vn_mobile(), st.sampled_from(["0", "1", "X", "x"]))
def test_keyword_never_matches_inside_a_longer_code(
    configs: list[KeywordConfig], phone: tuple[str, str], extra: str
) -> None:
    typed, _ = phone
    record("fuzz: comment parser cases", 1)
    word = configs[0].keyword
    others = {fold(c.keyword) for c in configs}
    for text in (f"{word}{extra}0 {typed}", f"X{word} {typed}"):
        glued = fold(text.split()[0])
        if glued in others:
            continue
        result = parse_live_comment(text, configs)
        assert configs[0].key not in [i.key for i in result.items], text


# --- filter builder -------------------------------------------------------------------------


@FAST
@given(ANY_TEXT)
def test_search_tsquery_is_safe_and_valid_in_postgres(q: str) -> None:
    from chotdon.inbox.filters import search_tsquery

    record("fuzz: search query cases", 1)
    tsquery = search_tsquery(q)
    if tsquery is None:
        return
    assert re.fullmatch(r"[\w &|():*]+", tsquery), tsquery

    async def check() -> None:
        conn = await asyncpg.connect(os.environ["DATABASE_URL"].replace("+asyncpg", ""))
        try:
            await conn.fetchval("SELECT to_tsquery('simple', $1)::text", tsquery)
        finally:
            await conn.close()

    asyncio.run(check())


@FAST
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "channel_ids": st.lists(st.integers(1, 2**62), max_size=3).map(tuple),
            "kind": st.sampled_from(["message", "comment"]),
            "post_id": st.integers(1, 2**62),
            "unread": st.booleans(),
            "unreplied": st.booleans(),
            "has_phone": st.booleans(),
            "tag_ids": st.lists(st.integers(1, 2**62), max_size=4).map(tuple),
            "tag_mode": st.sampled_from(["any", "all"]),
            "assignee_id": st.integers(1, 2**62),
            "unassigned": st.booleans(),
            "status": st.sampled_from(["open", "done"]),
            "has_order": st.booleans(),
            "contact_id": st.integers(1, 2**62),
            "since": st.datetimes(timezones=st.just(UTC)),
            "until": st.datetimes(timezones=st.just(UTC)),
            "q": ANY_TEXT,
        },
    ),
    st.integers(1, 2**62),
)
def test_every_filter_combination_compiles_with_the_workspace_first(
    fields: dict, workspace_id: int
) -> None:
    from sqlalchemy import select
    from sqlalchemy.dialects import postgresql

    from chotdon.inbox import filters
    from chotdon.inbox.models import Conversation

    record("fuzz: filter builder cases", 1)
    f = filters.ConversationFilter(**fields)
    conds = filters.conditions(f, workspace_id)
    first = str(conds[0].compile(dialect=postgresql.dialect()))
    assert "workspace_id" in first  # the tenant filter is never forgotten
    stmt = select(Conversation.id).where(*conds).order_by(*filters.order_by())
    sql = str(stmt.compile(dialect=postgresql.dialect()))
    assert "conversations.workspace_id" in sql
