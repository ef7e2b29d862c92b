"""The channel contract: the registry, capabilities and reply windows read through a provider."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chotdon.channels import registry
from chotdon.channels.contract import ReplyWindowClosed
from chotdon.core.errors import NotFound
from support.shop import customer_says, make_channel

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("age", "state", "closes_in", "human_ok", "bot_ok"),
    [
        (None, "closed", None, False, False),
        (timedelta(minutes=1), "open", timedelta(hours=24), True, True),
        (timedelta(hours=24), "open", timedelta(hours=24), True, True),
        (timedelta(hours=25), "human_only", timedelta(days=7), True, False),
        (timedelta(days=7), "human_only", timedelta(days=7), True, False),
        (timedelta(days=7, seconds=1), "closed", None, False, False),
    ],
)
def test_facebook_reply_window(
    age: timedelta | None,
    state: str,
    closes_in: timedelta | None,
    human_ok: bool,
    bot_ok: bool,
) -> None:
    facebook = registry.get("facebook")
    last = None if age is None else NOW - age
    window = facebook.reply_window(last, NOW)
    assert window.state == state
    assert window.closes_at == (None if closes_in is None or last is None else last + closes_in)
    for by_human, ok in ((True, human_ok), (False, bot_ok)):
        if ok:
            facebook.check_reply(last, NOW, sent_by_human=by_human)
        else:
            with pytest.raises(ReplyWindowClosed) as caught:
                facebook.check_reply(last, NOW, sent_by_human=by_human)
            assert caught.value.code == "messaging_window_closed"
            assert caught.value.message


def test_unknown_provider_is_a_404() -> None:
    with pytest.raises(NotFound):
        registry.get("myspace")


async def test_providers_are_listed_with_capabilities(tenant: Any, client: Any) -> None:
    assert (await client.get("/api/v1/channels/providers")).status_code == 401
    r = await tenant.get("/api/v1/channels/providers")
    assert r.status_code == 200, r.text
    by_name = {p["name"]: p for p in r.json()["items"]}
    assert by_name["facebook"]["label"] == "Facebook"
    assert "private_replies" in by_name["facebook"]["capabilities"]
    assert by_name["facebook"]["connect_modes"] == ["oauth", "token"]  # Facebook Login
    assert by_name["instagram"]["connect_modes"] == ["facebook_login"]  # with its page
    assert "private_replies" in by_name["instagram"]["capabilities"]


async def test_channel_and_conversation_answers_carry_capabilities_and_window(tenant: Any) -> None:
    channel_id = await make_channel(tenant.workspace_id)
    await customer_says(channel_id, "Shop ơi", at=datetime.now(UTC) - timedelta(hours=30))
    r = await tenant.get(f"/api/v1/channels/{channel_id}")
    assert r.status_code == 200, r.text
    assert "comments" in r.json()["capabilities"]
    [conversation] = (await tenant.get("/api/v1/conversations")).json()["items"]
    window = conversation["reply_window"]
    assert window["state"] == "human_only"
    closes_at = datetime.fromisoformat(window["closes_at"])
    assert closes_at == datetime.fromisoformat(conversation["last_incoming_at"]) + timedelta(days=7)
    assert "24" in window["reason"]
