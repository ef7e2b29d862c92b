"""Order money in integer VND: subtotal, shipping, discount, COD, limits."""

from __future__ import annotations

import pytest

from chotdon.orders.totals import MAX_UNIT_PRICE, MoneyError, Totals, compute_totals, format_vnd


@pytest.mark.parametrize(
    ("lines", "kw", "expected"),
    [
        ([], {}, Totals(0, 0, 0, 0, 0)),
        ([(2, 150_000)], {}, Totals(300_000, 0, 0, 300_000, 300_000)),
        (
            [(2, 150_000), (1, 99_000)],
            {"shipping_fee": 30_000},
            Totals(399_000, 30_000, 0, 429_000, 429_000),
        ),
        (
            [(3, 100_000)],
            {"shipping_fee": 25_000, "discount": 50_000},
            Totals(300_000, 25_000, 50_000, 275_000, 275_000),
        ),
        ([(1, 100_000)], {"discount": 100_000}, Totals(100_000, 0, 100_000, 0, 0)),
        ([(1, 100_000)], {"payment_method": "bank_transfer"}, Totals(100_000, 0, 0, 100_000, 0)),
        (
            [(1, 100_000)],
            {"shipping_fee": 20_000, "cod_amount": 70_000},
            Totals(100_000, 20_000, 0, 120_000, 70_000),
        ),
        ([(1, 0)], {}, Totals(0, 0, 0, 0, 0)),
        ([(100_000, MAX_UNIT_PRICE)], {}, Totals(10**16, 0, 0, 10**16, 10**16)),
    ],
)
def test_totals(lines, kw, expected):
    result = compute_totals(lines, **kw)
    assert result == expected
    assert all(isinstance(v, int) for v in (result.subtotal, result.total, result.cod_amount))


@pytest.mark.parametrize(
    ("lines", "kw", "field"),
    [
        ([(0, 1000)], {}, "quantity"),
        ([(-1, 1000)], {}, "quantity"),
        ([(100_001, 1000)], {}, "quantity"),
        ([(1, -5)], {}, "unit_price"),
        ([(1, MAX_UNIT_PRICE + 1)], {}, "unit_price"),
        ([(1, 1.5)], {}, "unit_price"),
        ([(1, 1000)], {"discount": 2000}, "discount"),
        ([(1, 1000)], {"shipping_fee": -1}, "shipping_fee"),
        ([(1, 1000)], {"cod_amount": 1001}, "cod_amount"),
        ([(1, 1000)], {"cod_amount": -1}, "cod_amount"),
    ],
)
def test_refused(lines, kw, field):
    with pytest.raises(MoneyError) as info:
        compute_totals(lines, **kw)
    assert info.value.field == field


@pytest.mark.parametrize(
    ("amount", "text"), [(0, "0đ"), (150_000, "150.000đ"), (1_234_567, "1.234.567đ")]
)
def test_format_vnd(amount, text):
    assert format_vnd(amount) == text
