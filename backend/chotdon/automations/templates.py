"""Automatic message texts: `{{variable}}` placeholders, checked on save and rendered when sent."""

from __future__ import annotations

import re
from collections.abc import Mapping

VARIABLES = ("customer_name", "shop_name", "order_code", "order_total", "tracking_code")
# Variables an order-status message may use beyond the customer's and the shop's names.
ORDER_VARIABLES = frozenset({"order_code", "order_total", "tracking_code"})

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")

SAMPLE: dict[str, str] = {
    "customer_name": "Nguyễn Thị Lan",
    "order_code": "DH000123",
    "order_total": "350.000đ",
    "tracking_code": "GHN8Y6K2LQ",
}


def variables_in(text: str) -> list[str]:
    return [m.group(1) for m in _PLACEHOLDER.finditer(text)]


def problems(text: str, kind: str) -> list[str]:
    """Why this text cannot be saved for this kind of rule (empty: fine)."""
    out = []
    for name in dict.fromkeys(variables_in(text)):
        if name not in VARIABLES:
            out.append(f"unknown variable {{{{{name}}}}}; use {', '.join(VARIABLES)}")
        elif name in ORDER_VARIABLES and kind != "order_status":
            out.append(f"{{{{{name}}}}} is only available in order status messages")
    return out


def render(text: str, values: Mapping[str, str]) -> str:
    """Replace every known placeholder; a value that is missing renders as an empty string."""
    return _PLACEHOLDER.sub(
        lambda m: values.get(m.group(1), "") if m.group(1) in VARIABLES else m.group(0), text
    ).strip()
