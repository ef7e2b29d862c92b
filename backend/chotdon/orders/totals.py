"""Order money arithmetic in integer VND (no floats anywhere), and the limits on input.

Pure, no I/O: `compute_totals` is what the service stores and what the tests check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Upper bounds that keep every sum far below BIGINT (9.2e18) and catch typos ("1e15 đồng").
MAX_UNIT_PRICE = 100_000_000_000  # 100 tỷ đồng for one unit
MAX_QUANTITY = 100_000
MAX_ITEMS = 200
MAX_FEE = 100_000_000_000


class MoneyError(ValueError):
    """Input that would make a nonsensical order (negative total, overflow...)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Totals:
    subtotal: int
    shipping_fee: int
    discount: int
    total: int
    cod_amount: int


def line_total(quantity: int, unit_price: int) -> int:
    return quantity * unit_price


def check_line(quantity: int, unit_price: int) -> None:
    if not isinstance(quantity, int) or isinstance(quantity, bool):
        raise MoneyError("quantity", "Quantity must be a whole number")
    if quantity <= 0:
        raise MoneyError("quantity", "Quantity must be at least 1")
    if quantity > MAX_QUANTITY:
        raise MoneyError("quantity", f"Quantity must be at most {MAX_QUANTITY}")
    if not isinstance(unit_price, int) or isinstance(unit_price, bool):
        raise MoneyError("unit_price", "Prices are whole numbers of đồng")
    if unit_price < 0:
        raise MoneyError("unit_price", "A price cannot be negative")
    if unit_price > MAX_UNIT_PRICE:
        raise MoneyError("unit_price", "The price is too large")


def compute_totals(
    lines: Iterable[tuple[int, int]],
    *,
    shipping_fee: int = 0,
    discount: int = 0,
    payment_method: str = "cod",
    cod_amount: int | None = None,
) -> Totals:
    """subtotal = Σ quantity × unit_price; total = subtotal + shipping − discount.

    COD (what the carrier collects) defaults to the total for cash on delivery and to 0 for a
    bank transfer; an explicit amount (a deposit was paid) must lie between 0 and the total.
    """
    subtotal = 0
    for quantity, unit_price in lines:
        check_line(quantity, unit_price)
        subtotal += line_total(quantity, unit_price)
    for field, value in (("shipping_fee", shipping_fee), ("discount", discount)):
        if value < 0:
            raise MoneyError(field, "Cannot be negative")
        if value > MAX_FEE:
            raise MoneyError(field, "The amount is too large")
    total = subtotal + shipping_fee - discount
    if total < 0:
        raise MoneyError("discount", "The discount is larger than the order total")
    if cod_amount is None:
        cod = total if payment_method == "cod" else 0
    else:
        if cod_amount < 0 or cod_amount > total:
            raise MoneyError("cod_amount", "COD must be between 0 and the order total")
        cod = cod_amount
    return Totals(subtotal, shipping_fee, discount, total, cod)


def format_vnd(amount: int) -> str:
    """150000 -> '150.000đ' (Vietnamese thousands separator)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + "đ"
