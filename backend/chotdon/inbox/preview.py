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
