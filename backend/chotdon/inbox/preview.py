"""The one-line preview of a message shown in the conversation list (no imports: used early)."""

from __future__ import annotations

PREVIEW_CHARS = 300


def preview_of(text: str | None, attachments: list[dict]) -> str:
    if text:
        return text[:PREVIEW_CHARS]
    if attachments:
        kind = attachments[0].get("type", "file")
        return f"[{kind}]"
    return ""


# --- the conversation's search document -------------------------------------------------
# `conversations.search_text` = the customer's folded name and phones (`contacts.search_text`)
# followed by the folded words of the conversation's most recent messages, at most
# SEARCH_MESSAGE_CHARS of them. The list's `q` then needs ONE indexed table: a GIN lookup for
# rare words, an ordered index walk with a cheap filter for common ones.

SEARCH_MESSAGE_CHARS = 2000


def tail_words(words: str, limit: int = SEARCH_MESSAGE_CHARS) -> str:
    """The newest words of `words` that fit in `limit` characters (cut at a word boundary)."""
    if len(words) <= limit:
        return words
    start = len(words) - limit
    if words[start - 1] == " ":
        return words[start:]
    space = words.find(" ", start)
    return words[space + 1 :] if space != -1 else ""


def message_words_of(conversation_doc: str, contact_doc: str) -> str | None:
    """The message part of a conversation document, or None if the customer part changed."""
    if not contact_doc:
        return conversation_doc
    if conversation_doc == contact_doc:
        return ""
    if conversation_doc.startswith(contact_doc + " "):
        return conversation_doc[len(contact_doc) + 1 :]
    return None


def conversation_document(contact_doc: str, message_words: str) -> str:
    return " ".join(part for part in (contact_doc, tail_words(message_words)) if part)
