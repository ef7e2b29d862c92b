"""Figures, their targets and baselines; JSON files in bench/results and the summary table."""

from __future__ import annotations

import json
import math
import os
import platform
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass
class Figure:
    """One measured number, what it should be, and what the same machine does without us.

    `higher_is_better` decides how the target is read (a rate: value >= target; a latency:
    value < target). `ratio` is value / baseline: for a latency "how many times the bare
    server's latency", for a rate "which fraction of the raw rate".
    """

    bench: str
    name: str
    value: float | None
    unit: str
    target: float | None = None
    higher_is_better: bool = False
    baseline_name: str | None = None
    baseline: float | None = None
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline or math.isnan(self.baseline):
            return None
        return self.value / self.baseline

    @property
    def status(self) -> str:
        if self.value is None or (isinstance(self.value, float) and math.isnan(self.value)):
            return "skipped"
        if self.target is None:
            return "info"
        ok = self.value >= self.target if self.higher_is_better else self.value < self.target
        return "met" if ok else "MISSED"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["status"] = self.status
        return data


def skipped(
    bench: str, name: str, unit: str, target: float | None, reason: str, **kw: Any
) -> Figure:
    return Figure(bench, name, None, unit, target=target, note=reason, **kw)


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    return info


def write(bench: str, figures: list[Figure], context: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{bench}.json"
    payload = {
        "bench": bench,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        **context,
        "figures": [f.as_dict() for f in figures],
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
    return path


def _fmt(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(figures: list[Figure]) -> str:
    """The one summary table: figure, value, target, baseline (same run), ratio, status."""
    header = ["bench", "figure", "value", "target", "baseline (same run)", "ratio", "status"]
    rows = [header]
    for f in figures:
        op = ">=" if f.higher_is_better else "<"
        target = f"{op} {_fmt(f.target)} {f.unit}" if f.target is not None else "-"
        base = f"{_fmt(f.baseline)} {f.unit} ({f.baseline_name})" if f.baseline_name else "-"
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
        value = f"{_fmt(f.value)} {f.unit}" if f.value is not None else "-"
        status = f.status if f.status != "skipped" else f"skipped: {f.note}"
        rows.append([f.bench, f.name, value, target, base, ratio, status])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = []
    for n, r in enumerate(rows):
        cells = [r[i].ljust(widths[i]) for i in range(len(header) - 1)] + [r[-1]]
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|---|")
    return "\n".join(lines)
