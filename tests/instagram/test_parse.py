"""Instagram webhook payloads → events (pure, table-driven) and Facebook Login's pure parts."""

from __future__ import annotations

import pytest

from chotdon.channels.events import InboundComment, InboundMessage, MessageStatusUpdate, Reaction
from chotdon.channels.facebook.login import accounts_of, missing_for
from chotdon.channels.instagram.parse import parse_instagram_delivery

IG = "17841400000000001"


def delivery(messaging=None, changes=None, object_="instagram"):
    entry = {"id": IG, "time": 1764700000}
    if messaging is not None:
        entry["messaging"] = messaging
    if changes is not None:
        entry["changes"] = changes
    return {"object": object_, "entry": [entry]}


def one(payload):
    [group] = parse_instagram_delivery(payload, app_id="1")
    assert group.provider == "instagram" and group.page_id == IG
    return group


def msg(message, sender="111", recipient=IG):
    return {
        "sender": {"id": sender},
        "recipient": {"id": recipient},
        "timestamp": 1764700000000,
        "message": message,
    }


@pytest.mark.parametrize(
    ("item", "check"),
    [
        (
            msg({"mid": "m1", "text": "Còn hàng không?"}),
            lambda e: (
                (e.direction, e.text, e.customer.external_id) == ("in", "Còn hàng không?", "111")
            ),
        ),
        (
            msg({"mid": "m2", "text": "Dạ còn", "is_echo": True}, sender=IG, recipient="111"),
            lambda e: (
                (e.direction, e.sender_type, e.customer.external_id) == ("out", "page", "111")
            ),
        ),
        (
            msg(
                {
                    "mid": "m3",
                    "attachments": [{"type": "image", "payload": {"url": "https://x/1.jpg"}}],
                }
            ),
            lambda e: e.attachments == [{"type": "image", "url": "https://x/1.jpg"}],
        ),
        (
            msg(
                {
                    "mid": "m4",
                    "text": "Giá?",
                    "reply_to": {"story": {"id": "s1", "url": "https://x/s.jpg"}},
                }
            ),
            lambda e: (
                e.attachments[0] == {"type": "story_reply", "url": "https://x/s.jpg"}
                and e.meta["story_reply"]["id"] == "s1"
            ),
        ),
        (
            msg(
                {
                    "mid": "m5",
                    "attachments": [
                        {"type": "story_mention", "payload": {"url": "https://x/m.jpg"}}
                    ],
                }
            ),
            lambda e: e.meta["story_mention"] is True,
        ),
    ],
)
def test_messages(item, check):
    [event] = one(delivery([item])).events
    assert isinstance(event, InboundMessage) and check(event)


def test_reads_reactions_and_unsent_messages():
    group = one(
        delivery(
            [
                {
                    "sender": {"id": "111"},
                    "recipient": {"id": IG},
                    "timestamp": 1764700000000,
                    "read": {"mid": "m9"},
                },
                {
                    "sender": {"id": "111"},
                    "recipient": {"id": IG},
                    "timestamp": 1764700000000,
                    "reaction": {"mid": "m9", "action": "react", "reaction": "love", "emoji": "❤"},
                },
                msg({"mid": "m10", "is_deleted": True}),
            ]
        )
    )
    read, reaction = group.events
    assert (
        isinstance(read, MessageStatusUpdate)
        and read.external_ids == ["m9"]
        and read.status == "read"
    )
    assert isinstance(reaction, Reaction) and reaction.message_external_id == "m9"
    assert group.skipped == 1


@pytest.mark.parametrize(
    ("field", "value", "expect"),
    [
        (
            "comments",
            {
                "id": "c1",
                "from": {"id": "222", "username": "lan.le"},
                "text": "Giá?",
                "media": {"id": "m1", "media_product_type": "FEED"},
            },
            ("in", "222", "lan.le", "post", None),
        ),
        (
            "comments",
            {
                "id": "c2",
                "from": {"id": IG, "username": "shop"},
                "text": "Dạ 199k",
                "media": {"id": "m1", "media_product_type": "REELS"},
                "parent_id": "c1",
            },
            ("out", "", None, "post", "c1"),
        ),
        (
            "live_comments",
            {
                "id": "c3",
                "from": {"id": "333", "username": "hoa"},
                "text": "A01",
                "media": {"id": "l1", "media_product_type": "LIVE"},
            },
            ("in", "333", "hoa", "live_video", None),
        ),
    ],
)
def test_comments(field, value, expect):
    [event] = one(delivery(changes=[{"field": field, "value": value}])).events
    assert isinstance(event, InboundComment)
    got = (
        event.direction,
        event.customer.external_id,
        event.customer.name,
        event.post.kind,
        event.parent_external_id,
    )
    assert got == expect


@pytest.mark.parametrize(
    "payload",
    [
        delivery([msg({"mid": "m1", "text": "x"})], object_="page"),
        delivery(
            changes=[
                {
                    "field": "comments",
                    "value": {"id": "c1", "text": "no author", "media": {"id": "m1"}},
                }
            ]
        ),
        delivery(
            changes=[
                {
                    "field": "comments",
                    "value": {"id": "../../x", "from": {"id": "1"}, "media": {"id": "m1"}},
                }
            ]
        ),
        {"object": "instagram", "entry": [{"id": "not an id!"}]},
    ],
)
def test_what_is_not_understood_is_skipped(payload):
    groups = parse_instagram_delivery(payload, app_id="1")
    assert all(not g.events for g in groups)


def test_login_missing_permissions_and_accounts():
    granted = {
        "pages_show_list",
        "pages_manage_metadata",
        "pages_read_engagement",
        "instagram_basic",
    }
    assert missing_for(("pages_messaging", "instagram_basic"), granted, ["MANAGE"]) == (
        "pages_messaging",
        "task:MESSAGING",
        "task:MODERATE",
    )
    pages = [
        {
            "id": "1",
            "name": "P",
            "access_token": "T",
            "tasks": ["MESSAGING", "MODERATE"],
            "instagram_business_account": {"id": "9", "username": "p.shop"},
        },
        {"id": "2", "name": "No token"},
    ]
    page, ig = accounts_of(pages, granted)
    assert (page.external_id, page.provider, ig.external_id, ig.provider, ig.linked_to) == (
        "1",
        None,
        "9",
        "instagram",
        "1",
    )
    assert ig.settings == {"page_id": "1"} and ig.access_token == "T" and ig.name == "@p.shop"
    assert "instagram_manage_messages" in ig.missing_permissions
