"""`/api/v1/addresses`: pickers over the seeded tables (both schemes) and parsing."""

from __future__ import annotations


async def test_the_migration_seeded_both_schemes(tenant) -> None:
    r = await tenant.get("/api/v1/addresses/provinces")
    assert r.status_code == 200
    assert len(r.json()["items"]) == 34
    r = await tenant.get("/api/v1/addresses/provinces", params={"scheme": "legacy"})
    assert len(r.json()["items"]) == 63


async def test_province_search_ignores_diacritics_and_knows_short_forms(tenant) -> None:
    for q in ("ho chi minh", "Hồ Chí", "hcm"):
        r = await tenant.get("/api/v1/addresses/provinces", params={"q": q})
        assert [p["code"] for p in r.json()["items"]] == ["79"], q


async def test_wards_of_a_province_with_search(tenant) -> None:
    r = await tenant.get("/api/v1/addresses/provinces/79/wards")
    assert len(r.json()["items"]) == 168
    r = await tenant.get("/api/v1/addresses/provinces/79/wards", params={"q": "ben thanh"})
    assert [w["name"] for w in r.json()["items"]] == ["Phường Bến Thành"]
    assert r.json()["items"][0]["district_name"] is None
    r = await tenant.get(
        "/api/v1/addresses/provinces/79/wards", params={"q": "ben nghe", "scheme": "legacy"}
    )
    (ward,) = r.json()["items"]
    assert (ward["code"], ward["district_name"]) == ("26740", "Quận 1")


async def test_unknown_province_and_bad_scheme_are_clear_errors(tenant) -> None:
    r = await tenant.get("/api/v1/addresses/provinces/99/wards")
    assert r.status_code == 404 and "error" in r.json()
    r = await tenant.get("/api/v1/addresses/provinces", params={"scheme": "1990"})
    assert r.status_code == 422 and "error" in r.json()


async def test_parse_gives_both_forms_and_asks_for_a_split_ward(tenant) -> None:
    r = await tenant.post(
        "/api/v1/addresses/parse", json={"text": "59 nguyễn sỹ sách, p15, tan binh, hcm"}
    )
    body = r.json()
    assert r.status_code == 200
    assert body["address"]["scheme"] == "legacy" and body["address"]["district"] == "Quận Tân Bình"
    assert body["needs_ward_choice"] is True and body["address_2025"]["ward"] is None
    assert {c["code"] for c in body["ward_choices"]} == {"27004", "27007"}
    r = await tenant.post(
        "/api/v1/addresses/parse",
        json={"text": "59 nguyễn sỹ sách, p15, tan binh, hcm", "new_ward_code": "27007"},
    )
    assert r.json()["address_2025"]["ward"] == "Phường Tân Sơn"
    assert r.json()["needs_ward_choice"] is False
    r = await tenant.post(
        "/api/v1/addresses/parse",
        json={"text": "59 nguyễn sỹ sách, p15, tan binh, hcm", "new_ward_code": "00001"},
    )
    assert r.status_code == 422


async def test_parse_of_nothing(tenant) -> None:
    r = await tenant.post("/api/v1/addresses/parse", json={"text": "ok shop"})
    assert r.json()["found"] is False
    r = await tenant.post("/api/v1/addresses/parse", json={"text": ""})
    assert r.status_code == 422


async def test_addresses_need_a_login(client) -> None:
    r = await client.get("/api/v1/addresses/provinces")
    assert r.status_code == 401
