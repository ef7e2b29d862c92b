"""Lazada's wire format, pure: signatures (the official worked example), pushes and messages
→ events, session ids, image sizes, the chat rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import orjson
import pytest

from chotdon.channels.lazada import parse, signing
from chotdon.channels.lazada.provider import reply_window
from chotdon.channels.lazada.send import image_size
from chotdon.channels.lazada.service import seller_id_of, tokens_of


def test_api_signature_matches_lazadas_worked_example():
    params = {
        "access_token": "test",
        "app_key": "123456",
        "order_id": "1234",
        "sign_method": "sha256",
        "timestamp": "1517820392000",
    }
    assert signing.sign_base("/order/get", params) == (
        "/order/getaccess_tokentestapp_key123456order_id1234sign_methodsha256timestamp1517820392000"
    )
    assert signing.api_sign("helloworld", "/order/get", {**params, "sign": "ignored"}) == (
        "4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A"
    )


@pytest.mark.parametrize(
    ("header", "ok"),
    [
        (lambda good: good, True),
        (lambda good: good.upper(), True),
        (lambda good: f"  {good} ", True),
        (lambda good: good[:-1] + ("0" if good[-1] != "0" else "1"), False),
        (lambda good: "", False),
        (lambda good: None, False),
        (lambda good: "ü" * 64, False),
    ],
)
def test_push_signature(header, ok):
    body = b'{"seller_id":"1","message_type":2}'
    good = signing.push_sign("secret", "100001", body)
    assert signing.verify_push("secret", "100001", body, header(good)) is ok
    assert signing.verify_push("other", "100001", body, good) is False


def _message(**changes):
    base = {
        "session_id": "900_2_701_1_103",
        "message_id": "m1",
        "template_id": 1,
        "content": '{"txt":"shop ơi"}',
        "from_account_type": 1,
        "from_account_id": "701",
        "to_account_id": "900",
        "send_time": 1700000000000,
        "status": 0,
    }
    return {**base, **changes}


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (_message(), ("in", "701", "shop ơi", None)),
        (
            _message(from_account_type=2, from_account_id="900", to_account_id="701"),
            ("out", "701", "shop ơi", None),
        ),
        (
            _message(from_account_type=2, from_account_id="900", to_account_id=None),
            ("out", "701", "shop ơi", None),
        ),  # the buyer from the session id
        (
            _message(template_id=3, content='{"imgUrl":"https://x/a.jpg"}'),
            ("in", "701", None, "image"),
        ),
        (_message(template_id=10006, content={"itemId": "55"}), ("in", "701", None, "product")),
        (_message(template_id=10007, content='{"orderId":"77"}'), ("in", "701", None, "order")),
        (_message(template_id=4, content='{"txt":"[happy]"}'), ("in", "701", None, "sticker")),
        (_message(template_id=6, content='{"videoId":"v"}'), ("in", "701", None, "video")),
        (_message(template_id=2, content='{"txt":"Đã giao"}'), ("in", "701", "Đã giao", None)),
        (_message(template_id=10011, content="{}"), ("in", "701", "[Yêu cầu hoàn tiền]", None)),
        (_message(content="plain text, not JSON"), ("in", "701", "plain text, not JSON", None)),
    ],
)
def test_message_events(message, expected):
    event = parse.message_event(message)
    assert event is not None
    direction, buyer, text, attachment = expected
    assert (event.direction, event.customer.external_id, event.text) == (direction, buyer, text)
    assert (event.attachments[0]["type"] if event.attachments else None) == attachment
    assert event.meta["lazada_session_id"] == "900_2_701_1_103"
    assert event.created_at == datetime.fromtimestamp(1700000000, UTC)


@pytest.mark.parametrize(
    "message",
    [
        _message(message_id="../x"),
        _message(session_id=None),
        _message(template_id=200016),  # marketing broadcast
        _message(from_account_id=None, session_id="garbage"),
        "not a dict",
    ],
)
def test_messages_that_are_skipped(message):
    assert parse.message_event(message) is None


def test_pushes():
    push = {"seller_id": "900", "message_type": 2, "data": _message(), "timestamp": 1}
    events = parse.parse_push(push)
    assert events is not None and len(events.messages) == 1 and events.seller_id == "900"
    as_string = {**push, "data": orjson.dumps(_message()).decode()}
    assert len(parse.parse_push(as_string).messages) == 1
    read = parse.parse_push(
        {
            "seller_id": 900,
            "message_type": 19,
            "data": {"session_id": "900_2_701_1_103", "to_position": 1596550789323},
        }
    )
    assert read.reads[0].customer_external_id == "701" and read.reads[0].status == "read"
    assert parse.parse_push({"seller_id": "900", "message_type": 8, "data": {}}).messages == []
    assert parse.parse_push({"message_type": 2}) is None
    assert parse.parse_push({"seller_id": "x/y", "message_type": 2}) is None
    assert parse.parse_push([1]) is None


@pytest.mark.parametrize(
    ("session_id", "buyer"),
    [
        ("100094063_2_1011822749_1_103", "1011822749"),
        ("1011822749_1_100094063_2_103", "1011822749"),
        ("100094063_2_5_2_103", None),
        ("", None),
        (None, None),
    ],
)
def test_buyer_of_session(session_id, buyer):
    assert parse.buyer_of_session(session_id) == buyer


def test_image_size():
    png = bytes.fromhex("89504e470d0a1a0a0000000d494844520000029a000001f4")
    assert image_size(png) == (666, 500)
    assert image_size(b"GIF89a\x10\x00\x20\x00") == (16, 32)
    jpeg = b"\xff\xd8" + b"\xff\xe0\x00\x04\x00\x00" + b"\xff\xc0\x00\x11\x08\x01\x2c\x02\x58\x03"
    assert image_size(jpeg) == (600, 300)
    assert image_size(b"not an image") is None


def test_token_answer():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    body = {
        "access_token": "a",
        "refresh_token": "r",
        "expires_in": 604800,
        "refresh_expires_in": 1209600,
        "country_user_info": [
            {"country": "sg", "seller_id": "1"},
            {"country": "vn", "seller_id": "2"},
        ],
    }
    pair = tokens_of(body, now)
    assert pair.access_expires_at == now + timedelta(days=7)
    assert pair.refresh_expires_at == now + timedelta(days=14)
    assert seller_id_of(body) == "2"
    assert seller_id_of({"country_user_info": [{"seller_id": "../x"}]}) is None


NOW = datetime(2026, 1, 31, tzinfo=UTC)


@pytest.mark.parametrize(
    ("last_incoming_at", "sent_today", "reply_days", "state", "remaining"),
    [
        (None, 0, 0, "human_only", 5),  # seller-initiated: staff only, counted
        (None, 4, 0, "human_only", 1),
        (None, 5, 0, "closed", 0),
        (NOW - timedelta(days=400), 50, 0, "open", None),  # the buyer wrote: no limit
        (NOW - timedelta(days=3), 0, 7, "open", None),
        (NOW - timedelta(days=8), 0, 7, "closed", None),
    ],
)
def test_reply_window(last_incoming_at, sent_today, reply_days, state, remaining):
    window = reply_window(
        last_incoming_at, NOW, sent_today=sent_today, daily_limit=5, reply_days=reply_days
    )
    assert (window.state, window.remaining) == (state, remaining)
    if state != "open":
        assert window.reason and window.code
