"""Text folding for diacritics-insensitive search: "Áo khoác ĐỎ" -> "ao khoac do"."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str | None) -> str:
    """Lower-case, strip Vietnamese diacritics (đ -> d too) and collapse white space."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def fold_words(text: str | None) -> list[str]:
    """Folded words without punctuation, for token matching and full-text search."""
    return [w for w in _NON_WORD.sub(" ", fold(text)).split() if w]


def search_document(*parts: str | None) -> str:
    """The folded text stored in `search_text` columns (indexed with to_tsvector('simple'))."""
    return " ".join(w for part in parts for w in fold_words(part))
