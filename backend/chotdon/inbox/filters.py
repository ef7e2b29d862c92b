"""The conversation list's filters → SQL conditions, as pure functions (no I/O).

`ConversationFilter` is what `GET /conversations` (and `/counts`) accept; `conditions()` turns
it into SQLAlchemy expressions over `conversations`, each chosen so that PostgreSQL can use the
list indexes (see `inbox/models.py`): the workspace + (last_message_at, id) keyset, the partial
unread / unreplied indexes, the channel / assignee / post / contact indexes and the GIN indexes
on the folded `search_text` columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, exists, literal, literal_column, select, tuple_
from sqlalchemy import func as sa_func
from sqlalchemy.orm import InstrumentedAttribute

from chotdon.core.text import fold_words
from chotdon.customers.phones import normalize_phone
from chotdon.inbox.models import Conversation, ConversationTag, Message

TagMode = Literal["any", "all"]
Sort = Literal["recent", "unread_first"]

MAX_SEARCH_WORDS = 8
# A search of 4 to 10 digits also matches the end of a customer's phone (`customers.service.
# phone_suffix_token`).
MIN_PHONE_TAIL, MAX_PHONE_TAIL = 4, 10
_PHONE_CHARS = re.compile(r"^[\d\s.+\-()]+$")


@dataclass(frozen=True, slots=True)
class ConversationFilter:
    """Every filter of the list; unset fields do not filter. All of them combine with AND."""

    channel_ids: tuple[int, ...] = ()
    kind: Literal["message", "comment"] | None = None
    post_id: int | None = None
    unread: bool | None = None
    unreplied: bool | None = None
    has_phone: bool | None = None
    tag_ids: tuple[int, ...] = ()
    tag_mode: TagMode = "any"
    # "me" and "none" are resolved by the caller: assignee_id / unassigned.
    assignee_id: int | None = None
    unassigned: bool = False
    status: Literal["open", "done"] | None = None
    has_order: bool | None = None
    contact_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    q: str | None = None


def search_tsquery(q: str | None) -> str | None:
    """The `to_tsquery('simple', ...)` text for a search box entry, or None for no search.

    - a phone number in any format (0912.345.678, +84 912 345 678) matches the stored variants;
    - 4 to 10 digits match the start of a number or the last digits of a phone (`345678`);
    - otherwise every folded word must match, the last one as a prefix (search while typing).
    Words come from `fold_words`, so they hold only letters, digits and `_`: nothing can inject
    tsquery operators.
    """
    if not q or not q.strip():
        return None
    stripped = q.strip()
    if _PHONE_CHARS.match(stripped) and sum(ch.isdigit() for ch in stripped) >= 9:
        e164 = normalize_phone(stripped)
        if e164 is not None:
            digits = e164.lstrip("+")
            variants = [digits]
            if e164.startswith("+84"):
                variants.append("0" + e164[3:])
            return "(" + " | ".join(variants) + ")"
    digits = "".join(ch for ch in stripped if ch.isdigit())
    if _PHONE_CHARS.match(stripped) and MIN_PHONE_TAIL <= len(digits) <= MAX_PHONE_TAIL:
        # The last digits of a phone (`345678`), or the start of any number (`0912`).
        return f"({digits}:* | r{digits[::-1]}:*)"
    words = fold_words(stripped)[:MAX_SEARCH_WORDS]
    if not words:
        return None
    return " & ".join([*words[:-1], f"{words[-1]}:*"])


def _tsv(column: object) -> ColumnElement:
    # Same expression as the GIN indexes, so that they are used.
    return sa_func.to_tsvector(literal_column("'simple'"), column)


def _tsq(query: str) -> ColumnElement:
    return sa_func.to_tsquery(literal_column("'simple'"), query)


def search_condition(q: str | None) -> ColumnElement[bool] | None:
    """Conversations whose customer (name, phones) or recent messages match `q`.

    One table, one GIN index: `conversations.search_text` holds the customer's folded name and
    phones plus the folded words of the conversation's latest messages (`inbox.preview`).
    """
    tsquery = search_tsquery(q)
    if tsquery is None:
        return None
    return _tsv(Conversation.search_text).op("@@")(_tsq(tsquery))


def message_matches(tsquery: str) -> ColumnElement[bool]:
    """Message text matching (the GIN index on `messages.search_text`)."""
    return _tsv(Message.search_text).op("@@")(_tsq(tsquery))


def conditions(
    f: ConversationFilter, workspace_id: int, *, with_search: bool = True
) -> list[ColumnElement[bool]]:
    """The WHERE conditions for `f` in `workspace_id` (the workspace one always comes first)."""
    c = Conversation
    out: list[ColumnElement[bool]] = [c.workspace_id == workspace_id]
    if f.channel_ids:
        ids = sorted(set(f.channel_ids))
        out.append(c.channel_id == ids[0] if len(ids) == 1 else c.channel_id.in_(ids))
    if f.kind is not None:
        out.append(c.kind == f.kind)
    if f.post_id is not None:
        out.append(c.post_id == f.post_id)
    if f.unread is not None:
        # Written exactly like the partial index predicate (`WHERE unread`).
        out.append(_flag(c.unread, f.unread))
    if f.unreplied is not None:
        out.append(_flag(c.replied, not f.unreplied))
    if f.has_phone is not None:
        out.append(_flag(c.has_phone, f.has_phone))
    if f.has_order is not None:
        out.append(_flag(c.has_order, f.has_order))
    if f.unassigned:
        out.append(c.assignee_id.is_(None))
    elif f.assignee_id is not None:
        out.append(c.assignee_id == f.assignee_id)
    if f.status is not None:
        out.append(c.status == f.status)
    if f.contact_id is not None:
        out.append(c.contact_id == f.contact_id)
    if f.since is not None:
        out.append(c.last_message_at >= f.since)
    if f.until is not None:
        out.append(c.last_message_at < f.until)
    if f.tag_ids:
        out.append(tag_condition(f.tag_ids, f.tag_mode))
    if with_search:
        search = search_condition(f.q)
        if search is not None:
            out.append(search)
    return out


def _flag(column: InstrumentedAttribute[bool], wanted: bool) -> ColumnElement[bool]:
    # `unread` / `NOT unread`, never `unread IS true`: the partial indexes' predicates match.
    return column.expression if wanted else ~column.expression


def tag_condition(tag_ids: tuple[int, ...], mode: TagMode) -> ColumnElement[bool]:
    """`any`: at least one of the tags; `all`: every one of them (one EXISTS per tag)."""
    ids = sorted(set(tag_ids))

    def has(tag_filter: ColumnElement[bool]) -> ColumnElement[bool]:
        return exists().where(ConversationTag.conversation_id == Conversation.id, tag_filter)

    if mode == "all":
        return and_(*(has(ConversationTag.tag_id == t) for t in ids))
    if len(ids) == 1:
        return has(ConversationTag.tag_id == ids[0])
    return has(ConversationTag.tag_id.in_(ids))


# --- ordering and keyset -----------------------------------------------------------------


def order_by() -> list[ColumnElement]:
    """Newest activity first; `id` breaks ties so that the order is total (stable keyset)."""
    return [Conversation.last_message_at.desc(), Conversation.id.desc()]


def after_cursor(last_message_at: datetime, conversation_id: int) -> ColumnElement[bool]:
    """Rows strictly after the cursor in `order_by()` order (one row comparison: indexable)."""
    return tuple_(Conversation.last_message_at, Conversation.id) < tuple_(
        literal(last_message_at, Conversation.last_message_at.type),
        literal(conversation_id, Conversation.id.type),
    )


def narrowing_probes(f: ConversationFilter, workspace_id: int) -> list[Select[Any]]:
    """Queries that count how few conversations a filter can match, from its own index.

    A search term or a tag can be rare; PostgreSQL cannot tell, and walking the recency index
    for a rare one reads the whole workspace. `repository.page_items` runs these probes and,
    when one of them finds few rows, collects the matches first instead (see there).
    """
    probes: list[Select[Any]] = []
    search = search_condition(f.q)
    if search is not None:
        probes.append(
            select(Conversation.id).where(Conversation.workspace_id == workspace_id, search)
        )
    tag_ids = sorted(set(f.tag_ids))
    groups = [[t] for t in tag_ids] if f.tag_mode == "all" else [tag_ids]
    for group in groups if tag_ids else []:
        probes.append(
            select(ConversationTag.conversation_id).where(
                ConversationTag.workspace_id == workspace_id, ConversationTag.tag_id.in_(group)
            )
        )
    return probes
