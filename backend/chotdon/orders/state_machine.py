"""The order lifecycle as data: which transitions exist, what each needs, what it does to stock.

Pure, no I/O. `orders.service.transition` is the only caller that changes a status, and it asks
`check_transition` first, so every rule lives here and is tested exhaustively by a table.

    draft ──► confirmed ──► closed ("chốt") ──► completed
      │            │            │
      └────────────┴────────────┴──► cancelled (with a reason)

Stock: reserved when an order is confirmed, released when a confirmed/closed order is
cancelled, taken out of stock for good when the order is completed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

OrderStatus = Literal["draft", "confirmed", "closed", "completed", "cancelled"]
StockEffect = Literal["reserve", "release", "consume"]

STATUSES: tuple[OrderStatus, ...] = ("draft", "confirmed", "closed", "completed", "cancelled")

# (from, to) -> what happens to stock (None: nothing).
TRANSITIONS: dict[tuple[str, str], StockEffect | None] = {
    ("draft", "confirmed"): "reserve",
    ("draft", "cancelled"): None,
    ("confirmed", "closed"): None,
    ("confirmed", "cancelled"): "release",
    ("closed", "completed"): "consume",
    ("closed", "cancelled"): "release",
}

# Statuses in which items, prices, fees and the recipient may still be edited.
EDITABLE: frozenset[str] = frozenset({"draft", "confirmed"})
# Statuses whose items hold a stock reservation.
HOLDS_STOCK: frozenset[str] = frozenset({"confirmed", "closed"})
FINAL: frozenset[str] = frozenset({"completed", "cancelled"})

LABELS_VI = {
    "draft": "Nháp",
    "confirmed": "Đã xác nhận",
    "closed": "Đã chốt",
    "completed": "Hoàn thành",
    "cancelled": "Đã huỷ",
}


@dataclass(frozen=True, slots=True)
class OrderFacts:
    """What the rules need to know about an order, without the database."""

    status: str
    items_count: int = 0
    has_phone: bool = False
    has_address: bool = False
    needs_variant: bool = False  # a line whose size / colour is still to be chosen


class TransitionRefused(Exception):
    """A transition that the rules do not allow; `code` is the API error code."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(message)


def allowed_targets(status: str) -> list[str]:
    """The statuses an order in `status` may move to (for buttons in the UI)."""
    return [to for (frm, to) in TRANSITIONS if frm == status]


def check_transition(facts: OrderFacts, to: str, reason: str | None = None) -> StockEffect | None:
    """Return the stock effect of moving `facts.status` -> `to`, or raise TransitionRefused."""
    frm = facts.status
    if to not in STATUSES:
        raise TransitionRefused("unknown_status", f"Unknown order status '{to}'")
    if frm == to:
        raise TransitionRefused(
            "transition_not_allowed", f"The order is already {LABELS_VI.get(frm, frm)} ({frm})"
        )
    if (frm, to) not in TRANSITIONS:
        if frm in FINAL:
            message = f"A {frm} order cannot change status any more"
        elif to == "cancelled":
            message = f"A {frm} order can no longer be cancelled"
        else:
            message = f"An order cannot go from {frm} to {to}"
        raise TransitionRefused("transition_not_allowed", message)
    if to == "cancelled" and not (reason and reason.strip()):
        raise TransitionRefused("reason_required", "Cancelling an order needs a reason")
    if to == "confirmed":
        if facts.items_count <= 0:
            raise TransitionRefused("order_empty", "Add at least one product before confirming")
        if not facts.has_phone:
            raise TransitionRefused(
                "phone_required", "The customer's phone number is needed to confirm the order"
            )
        if facts.needs_variant:
            raise TransitionRefused(
                "variant_required", "Choose the size / colour of every product before confirming"
            )
    if to == "closed" and not facts.has_address:
        raise TransitionRefused(
            "address_required", "A delivery address is needed before closing the order"
        )
    return TRANSITIONS[(frm, to)]


def is_editable(status: str) -> bool:
    return status in EDITABLE
