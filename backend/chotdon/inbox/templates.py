"""Quick-reply text: variable filling and suggestion matching, as pure functions (no I/O)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from chotdon.core.text import fold, fold_words

VARIABLES = ("customer_name", "first_name", "phone", "page_name", "agent_name")
_VARIABLE = re.compile(r"\{\s*([a-z_]+)\s*\}")


def render(text: str | None, values: Mapping[str, str]) -> str | None:
    """Fill `{customer_name}` etc.; unknown `{words}` stay as they are (they may be intended)."""
    if text is None:
        return None

    def _sub(match: re.Match[str]) -> str:
        name = match.group(1)
        return values[name] if name in values else match.group(0)

    return _VARIABLE.sub(_sub, text)


def normalize_shortcut(shortcut: str | None) -> str:
    """ "/Giá Ship" -> "giaship": how a typed keyword is compared with a shortcut."""
    return "".join(fold_words((shortcut or "").lstrip("/")))


def suggest_rank(query: str, shortcut: str | None, document: str) -> int | None:
    """How well a quick reply matches what the agent typed; None when it does not match.

    0: the shortcut starts with the query ("/gia" finds "gia_ship"), 1: every query word starts
    a word of the group's name or texts ("ao khoac" finds "Áo khoác ĐỎ"), diacritics ignored.
    """
    typed = normalize_shortcut(query)
    if not typed:
        return None
    if shortcut and normalize_shortcut(shortcut).startswith(typed):
        return 0
    words = fold_words(query.lstrip("/"))
    doc_words = fold(document).split()
    if words and all(any(d.startswith(w) for d in doc_words) for w in words):
        return 1
    return None
