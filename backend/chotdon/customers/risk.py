"""The risk badge staff see next to a customer: how likely they are to abandon ("bùng đơn").

Pure function of the customer's order counts and the blacklist; table-tested.
"""

from __future__ import annotations

from typing import Literal

RiskLevel = Literal["new", "trusted", "watch", "high", "blacklisted"]

RISK_LABELS_VI = {
    "new": "Khách mới",
    "trusted": "Khách uy tín",
    "watch": "Cần chú ý",
    "high": "Hay bùng đơn",
    "blacklisted": "Danh sách đen",
}


def risk_level(*, completed: int, cancelled: int, blacklisted: bool = False) -> RiskLevel:
    """blacklisted > high (2+ abandoned and at least as many as completed) > watch (any
    abandoned) > trusted (completed orders, none abandoned) > new."""
    if blacklisted:
        return "blacklisted"
    if cancelled >= 2 and cancelled >= completed:
        return "high"
    if cancelled >= 1:
        return "watch"
    if completed >= 1:
        return "trusted"
    return "new"
