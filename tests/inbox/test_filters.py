"""Pure logic of the inbox, table-driven: filter → SQL, search queries, templates, round robin."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import and_
from sqlalchemy.dialects import postgresql

from chotdon.inbox import assignment, filters, media, preview, templates
from chotdon.inbox.filters import ConversationFilter as F

T = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def sql(f: F) -> str:
    where = and_(*filters.conditions(f, 7))
    return str(where.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))


@pytest.mark.parametrize(
    ("f", "expected", "absent"),
    [
        (F(), ["conversations.workspace_id = 7"], ["channel_id", "EXISTS", "tsvector"]),
        (F(channel_ids=(3,)), ["conversations.channel_id = 3"], ["IN"]),
        (F(channel_ids=(5, 3, 5)), ["conversations.channel_id IN (3, 5)"], []),
        (F(kind="comment"), ["conversations.kind = 'comment'"], []),
        (F(post_id=9), ["conversations.post_id = 9"], []),
        # Written exactly like the partial indexes' predicates so that they are used.
        (F(unread=True), ["AND conversations.unread"], ["NOT conversations.unread"]),
        (F(unread=False), ["NOT conversations.unread"], []),
        (F(unreplied=True), ["NOT conversations.replied"], []),
        (F(unreplied=False), ["AND conversations.replied"], ["NOT conversations.replied"]),
        (F(has_phone=True), ["AND conversations.has_phone"], ["NOT conversations.has_phone"]),
        (F(has_phone=False), ["NOT conversations.has_phone"], []),
        (F(has_order=True), ["AND conversations.has_order"], []),
        (F(has_order=False), ["NOT conversations.has_order"], []),
        (F(assignee_id=4), ["conversations.assignee_id = 4"], []),
        (F(unassigned=True), ["conversations.assignee_id IS NULL"], []),
        (F(status="done"), ["conversations.status = 'done'"], []),
        (F(contact_id=11), ["conversations.contact_id = 11"], []),
        (F(since=T), ["conversations.last_message_at >= '2026-11-20 08:00:00+00:00'"], []),
        (F(until=T), ["conversations.last_message_at < '2026-11-20 08:00:00+00:00'"], []),
        (
            F(tag_ids=(2,)),
            ["EXISTS (SELECT * \nFROM conversation_tags", "conversation_tags.tag_id = 2"],
            [],
        ),
        (F(tag_ids=(2, 1), tag_mode="any"), ["conversation_tags.tag_id IN (1, 2)"], []),
        (
            F(tag_ids=(2, 1), tag_mode="all"),
            ["conversation_tags.tag_id = 1", "conversation_tags.tag_id = 2"],
            ["IN (1, 2)"],
        ),
        (
            F(q="Áo khoác"),
            [
                "to_tsvector('simple', conversations.search_text) @@ "
                "to_tsquery('simple', 'ao & khoac:*')"
            ],
            ["messages", "UNION"],
        ),
        (F(q="  "), [], ["tsvector"]),
        (
            F(channel_ids=(1,), kind="message", unread=True, has_phone=False, status="open"),
            [
                "conversations.channel_id = 1",
                "conversations.kind = 'message'",
                "AND conversations.unread",
                "NOT conversations.has_phone",
                "conversations.status = 'open'",
            ],
            [],
        ),
    ],
)
def test_filter_to_sql(f: F, expected: list[str], absent: list[str]) -> None:
    text = sql(f)
    assert text.startswith("conversations.workspace_id = 7")
    for fragment in expected:
        assert fragment in text, (fragment, text)
    for fragment in absent:
        assert fragment not in text, (fragment, text)


def test_every_filter_together_is_one_and() -> None:
    f = F(
        channel_ids=(1, 2),
        kind="comment",
        post_id=3,
        unread=True,
        unreplied=True,
        has_phone=True,
        tag_ids=(4,),
        assignee_id=5,
        status="open",
        has_order=False,
        contact_id=6,
        since=T,
        until=T,
        q="lan",
    )
    assert len(filters.conditions(f, 7)) == 15


@pytest.mark.parametrize(
    ("q", "tsquery"),
    [
        (None, None),
        ("", None),
        ("  ?! ", None),
        ("ao khoac do", "ao & khoac & do:*"),
        ("Áo khoác ĐỎ", "ao & khoac & do:*"),
        ("ĐẶNG", "dang:*"),
        ("lan's & | ! <->", "lan & s:*"),  # operators cannot be injected
        ("0912.345.678", "(84912345678 | 0912345678)"),
        ("+84 912 345 678", "(84912345678 | 0912345678)"),
        ("84912345678", "(84912345678 | 0912345678)"),
        ("(091) 234-5678", "(84912345678 | 0912345678)"),
        ("0912", "(0912:* | r2190:*)"),  # too short for a phone: a prefix, or a phone's end
        ("345678", "(345678:* | r876543:*)"),
        ("345 678", "(345678:* | r876543:*)"),
        ("912345678", "(84912345678 | 0912345678)"),
        ("123", "123:*"),
        ("12345678901234", "12345678901234:*"),  # not a valid number: a word
    ],
)
def test_search_tsquery(q: str | None, tsquery: str | None) -> None:
    assert filters.search_tsquery(q) == tsquery


def test_search_words_are_capped() -> None:
    assert filters.search_tsquery(" ".join(f"w{i}" for i in range(20))).count("&") == 7


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("Chào {customer_name}!", {"customer_name": "Lan"}, "Chào Lan!"),
        ("Chào { first_name }", {"first_name": "Lan"}, "Chào Lan"),
        ("{unknown} stays", {"customer_name": "Lan"}, "{unknown} stays"),
        ("no vars", {}, "no vars"),
        ("{customer_name}{customer_name}", {"customer_name": "A"}, "AA"),
        ("{page_name} - {agent_name}", {"page_name": "Shop", "agent_name": "Hà"}, "Shop - Hà"),
        (None, {}, None),
    ],
)
def test_render(text, values, expected) -> None:
    assert templates.render(text, values) == expected


@pytest.mark.parametrize(
    ("q", "shortcut", "document", "rank"),
    [
        ("gia", "giaship", "phi ship", 0),
        ("/gia", "giaship", "phi ship", 0),
        ("/Giá", "Giá ship", "", 0),
        ("ship", "giaship", "phi ship noi thanh", 1),
        ("phi sh", None, "phi ship noi thanh", 1),
        ("ao khoac do", None, "ao khoac do size m", 1),
        ("Áo Khoác", None, "ao khoac do", 1),
        ("xyz", "giaship", "phi ship", None),
        ("", "giaship", "phi ship", None),
        ("khoac ao", None, "ao khoac", 1),  # words in any order
        ("oac", None, "ao khoac", None),  # word prefixes, not substrings
    ],
)
def test_suggest_rank(q, shortcut, document, rank) -> None:
    assert templates.suggest_rank(q, shortcut, document) == rank


@pytest.mark.parametrize(
    ("candidates", "turns", "expected"),
    [
        ([], [0], [None]),
        ([7], [0, 1, 2], [7, 7, 7]),
        ([9, 3, 5], [0, 1, 2, 3, 4], [3, 5, 9, 3, 5]),
        ([3, 3, 5], [0, 1, 2], [3, 5, 3]),
    ],
)
def test_round_robin(candidates, turns, expected) -> None:
    assert [assignment.pick_round_robin(candidates, t) for t in turns] == expected


@pytest.mark.parametrize(
    ("content_type", "head", "ok"),
    [
        ("image/jpeg", b"\xff\xd8\xff\xe0rest", True),
        ("image/jpeg", b"\x89PNG\r\n\x1a\n", False),
        ("image/png", b"\x89PNG\r\n\x1a\nxxxx", True),
        ("image/gif", b"GIF89a....", True),
        ("image/webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ", True),
        ("image/webp", b"RIFF\x00\x00\x00\x00WAVEfmt ", False),
        ("video/mp4", b"\x00\x00\x00\x18ftypmp42", True),
        ("application/pdf", b"%PDF-1.7", True),
        ("application/pdf", b"<html>", False),
        ("text/plain", b"anything", True),
    ],
)
def test_sniff(content_type, head, ok) -> None:
    assert media.sniff_matches(content_type, head) is ok


@pytest.mark.parametrize(
    ("words", "limit", "expected"),
    [
        ("", 10, ""),
        ("ao khoac", 10, "ao khoac"),
        ("mot hai ba bon", 7, "ba bon"),  # the newest words, cut at a word boundary
        ("mot hai ba bon", 8, "ba bon"),
        ("mot hai ba bon", 3, "bon"),
        ("abcdefghij", 5, ""),
    ],
)
def test_tail_words(words, limit, expected) -> None:
    assert preview.tail_words(words, limit) == expected


@pytest.mark.parametrize(
    ("doc", "contact", "expected"),
    [
        ("lan 0912 ao khoac", "lan 0912", "ao khoac"),
        ("lan 0912", "lan 0912", ""),
        ("lan ao khoac", "lan 0912", None),  # the customer part changed: rebuild
        ("ao khoac", "", "ao khoac"),
        ("lanh ao", "lan", None),  # a prefix that is not a whole word
    ],
)
def test_message_words_of(doc, contact, expected) -> None:
    assert preview.message_words_of(doc, contact) == expected


def test_conversation_document_keeps_customer_and_latest_words() -> None:
    words = " ".join(f"w{i}" for i in range(2000))
    doc = preview.conversation_document("nguyen thi lan 84912345678", words)
    assert doc.startswith("nguyen thi lan 84912345678 ")
    assert doc.endswith(" w1999")
    assert len(doc) <= len("nguyen thi lan 84912345678 ") + preview.SEARCH_MESSAGE_CHARS
