"""Exact statistics of response times, computed the way PostgreSQL does (pure, no I/O).

The rollup (`reports.rollup`) keeps every response time, sorted, per local hour; a report
merges the hours' arrays and reads the figures here, equal to SQL's
`round(avg(x))` and `round(percentile_cont(p) WITHIN GROUP (ORDER BY x))` over the same rows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

PERCENTILES = (0.5, 0.9)


def rounded_average(values: Sequence[int]) -> int | None:
    """`round(avg(x))` of non-negative integers: numeric rounding, half away from zero."""
    if not values:
        return None
    total, n = sum(values), len(values)
    return (2 * total + n) // (2 * n)


def percentile_cont(ordered: Sequence[int], fraction: float) -> float:
    """PostgreSQL's `percentile_cont`: linear interpolation between the two nearest ranks,
    in double precision (`ordered` is sorted and not empty)."""
    position = fraction * (len(ordered) - 1)
    low = math.floor(position)
    high = math.ceil(position)
    below, above = float(ordered[low]), float(ordered[high])
    return below + (position - low) * (above - below)


def durations(values: list[int]) -> tuple[int | None, int | None, int | None]:
    """(average, median, 90th percentile), rounded like SQL's `round()` (half to even for a
    double); None for each when there is no value. Sorts `values` in place: a concatenation
    of sorted runs sorts in near linear time."""
    if not values:
        return None, None, None
    values.sort()
    p50, p90 = (round(percentile_cont(values, p)) for p in PERCENTILES)
    return rounded_average(values), p50, p90
