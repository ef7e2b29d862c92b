"""Properties of the pure order rules: money always adds up, stock effects always balance."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chotdon.orders.state_machine import (
    HOLDS_STOCK,
    STATUSES,
    OrderFacts,
    TransitionRefused,
    check_transition,
)
from chotdon.orders.totals import (
    MAX_FEE,
    MAX_QUANTITY,
    MAX_UNIT_PRICE,
    MoneyError,
    compute_totals,
)

lines = st.lists(
    st.tuples(st.integers(1, MAX_QUANTITY), st.integers(0, MAX_UNIT_PRICE)), max_size=20
)


@given(
    lines, st.integers(0, 10**9), st.integers(0, 10**12), st.sampled_from(["cod", "bank_transfer"])
)
def test_totals_add_up(order_lines, fee, discount, method):
    try:
        t = compute_totals(order_lines, shipping_fee=fee, discount=discount, payment_method=method)
    except MoneyError as exc:
        # Refused only for a discount over the cap or larger than what it discounts.
        assert exc.field == "discount"
        assert discount > MAX_FEE or discount > sum(q * p for q, p in order_lines) + fee
        return
    assert t.subtotal == sum(q * p for q, p in order_lines)
    assert t.total == t.subtotal + fee - discount >= 0
    assert t.cod_amount == (t.total if method == "cod" else 0)
    assert all(type(v) is int for v in (t.subtotal, t.total, t.cod_amount))


@given(st.lists(st.sampled_from(STATUSES), max_size=12))
def test_random_walks_keep_stock_balanced(targets):
    """Whatever agents click, a reservation is taken once and given back (or used) once."""
    status = "draft"
    held = 0
    for to in targets:
        try:
            effect = check_transition(
                OrderFacts(status, items_count=1, has_phone=True, has_address=True),
                to,
                reason="lý do",
            )
        except TransitionRefused:
            continue
        if effect == "reserve":
            held += 1
        elif effect in ("release", "consume"):
            held -= 1
        status = to
        assert held == (1 if status in HOLDS_STOCK else 0)
    assert held in (0, 1)
