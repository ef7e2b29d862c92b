"""Channel API shapes. The page access token is never part of any answer."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from chotdon.channels.reasons import reason_code, reason_text


class ChannelSettings(BaseModel):
    """Per-channel switches (stored in `channels.settings`)."""

    model_config = ConfigDict(extra="ignore")

    label_sync: bool = False
    backfill_days: int = Field(default=30, ge=1, le=365)
    backfill_messages_per_conversation: int = Field(default=25, ge=1, le=100)
    # A customer who writes a phone number gets a draft order (orders.flows; needs a warehouse).
    auto_draft_orders: bool = False
    # A live video of the page without a prepared livestream gets one configured like the
    # page's last livestream (the same products and keywords every night).
    auto_livestream: bool = False


class ChannelSettingsPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label_sync: bool | None = None
    backfill_days: int | None = Field(default=None, ge=1, le=365)
    backfill_messages_per_conversation: int | None = Field(default=None, ge=1, le=100)
    auto_draft_orders: bool | None = None
    auto_livestream: bool | None = None


class ChannelSync(BaseModel):
    """Where the backfill stands: `running` with the phase, `done`, or `failed` with an error."""

    status: Literal["idle", "running", "done", "failed"] = "idle"
    phase: str | None = None
    conversations: int = 0
    messages: int = 0
    posts: int = 0
    comments: int = 0
    started_at: datetime | None = None
    finished_at: datetime | None = None
    error: str | None = None


class ChannelOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    provider: str
    external_id: str
    name: str
    picture_url: str | None = None
    status: Literal["connected", "disconnected"]
    # Why it is disconnected: English for integrators and logs; `status_reason_code` (a code of
    # channels/reasons.py) is what the SPA shows in Vietnamese.
    status_reason: str | None = None
    status_reason_code: str | None = None
    settings: ChannelSettings
    sync: ChannelSync
    connected_at: datetime | None = None
    last_synced_at: datetime | None = None
    created_at: datetime
    # OAuth channels: when the access token expires (refreshed before, by a job).
    access_expires_at: datetime | None = None
    # What this channel can do (`channels.contract.Capability`): the SPA offers only these.
    capabilities: list[str] = Field(default_factory=list)


class ProviderOut(BaseModel):
    """A kind of channel this server can connect, and how."""

    name: str
    label: str
    capabilities: list[str]
    connect_modes: list[str]


class ProviderList(BaseModel):
    items: list[ProviderOut]


class AuthorizeOut(BaseModel):
    """Send the browser to `url`; the provider returns it to our callback with `state`."""

    url: str
    state: str


class AccountChoice(BaseModel):
    """An account a login offered (a page, or the Instagram account linked to `linked_to`)."""

    external_id: str
    provider: str
    name: str
    picture_url: str | None = None
    linked_to: str | None = None
    # Declined permissions and page tasks the person lacks ("task:MESSAGING"): grant them in
    # Facebook's dialog ("Kết nối Facebook" again) for this account to work fully.
    missing_permissions: list[str] = Field(default_factory=list)
    connected_channel_id: int | None = None


class AccountChoiceList(BaseModel):
    items: list[AccountChoice]


class SelectionConnect(BaseModel):
    """The accounts the owner ticked (their `external_id`s)."""

    model_config = ConfigDict(extra="forbid")

    external_ids: list[str] = Field(
        min_length=1, max_length=200, json_schema_extra={"items": {"maxLength": 64}}
    )


class ChannelList(BaseModel):
    items: list[ChannelOut]


class ChannelPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=300)
    settings: ChannelSettingsPatch | None = None


# Facebook tokens are printable ASCII; anything else could never be sent in a header.
TOKEN_PATTERN = r"^[\x21-\x7e]+$"


class FacebookConnect(BaseModel):
    """Connect a page with its page token, or with a user token that manages the page."""

    model_config = ConfigDict(extra="forbid")

    page_id: str = Field(min_length=1, max_length=64, pattern=r"^[0-9A-Za-z_\-]+$")
    access_token: str | None = Field(
        default=None, min_length=1, max_length=2000, pattern=TOKEN_PATTERN
    )
    user_access_token: str | None = Field(
        default=None, min_length=1, max_length=2000, pattern=TOKEN_PATTERN
    )


class FacebookPagesRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_access_token: str = Field(min_length=1, max_length=2000, pattern=TOKEN_PATTERN)


class FacebookPageChoice(BaseModel):
    page_id: str
    name: str
    picture_url: str | None = None
    category: str | None = None
    connected_channel_id: int | None = None


class FacebookPageList(BaseModel):
    items: list[FacebookPageChoice]


def channel_out(channel: Any) -> ChannelOut:
    from chotdon.channels import registry

    known = channel.provider in registry.PROVIDER_MODULES
    return ChannelOut(
        capabilities=sorted(registry.for_channel(channel).capabilities) if known else [],
        id=channel.id,
        provider=channel.provider,
        external_id=channel.external_id,
        name=channel.name,
        picture_url=channel.picture_url,
        status=channel.status,
        status_reason=reason_text(channel.status_reason),
        status_reason_code=reason_code(channel.status_reason),
        settings=ChannelSettings.model_validate(channel.settings or {}),
        sync=ChannelSync.model_validate((channel.sync_state or {}).get("progress") or {}),
        connected_at=channel.connected_at,
        last_synced_at=channel.last_synced_at,
        created_at=channel.created_at,
        access_expires_at=getattr(channel, "token_expires_at", None),
    )
