"""Pure parts of the Zalo channel, table-tested: the webhook signature, events → inbox events,
the sending rules."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from chotdon.channels.contract import ReplyWindowClosed
from chotdon.channels.oauth import code_challenge
from chotdon.channels.zalo import parse, policy, signature

APP, SECRET = "1163843031413526746", "oa-secret"
BODY = b'{"event_name":"user_send_text","timestamp":"1609984527175"}'


def test_signature_is_a_plain_sha256_of_app_id_body_timestamp_and_oa_secret():
    expected = hashlib.sha256(APP.encode() + BODY + b"1609984527175" + SECRET.encode()).hexdigest()
    assert signature.header(APP, BODY, "1609984527175", SECRET) == f"mac={expected}"
    assert signature.verify(APP, BODY, "1609984527175", SECRET, f"mac={expected}")
    assert signature.verify(APP, BODY, "1609984527175", SECRET, expected.upper())


@pytest.mark.parametrize(
    ("body", "timestamp", "secret", "header"),
    [
        (BODY, "1609984527175", SECRET, None),
        (BODY, "1609984527175", SECRET, ""),
        (BODY, "1609984527176", SECRET, "good"),  # another timestamp than the one signed
        (BODY + b" ", "1609984527175", SECRET, "good"),  # a changed body
        (BODY, "1609984527175", "app-secret", "good"),  # the app secret is not the key
        (BODY, None, SECRET, "good"),
        (BODY, "1609984527175", SECRET, "mac=zz\u00e9"),
    ],
)
def test_wrong_signatures(body, timestamp, secret, header):
    good = signature.header(APP, BODY, "1609984527175", SECRET)
    received = good if header == "good" else header
    assert not signature.verify(APP, body, timestamp, secret, received)


def test_pkce_challenge_is_s256_base64url_without_padding():
    # RFC 7636 appendix B
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert code_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def _event(name: str, **extra):
    return {
        "app_id": APP,
        "event_name": name,
        "timestamp": "1609984527175",
        "sender": {"id": "4339761418830368433"},
        "recipient": {"id": "2197174064623873199"},
        **extra,
    }


@pytest.mark.parametrize(
    ("name", "attachments", "expected"),
    [
        (
            "user_send_image",
            [{"type": "image", "payload": {"url": "u", "thumbnail": "t"}}],
            {"type": "image", "url": "u"},
        ),
        (
            "user_send_gif",
            [{"type": "gif", "payload": {"thumbnail": "t"}}],
            {"type": "image", "url": "t"},
        ),
        (
            "user_send_sticker",
            [{"type": "sticker", "payload": {"id": "9", "url": "s"}}],
            {"type": "sticker", "url": "s", "sticker_id": "9"},
        ),
        (
            "user_send_file",
            [{"type": "file", "payload": {"url": "f", "name": "a.pdf", "size": "3"}}],
            {"type": "file", "url": "f", "name": "a.pdf", "size": "3"},
        ),
        (
            "user_send_location",
            [{"type": "location", "payload": {"coordinates": {"latitude": 1, "longitude": 2}}}],
            {
                "type": "location",
                "url": "https://maps.google.com/?q=1,2",
                "title": "Vị trí 1, 2",
                "latitude": 1,
                "longitude": 2,
            },
        ),
        (
            "user_send_video",
            [{"type": "video", "payload": {"url": "v", "thumbnail": "t"}}],
            {"type": "video", "url": "v", "thumb_url": "t"},
        ),
    ],
)
def test_user_messages_with_attachments(name, attachments, expected):
    event = parse.parse_event(_event(name, message={"msg_id": "m1", "attachments": attachments}))
    assert event is not None and event.oa_id == "2197174064623873199"
    [message] = event.messages
    assert message.direction == "in" and message.customer.external_id == "4339761418830368433"
    assert message.attachments == [expected]
    assert message.created_at == datetime.fromtimestamp(1609984527.175, UTC)


def test_oa_send_is_the_pages_message_to_the_recipient():
    body = _event("oa_send_text", message={"msg_id": "m2", "text": "Dạ"})
    body["sender"], body["recipient"] = body["recipient"], body["sender"]
    event = parse.parse_event(body)
    assert event is not None and event.oa_id == "2197174064623873199"
    [message] = event.messages
    assert (message.direction, message.sender_type, message.text) == ("out", "page", "Dạ")
    assert message.customer.external_id == "4339761418830368433"


def test_receipts_follows_and_shared_info():
    seen = _event("user_seen_message", message={"msg_ids": ["a", "b"]})
    seen["sender"], seen["recipient"] = seen["recipient"], seen["sender"]
    event = parse.parse_event(seen)
    assert event is not None and not event.messages
    [status] = event.statuses
    assert status.status == "read" and status.external_ids == ["a", "b"]
    follow = parse.parse_event(
        {"event_name": "follow", "oa_id": "1", "follower": {"id": "2"}, "timestamp": "5"}
    )
    assert follow is not None and follow.oa_id == "1"
    assert follow.messages[0].external_id == "follow:2:5"
    info = parse.parse_event(
        _event("user_submit_info", info={"name": "Hoa", "phone": "0912345678", "city": "Huế"})
    )
    assert info is not None
    assert (
        info.messages[0].text
        == "📇 Khách đã chia sẻ thông tin: Tên: Hoa; SĐT: 0912345678; Tỉnh/TP: Huế"
    )


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"event_name": 3},
        {"event_name": "user_send_text"},  # no sender / recipient
        _event("user_send_text", sender={"id": "../x"}),
        _event("something_new"),
    ],
)
def test_what_is_not_understood(body):
    assert parse.parse_event(body) is None


def test_a_message_without_msg_id_is_skipped():
    event = parse.parse_event(_event("user_send_text", message={"text": "x"}))
    assert event is not None and event.messages == []


NOW = datetime(2026, 12, 3, 12, tzinfo=UTC)
RULES = policy.Rules(free_reply_hours=48, free_replies=8, send_window_days=7)
PROACTIVE = policy.Rules(48, 8, 7, proactive_messages=True)


@pytest.mark.parametrize(
    ("rules", "ago", "sent", "state", "code", "remaining"),
    [
        (RULES, None, 0, "closed", "zalo_not_yet_written", None),
        (RULES, timedelta(hours=1), 0, "open", None, 8),
        (RULES, timedelta(hours=47), 7, "open", None, 1),
        (RULES, timedelta(hours=1), 8, "closed", "zalo_free_replies_used", 0),
        (RULES, timedelta(hours=49), 0, "closed", "zalo_window_closed", 0),
        (PROACTIVE, timedelta(hours=1), 8, "human_only", "zalo_proactive", 0),
        (PROACTIVE, timedelta(days=6), 0, "human_only", "zalo_proactive", 0),
        (PROACTIVE, timedelta(days=8), 0, "closed", "zalo_window_closed", 0),
    ],
)
def test_sending_rules(rules, ago, sent, state, code, remaining):
    last = NOW - ago if ago is not None else None
    window = policy.reply_window(rules, last, NOW, sent)
    assert (window.state, window.code, window.remaining) == (state, code, remaining)
    if state == "closed":
        with pytest.raises(ReplyWindowClosed) as refused:
            window.check(sent_by_human=True)
        assert refused.value.code == code and refused.value.message == window.reason
    if state == "human_only":
        window.check(sent_by_human=True)
        with pytest.raises(ReplyWindowClosed):
            window.check(sent_by_human=False)


def test_the_open_window_says_what_follows():
    window = policy.reply_window(RULES, NOW, NOW, 0)
    assert window.closes_at == NOW + timedelta(hours=48) and window.then == "closed"
    window = policy.reply_window(PROACTIVE, NOW, NOW, 0)
    assert window.then == "human_only"
