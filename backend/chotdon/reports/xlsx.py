"""Report tables as workbooks: the same rows as the JSON, one header row, a totals row.

Labels come from staff-chosen names (channels, livestreams, members): text cells go through
`orders.export.safe_cell` so a name starting with "=" stays text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from chotdon.orders.export import safe_cell
from chotdon.reports.schemas import ConversationReport, LivestreamReport, OrderReport

DURATIONS = ("avg", "p50", "p90")
CONVERSATION_COLUMNS = [
    ("new_conversations", "Hội thoại mới"),
    ("reopened_conversations", "Mở lại"),
    ("replied", "Đã trả lời"),
    ("messages_in", "Tin khách gửi"),
    ("messages_out", "Tin nhân viên gửi"),
    ("messages_bot", "Tin tự động"),
    ("first_response_seconds", "Phản hồi đầu (giây)"),
    ("first_response_seconds_working_hours", "Phản hồi đầu trong giờ làm (giây)"),
    ("response_seconds", "Phản hồi mọi lượt (giây)"),
    ("response_seconds_working_hours", "Phản hồi mọi lượt trong giờ làm (giây)"),
]
ORDER_COLUMNS = [
    ("orders", "Tổng đơn"),
    ("draft", "Nháp"),
    ("confirmed", "Đã xác nhận"),
    ("closed", "Đã chốt"),
    ("completed", "Hoàn thành"),
    ("cancelled", "Đã huỷ"),
    ("returned", "Bùng / hoàn"),
    ("revenue", "Doanh thu (₫)"),
    ("cancel_rate", "Tỉ lệ huỷ"),
    ("return_rate", "Tỉ lệ bùng"),
]
DURATION_NAMES = {"avg": "TB", "p50": "trung vị", "p90": "P90"}


def _headers(columns: Sequence[tuple[str, str]], durations: set[str]) -> list[str]:
    out = []
    for name, title in columns:
        if name in durations:
            out += [f"{title} {DURATION_NAMES[d]}" for d in DURATIONS]
        else:
            out.append(title)
    return out


def _values(figures: dict[str, Any], columns: Sequence[tuple[str, str]]) -> list[Any]:
    out: list[Any] = []
    for name, _ in columns:
        value = figures[name]
        if isinstance(value, dict):
            out += [value[d] for d in DURATIONS]
        else:
            out.append(value)
    return out


def _book(title: str, header: list[str], rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([safe_cell(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table(report: ConversationReport | OrderReport, columns: list[tuple[str, str]]) -> bytes:
    data = report.model_dump()
    durations = {name for name, _ in columns if isinstance(data["totals"][name], dict)}
    header = ["Nhóm", *_headers(columns, durations)]
    rows = [[row["label"], *_values(row, columns)] for row in data["rows"]]
    rows.append(["Tổng", *_values(data["totals"], columns)])
    return _book("Báo cáo", header, rows)


def conversations_xlsx(report: ConversationReport) -> bytes:
    return _table(report, CONVERSATION_COLUMNS)


def orders_xlsx(report: OrderReport) -> bytes:
    return _table(report, ORDER_COLUMNS)


def livestream_xlsx(report: LivestreamReport) -> bytes:
    rows: list[list[Any]] = [
        ["Livestream", report.title],
        ["Bình luận", report.comments],
        ["Người bình luận", report.commenters],
        ["Bình luận ra đơn", report.order_comments],
        ["Đơn hàng", report.orders],
        *[[f"Đơn {status}", n] for status, n in report.orders_by_status.items()],
        ["Số sản phẩm bán", report.units],
        ["Doanh thu (₫)", report.revenue],
        ["Bình luận/phút cao nhất", report.peak_comments_per_minute],
        [],
        ["Sản phẩm", "Số lượng", "Doanh thu (₫)"],
        *[[p.name, p.units, p.revenue] for p in report.products],
    ]
    return _book("Livestream", ["Chỉ số", "Giá trị"], rows)
