"""Pure decisions of automatic messages: away periods across time zones and closed dates,
once-keys, template rendering and checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chotdon.automations import rules, templates
from chotdon.working_hours.schedule import Schedule

WEEK = {d: [["08:00", "12:00"], ["13:30", "21:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
SHOP = Schedule.from_config("Asia/Ho_Chi_Minh", WEEK, ["2027-02-17"])


def vn(day: int, hour: int, minute: int = 0) -> datetime:
    """A time in Hồ Chí Minh (UTC+7) in February 2027, as UTC (1 Feb 2027 is a Monday)."""
    return datetime(2027, 2, day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


@pytest.mark.parametrize(
    ("at", "closed_since"),
    [
        (vn(1, 9), None),  # Monday morning: open
        (vn(1, 12, 30), vn(1, 12)),  # lunch break
        (vn(1, 21, 0), vn(1, 21)),  # closing time itself is closed
        (vn(1, 23, 59), vn(1, 21)),  # Monday night in Vietnam ...
        (vn(2, 0, 30), vn(1, 21)),  # ... is still Monday's evening after midnight
        (vn(2, 7, 59), vn(1, 21)),
        (vn(2, 8, 0), None),
        (vn(6, 10), vn(5, 21)),  # Saturday: closed since Friday evening
        (vn(8, 7), vn(5, 21)),  # Monday before opening: the same weekend period
        (vn(17, 10), vn(16, 21)),  # a closed date (Tết): closed since the evening before
        (vn(18, 7), vn(16, 21)),
    ],
)
def test_away_key_is_the_closed_period(at, closed_since) -> None:
    key = rules.away_key(SHOP, 42, at)
    if closed_since is None:
        assert key is None
    else:
        assert key == f"away:42:{closed_since.isoformat()}"


def test_utc_midnight_is_not_the_shops_midnight() -> None:
    # 00:30 UTC Tuesday is 07:30 in Vietnam: still the closed period of Monday evening.
    at = datetime(2027, 2, 2, 0, 30, tzinfo=UTC)
    assert rules.away_key(SHOP, 1, at) == f"away:1:{vn(1, 21).isoformat()}"
    assert rules.away_key(SHOP, 1, at + timedelta(hours=1)) is None  # 08:30 local


@pytest.mark.parametrize(
    ("silence", "key"),
    [(None, "greeting:3:7"), (6, "greeting:3:7:99")],
)
def test_greeting_keys(silence, key) -> None:
    assert rules.greeting_key(3, 7, 99, silence) == key


@pytest.mark.parametrize(
    ("channel_ids", "channel_id", "matches"),
    [([], 5, True), ([5, 6], 5, True), ([6], 5, False)],
)
def test_channel_matches(channel_ids, channel_id, matches) -> None:
    assert rules.channel_matches(channel_ids, channel_id) is matches


@pytest.mark.parametrize(
    ("text", "values", "rendered"),
    [
        ("Chào {{customer_name}}", {"customer_name": "Lan"}, "Chào Lan"),
        ("Chào {{ customer_name }}!", {"customer_name": "Lan"}, "Chào Lan!"),
        ("Mã vận đơn: {{tracking_code}}", {}, "Mã vận đơn:"),
        ("{{unknown}} stays", {}, "{{unknown}} stays"),
        ("{single} braces", {}, "{single} braces"),
        ("{{order_code}} {{order_total}}", {"order_code": "DH1", "order_total": "1đ"}, "DH1 1đ"),
    ],
)
def test_render(text, values, rendered) -> None:
    assert templates.render(text, values) == rendered


@pytest.mark.parametrize(
    ("text", "kind", "ok"),
    [
        ("Chào {{customer_name}} từ {{shop_name}}", "greeting", True),
        ("Đơn {{order_code}}", "order_status", True),
        ("Đơn {{order_code}}", "away", False),
        ("{{ten}}", "order_status", False),
        ("không biến", "away", True),
    ],
)
def test_template_problems(text, kind, ok) -> None:
    assert (templates.problems(text, kind) == []) is ok


def test_stale_messages_get_no_automatic_answer() -> None:
    now = datetime(2027, 1, 1, tzinfo=UTC)
    assert rules.is_stale(now - timedelta(hours=3), now)
    assert not rules.is_stale(now - timedelta(minutes=5), now)
