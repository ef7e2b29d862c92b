"""Exact statistics of response times, computed the way PostgreSQL does (pure, no I/O).

The rollup (`reports.rollup`) keeps every response time, packed, per local hour; a report
joins the hours' values and reads the figures here, equal to SQL's `round(avg(x))` and
`round(percentile_cont(p) WITHIN GROUP (ORDER BY x))` over the same rows. Only the ranks a
percentile needs are placed (`numpy.partition`, linear time), nothing is sorted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

PERCENTILES = (0.5, 0.9)
PACKED = np.dtype(">i4")  # how the rollup stores a response time: big-endian int32

Values = npt.NDArray[np.int64]


def unpack(chunks: Sequence[bytes | None]) -> Values:
    """Response times from packed chunks (`PACKED`; None: none), as 64-bit integers."""
    return np.frombuffer(b"".join(c for c in chunks if c), dtype=PACKED).astype(np.int64)


def pack(values: Sequence[int]) -> bytes:
    return np.asarray(values, dtype=PACKED).tobytes()


def rounded_average(values: Values) -> int | None:
    """`round(avg(x))` of non-negative integers: numeric rounding, half away from zero."""
    n = len(values)
    if not n:
        return None
    total = int(values.sum())
    return (2 * total + n) // (2 * n)


def _ranks(n: int, fraction: float) -> tuple[int, int, float]:
    position = fraction * (n - 1)
    low = math.floor(position)
    return low, math.ceil(position), position - low


def percentile_cont(placed: Values, fraction: float) -> float:
    """PostgreSQL's `percentile_cont`: linear interpolation between the two nearest ranks, in
    double precision. `placed` holds the values of those ranks where a sort would put them
    (sorted, or partitioned at them)."""
    low, high, weight = _ranks(len(placed), fraction)
    below, above = float(placed[low]), float(placed[high])
    return below + weight * (above - below)


def durations(values: Values | Sequence[int]) -> tuple[int | None, int | None, int | None]:
    """(average, median, 90th percentile), rounded like SQL's `round()` (half to even for a
    double); None for each when there is no value."""
    array = np.asarray(values, dtype=np.int64)
    if not len(array):
        return None, None, None
    ranks = sorted({r for p in PERCENTILES for r in _ranks(len(array), p)[:2]})
    placed = np.partition(array, ranks)
    p50, p90 = (round(percentile_cont(placed, p)) for p in PERCENTILES)
    return rounded_average(array), p50, p90
