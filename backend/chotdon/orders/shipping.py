"""Shipping fee estimates behind one interface.

`ShippingEstimator` is what a carrier adapter (GHN, GHTK, Viettel Post) implements: given a
destination and a parcel, return quotes. The built-in `RateTableEstimator` reads the workspace's
own rate table (`shipping_rates`: by province and weight tier), so shops that charge a flat
table need no carrier account. `estimate` asks every estimator configured for the workspace.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core.tenant import owned
from chotdon.core.text import fold
from chotdon.customers.addresses import find_province
from chotdon.orders.models import ShippingRate

ANY_PROVINCE = "*"


@dataclass(frozen=True, slots=True)
class ShippingRequest:
    province: str | None  # display name or anything people type ("HN", "tp hcm")
    weight_grams: int
    cod_amount: int = 0


@dataclass(frozen=True, slots=True)
class ShippingQuote:
    carrier: str
    service: str
    fee: int  # VND
    province: str | None


class ShippingEstimator(Protocol):
    """A source of shipping quotes: the built-in table now, carrier APIs later."""

    name: str

    async def quote(self, request: ShippingRequest) -> list[ShippingQuote]: ...


def province_key(value: str | None) -> str:
    """The key rates are stored and looked up by: folded province name, or '*'."""
    if not value or value.strip() in ("", ANY_PROVINCE):
        return ANY_PROVINCE
    return fold(find_province(value) or value)


@dataclass(frozen=True, slots=True)
class Rate:
    carrier: str
    province: str
    max_weight_grams: int
    fee: int


def pick_fee(rates: Iterable[Rate], carrier: str, province: str, weight_grams: int) -> int | None:
    """The fee of the smallest weight tier that fits, for the province or else for '*'.

    None when no tier is heavy enough (the table does not cover this parcel).
    """
    mine = [r for r in rates if r.carrier == carrier]
    for key in (province, ANY_PROVINCE):
        tiers = sorted((r for r in mine if r.province == key), key=lambda r: r.max_weight_grams)
        if tiers:
            for tier in tiers:
                if weight_grams <= tier.max_weight_grams:
                    return tier.fee
            return None
    return None


class RateTableEstimator:
    name = "rate_table"

    def __init__(self, rates: Sequence[Rate]) -> None:
        self.rates = list(rates)

    async def quote(self, request: ShippingRequest) -> list[ShippingQuote]:
        key = province_key(request.province)
        display = find_province(request.province) if request.province else None
        quotes = []
        for carrier in sorted({r.carrier for r in self.rates}):
            fee = pick_fee(self.rates, carrier, key, max(request.weight_grams, 0))
            if fee is not None:
                quotes.append(ShippingQuote(carrier, "rate_table", fee, display))
        return sorted(quotes, key=lambda q: (q.fee, q.carrier))


async def load_rates(session: AsyncSession, workspace_id: int) -> list[ShippingRate]:
    rows = await session.execute(
        owned(ShippingRate, workspace_id).order_by(
            ShippingRate.carrier, ShippingRate.province, ShippingRate.max_weight_grams
        )
    )
    return list(rows.scalars())


async def replace_rates(
    session: AsyncSession, workspace_id: int, rates: Sequence[Rate]
) -> list[ShippingRate]:
    await session.execute(delete(ShippingRate).where(ShippingRate.workspace_id == workspace_id))
    rows = [
        ShippingRate(
            workspace_id=workspace_id,
            carrier=r.carrier.strip().lower() or "default",
            province=province_key(r.province),
            max_weight_grams=r.max_weight_grams,
            fee=r.fee,
        )
        for r in rates
    ]
    session.add_all(rows)
    await session.flush()
    return rows


async def estimators_for(session: AsyncSession, workspace_id: int) -> list[ShippingEstimator]:
    """Every estimator of the workspace (carrier adapters will be appended here)."""
    rates = [
        Rate(r.carrier, r.province, r.max_weight_grams, r.fee)
        for r in await load_rates(session, workspace_id)
    ]
    return [RateTableEstimator(rates)]


async def estimate(
    session: AsyncSession, workspace_id: int, request: ShippingRequest
) -> list[ShippingQuote]:
    """All quotes for a parcel, cheapest first."""
    quotes: list[ShippingQuote] = []
    for estimator in await estimators_for(session, workspace_id):
        quotes.extend(await estimator.quote(request))
    return sorted(quotes, key=lambda q: (q.fee, q.carrier))
