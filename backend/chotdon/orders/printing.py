"""Printable invoices: one HTML page, print CSS for A5 sheets or 80 mm receipt printers.

Pure rendering (every value HTML-escaped); the browser prints it (`window.print()` on load
when `autoprint` is asked). Several orders print as one document, one order per page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
from typing import Literal
from zoneinfo import ZoneInfo

from chotdon.customers.phones import display_phone
from chotdon.orders.receipt import PAYMENT_LABELS
from chotdon.orders.schemas import OrderOut
from chotdon.orders.state_machine import LABELS_VI
from chotdon.orders.totals import format_vnd

Paper = Literal["a5", "80mm"]
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_CSS = {
    "a5": """
@page { size: A5; margin: 10mm; }
body { font: 12px/1.45 "Segoe UI", Roboto, Arial, sans-serif; color: #000; margin: 0; }
.sheet { max-width: 128mm; margin: 0 auto; }
table.items td, table.items th { padding: 3px 4px; border-bottom: 1px solid #ccc; }
""",
    "80mm": """
@page { size: 80mm auto; margin: 3mm; }
body { font: 11px/1.35 "Segoe UI", Roboto, Arial, sans-serif; color: #000; margin: 0; }
.sheet { width: 72mm; margin: 0 auto; }
table.items td, table.items th { padding: 2px 0; border-bottom: 1px dashed #999; }
.hide-80 { display: none; }
""",
}
_BASE_CSS = """
h1 { font-size: 1.4em; margin: 0 0 2px; text-align: center; }
.muted { color: #444; }
.center { text-align: center; }
.row { display: flex; justify-content: space-between; gap: 8px; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
.totals td { padding: 1px 0; }
.grand td { font-weight: 700; font-size: 1.15em; border-top: 1px solid #000; padding-top: 3px; }
.sheet { page-break-after: always; break-after: page; padding-bottom: 4mm; }
.sheet:last-child { page-break-after: auto; break-after: auto; }
@media screen { body { background: #eee; } .sheet { background: #fff; padding: 6mm;
  margin: 8px auto; box-shadow: 0 1px 4px rgba(0,0,0,.2); } }
"""


def _when(value: datetime | None) -> str:
    return value.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M") if value else ""


def _sheet(order: OrderOut, shop_name: str) -> str:
    e = escape
    rows = "".join(
        f"<tr><td>{e(i.name)}"
        + (
            f"<br><span class='muted'>{e(i.variant_sku or i.sku or '')}</span>"
            if (i.variant_sku or i.sku)
            else ""
        )
        + f"</td><td class='num'>{i.quantity}</td>"
        f"<td class='num hide-80'>{e(format_vnd(i.unit_price))}</td>"
        f"<td class='num'>{e(format_vnd(i.line_total))}</td></tr>"
        for i in order.items
    )
    phone = display_phone(order.phone) if order.phone else ""
    address = (
        ", ".join(p for p in (order.address, order.ward, order.district, order.province) if p)
        if order.address
        else ""
    )
    note = f"<p><b>Ghi chú:</b> {e(order.note)}</p>" if order.note else ""
    return f"""<section class="sheet" data-order-id="{order.id}">
<h1>{e(shop_name)}</h1>
<p class="center">HOÁ ĐƠN BÁN HÀNG<br><b>{e(order.code)}</b> · {e(_when(order.created_at))}
 · {e(LABELS_VI.get(order.status, order.status))}</p>
<p><b>Người nhận:</b> {e(order.customer_name or "")}<br>
<b>SĐT:</b> {e(phone)}<br>
<b>Địa chỉ:</b> {e(address)}</p>
<table class="items"><thead><tr><th>Sản phẩm</th><th class="num">SL</th>
<th class="num hide-80">Đơn giá</th><th class="num">Thành tiền</th></tr></thead>
<tbody>{rows}</tbody></table>
<table class="totals">
<tr><td>Tạm tính</td><td class="num">{e(format_vnd(order.subtotal))}</td></tr>
<tr><td>Phí vận chuyển</td><td class="num">{e(format_vnd(order.shipping_fee))}</td></tr>
<tr><td>Giảm giá</td><td class="num">-{e(format_vnd(order.discount))}</td></tr>
<tr class="grand"><td>Tổng cộng</td><td class="num">{e(format_vnd(order.total))}</td></tr>
<tr><td>Thu hộ (COD)</td><td class="num">{e(format_vnd(order.cod_amount))}</td></tr>
<tr><td>Thanh toán</td><td class="num">{e(PAYMENT_LABELS.get(order.payment_method, order.payment_method))}</td></tr>
</table>
{note}
<p class="center muted">Cảm ơn quý khách!</p>
</section>"""


def render_invoices(
    orders: Sequence[OrderOut], shop_name: str, paper: Paper = "a5", *, autoprint: bool = False
) -> str:
    title = orders[0].code if len(orders) == 1 else f"{len(orders)} đơn hàng"
    script = (
        "<script>window.addEventListener('load',()=>window.print())</script>" if autoprint else ""
    )
    sheets = "\n".join(_sheet(o, shop_name) for o in orders)
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>In đơn {escape(title)}</title>
<style>{_BASE_CSS}{_CSS[paper]}</style>{script}</head>
<body class="paper-{paper}">
{sheets}
</body></html>"""
