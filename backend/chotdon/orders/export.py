"""Orders to Excel: openpyxl in write-only mode, filled page by page, streamed from a temp file.

Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) are
prefixed with an apostrophe: customer names and notes come from strangers on the internet.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chotdon.customers.phones import display_phone
from chotdon.orders.receipt import PAYMENT_LABELS
from chotdon.orders.schemas import OrderOut
from chotdon.orders.state_machine import LABELS_VI

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SOURCE_LABELS = {"manual": "Thủ công", "chat_auto": "Tự động (chat)", "livestream": "Livestream"}
HEADERS = [
    "Mã đơn",
    "Trạng thái",
    "Nguồn",
    "Ngày tạo",
    "Khách hàng",
    "SĐT",
    "Địa chỉ",
    "Tỉnh/TP",
    "Quận/Huyện",
    "Phường/Xã",
    "Sản phẩm",
    "Số lượng",
    "Tạm tính",
    "Phí vận chuyển",
    "Giảm giá",
    "Tổng cộng",
    "Thu hộ (COD)",
    "Thanh toán",
    "Ghi chú",
    "Lý do huỷ",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CHUNK = 64 * 1024


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formula injection in text cells; numbers pass through."""
    if isinstance(value, str):
        value = "".join(ch for ch in value if ch in "\t\n" or ord(ch) >= 32)[:32000]
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def _when(value: datetime | None) -> Any:
    return value.astimezone(VN_TZ).replace(tzinfo=None) if value else None


def order_row(order: OrderOut) -> list[Any]:
    items = "\n".join(
        f"{i.name}{f' ({i.variant_sku or i.sku})' if (i.variant_sku or i.sku) else ''} x{i.quantity}"
        for i in order.items
    )
    row = [
        order.code,
        LABELS_VI.get(order.status, order.status),
        SOURCE_LABELS.get(order.source, order.source),
        _when(order.created_at),
        order.customer_name or "",
        display_phone(order.phone) if order.phone else "",
        order.address or "",
        order.province or "",
        order.district or "",
        order.ward or "",
        items,
        sum(i.quantity for i in order.items),
        order.subtotal,
        order.shipping_fee,
        order.discount,
        order.total,
        order.cod_amount,
        PAYMENT_LABELS.get(order.payment_method, order.payment_method),
        order.note or "",
        order.cancel_reason or "",
    ]
    return [safe_cell(v) for v in row]


async def write_orders_xlsx(
    next_page: Callable[[Any], Awaitable[tuple[Sequence[OrderOut], Any]]],
) -> tempfile.SpooledTemporaryFile:
    """Fill a workbook from `next_page(cursor) -> (orders, next cursor or None)`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đơn hàng")
    sheet.freeze_panes = "A2"
    widths = [11, 13, 14, 17, 22, 14, 40, 14, 14, 14, 40, 9, 12, 12, 12, 12, 12, 16, 30, 24]
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    bold = Font(bold=True)
    header = []
    for title in HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    cursor: Any = None
    while True:
        orders, cursor = await next_page(cursor)
        for order in orders:
            row = order_row(order)
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, datetime):
                    cell.number_format = "DD/MM/YYYY HH:MM"
                elif isinstance(value, int):
                    cell.number_format = "#,##0"
                cells.append(cell)
            sheet.append(cells)
        if cursor is None:
            break
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    # Zipping the sheet is CPU work: keep it off the event loop.
    await asyncio.to_thread(workbook.save, out)
    out.seek(0)
    return out


async def stream_file(file: Any) -> AsyncIterator[bytes]:
    try:
        while chunk := file.read(_CHUNK):
            yield chunk
    finally:
        file.close()
