"""Shipping fee estimates: the rate-table rules (pure) and the API behind the interface."""

from __future__ import annotations

import pytest

from chotdon.orders.shipping import Rate, pick_fee, province_key

RATES = [
    Rate("default", "ha noi", 500, 20_000),
    Rate("default", "ha noi", 2000, 30_000),
    Rate("default", "*", 500, 35_000),
    Rate("default", "*", 3000, 50_000),
    Rate("ghtk", "*", 1000, 32_000),
]


@pytest.mark.parametrize(
    ("carrier", "province", "weight", "fee"),
    [
        ("default", "ha noi", 0, 20_000),
        ("default", "ha noi", 500, 20_000),
        ("default", "ha noi", 501, 30_000),
        ("default", "ha noi", 2001, None),  # the province has a table and it stops at 2 kg
        ("default", "da nang", 400, 35_000),
        ("default", "da nang", 3000, 50_000),
        ("default", "da nang", 3001, None),
        ("ghtk", "ha noi", 800, 32_000),
        ("viettel", "ha noi", 800, None),
    ],
)
def test_pick_fee(carrier, province, weight, fee):
    assert pick_fee(RATES, carrier, province, weight) == fee


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Hà Nội", "ha noi"),
        ("HN", "ha noi"),
        ("tp hcm", "ho chi minh"),
        ("*", "*"),
        ("", "*"),
        (None, "*"),
    ],
)
def test_province_key(typed, key):
    assert province_key(typed) == key


async def test_rate_table_api(tenant):
    r = await tenant.put(
        "/api/v1/shipping-rates",
        json={
            "rates": [
                {"province": "Hà Nội", "max_weight_grams": 1000, "fee": 22_000},
                {"province": "*", "max_weight_grams": 1000, "fee": 35_000},
                {"carrier": "GHTK", "province": "*", "max_weight_grams": 5000, "fee": 30_000},
            ]
        },
    )
    assert r.status_code == 200, r.text
    assert sorted((x["carrier"], x["province"]) for x in r.json()) == [
        ("default", "*"),
        ("default", "ha noi"),
        ("ghtk", "*"),
    ]
    r = await tenant.post("/api/v1/shipping/estimate", json={"province": "HN", "weight_grams": 800})
    assert [(q["carrier"], q["fee"]) for q in r.json()] == [("default", 22_000), ("ghtk", 30_000)]
    assert r.json()[0]["province"] == "Hà Nội"
    r = await tenant.post(
        "/api/v1/shipping/estimate",
        json={"address": "12 Lê Lợi, P. Bến Nghé, Q1, TP HCM", "weight_grams": 2000},
    )
    assert [(q["carrier"], q["fee"]) for q in r.json()] == [("ghtk", 30_000)]
    r = await tenant.post("/api/v1/shipping/estimate", json={"province": "HN", "weight_grams": -1})
    assert r.status_code == 422

    agent = await tenant.add_member("agent")
    assert (await agent.put("/api/v1/shipping-rates", json={"rates": []})).status_code == 403
    assert (await agent.get("/api/v1/shipping-rates")).status_code == 200
    assert (
        await agent.put("/api/v1/order-settings", json={"receipt_enabled": False})
    ).status_code == 403


async def test_rates_are_per_workspace(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    await a.put("/api/v1/shipping-rates", json={"rates": [{"max_weight_grams": 1000, "fee": 1}]})
    assert (await b.get("/api/v1/shipping-rates")).json() == []
    assert (await b.post("/api/v1/shipping/estimate", json={"province": "HN"})).json() == []
