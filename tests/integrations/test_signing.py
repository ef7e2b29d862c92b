"""Pure pieces of outgoing webhooks: signature, retry delays, ordering keys, address checks."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from chotdon.integrations import signing


def test_signature_is_hmac_of_timestamp_dot_body() -> None:
    body = b'{"id":"evt_1"}'
    expected = hmac.new(b"s3cret", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert signing.sign("s3cret", "1700000000", body) == "sha256=" + expected
    assert signing.verify("s3cret", "1700000000", body, "sha256=" + expected)
    assert not signing.verify("s3cret", "1700000001", body, "sha256=" + expected)
    assert not signing.verify("other", "1700000000", body, "sha256=" + expected)


@pytest.mark.parametrize(
    ("attempt", "rand", "expected"),
    [
        (0, 0.5, 0.0),
        (1, 0.0, 15.0),
        (1, 1.0, 30.0),
        (2, 0.0, 30.0),
        (3, 1.0, 120.0),
        (8, 0.0, 1800.0),  # capped at one hour, half of it fixed
        (40, 1.0, 3600.0),
    ],
)
def test_retry_delay_grows_exponentially_with_jitter(attempt, rand, expected) -> None:
    assert signing.retry_delay(attempt, base=30, cap=3600, rand=lambda: rand) == expected


def test_retries_span_more_than_a_day_before_the_window_closes() -> None:
    total, attempt = 0.0, 0
    while total < 25 * 3600:
        attempt += 1
        total += signing.retry_delay(attempt, base=30, cap=3600, rand=lambda: 0.0)
    assert attempt > 40  # many attempts, never more than an hour apart


@pytest.mark.parametrize(
    ("type_", "data", "key"),
    [
        ("order.updated", {"id": 5}, "order:5"),
        ("order.created", {"id": 5}, "order:5"),
        ("shipment.updated", {"id": 9, "order_id": 5}, "order:5"),
        ("message.created", {"id": 3, "conversation_id": 7}, "conversation:7"),
        ("conversation.updated", {"id": 7}, "conversation:7"),
        ("contact.updated", {"id": 2}, "contact:2"),
        ("livestream.updated", {"id": 4}, "livestream:4"),
        ("ping", {}, None),
        ("order.updated", {}, None),
    ],
)
def test_ordering_keys(type_, data, key) -> None:
    assert signing.ordering_key(type_, data) == key


@pytest.mark.parametrize(
    ("address", "forbidden"),
    [
        ("127.0.0.1", True),
        ("10.0.0.5", True),
        ("172.16.3.4", True),
        ("192.168.0.1", True),
        ("169.254.169.254", True),
        ("100.64.0.1", True),
        ("0.0.0.0", True),
        ("224.0.0.1", True),
        ("::1", True),
        ("fe80::1%eth0", True),
        ("fc00::1", True),
        ("::ffff:127.0.0.1", True),
        ("not-an-ip", True),
        ("8.8.8.8", False),
        ("2606:4700:4700::1111", False),
        ("::ffff:8.8.8.8", False),
    ],
)
def test_forbidden_addresses(address, forbidden) -> None:
    assert signing.forbidden_address(address) is forbidden
