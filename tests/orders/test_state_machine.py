"""Every (from, to) pair of order statuses: allowed ones with their stock effect, the rest 409."""

from __future__ import annotations

import itertools

import pytest

from chotdon.orders.state_machine import (
    STATUSES,
    OrderFacts,
    TransitionRefused,
    allowed_targets,
    check_transition,
    is_editable,
)

READY = {"items_count": 1, "has_phone": True, "has_address": True}

ALLOWED = {
    ("draft", "confirmed"): "reserve",
    ("draft", "cancelled"): None,
    ("confirmed", "closed"): None,
    ("confirmed", "cancelled"): "release",
    ("closed", "completed"): "consume",
    ("closed", "cancelled"): "release",
}


@pytest.mark.parametrize(("frm", "to"), list(itertools.product(STATUSES, STATUSES)))
def test_every_pair(frm, to):
    facts = OrderFacts(status=frm, **READY)
    if (frm, to) in ALLOWED:
        assert check_transition(facts, to, reason="Khách đổi ý") == ALLOWED[(frm, to)]
    else:
        with pytest.raises(TransitionRefused) as info:
            check_transition(facts, to, reason="Khách đổi ý")
        assert info.value.code == "transition_not_allowed"
        assert info.value.message


@pytest.mark.parametrize(
    ("frm", "to", "facts", "reason", "code"),
    [
        ("draft", "cancelled", {}, None, "reason_required"),
        ("confirmed", "cancelled", {}, "   ", "reason_required"),
        ("draft", "confirmed", {"items_count": 0}, None, "order_empty"),
        ("draft", "confirmed", {"has_phone": False}, None, "phone_required"),
        ("confirmed", "closed", {"has_address": False}, None, "address_required"),
        ("draft", "shipped", {}, None, "unknown_status"),
    ],
)
def test_guards(frm, to, facts, reason, code):
    with pytest.raises(TransitionRefused) as info:
        check_transition(OrderFacts(status=frm, **{**READY, **facts}), to, reason=reason)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("status", "editable", "targets"),
    [
        ("draft", True, ["confirmed", "cancelled"]),
        ("confirmed", True, ["closed", "cancelled"]),
        ("closed", False, ["completed", "cancelled"]),
        ("completed", False, []),
        ("cancelled", False, []),
    ],
)
def test_editable_and_targets(status, editable, targets):
    assert is_editable(status) is editable
    assert allowed_targets(status) == targets
