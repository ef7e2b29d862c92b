"""Shapes of the realtime REST endpoints (the WebSocket frames are described in hub.py)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ConversationViewers(BaseModel):
    conversation_id: int
    user_ids: list[int] = Field(description="Users who have this conversation open now")


class PresenceOut(BaseModel):
    online_user_ids: list[int] = Field(
        description="Users with at least one live WebSocket (any tab, any API process)"
    )
    viewers: list[ConversationViewers] = Field(
        description="Open conversations and who is looking at each"
    )
