"""Addresses on orders and customers as official codes next to the free text (API.md
"Shipping"): read once from typed text, or given by the pickers; returned with names and the
2025 form; refused when a code does not exist; carried from a customer to their next order."""

from __future__ import annotations

from sqlalchemy import select

from chotdon.core.db import unit_of_work
from chotdon.customers.models import ContactAddress
from chotdon.orders.models import Warehouse
from support.shop import customer_says, make_channel, make_product


async def _order(tenant, **body) -> dict:
    product_id, _ = await make_product(tenant.workspace_id, stock=20)
    body = {"items": [{"product_id": product_id, "quantity": 1}], **body}
    r = await tenant.post("/api/v1/orders", json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def test_typed_text_is_read_into_codes_once_and_returned_with_its_2025_form(tenant) -> None:
    order = await _order(tenant, address="59 nguyễn sỹ sách, p10, tan binh, hcm")
    a = order["structured_address"]
    assert (a["scheme"], a["province_code"], a["ward_code"]) == ("legacy", "79", "26992")
    assert (a["ward"], a["district"], a["street"]) == (
        "Phường 10",
        "Quận Tân Bình",
        "59 Nguyễn Sỹ Sách",
    )
    assert a["address_2025"]["ward"] == "Phường Bảy Hiền" and a["address_2025"]["district"] is None
    assert a["ward_choices"] == []
    assert order["address"] == "59 nguyễn sỹ sách, p10, tan binh, hcm"  # the text as typed

    r = await tenant.get(f"/api/v1/orders/{order['id']}")
    assert r.json()["structured_address"] == a


async def test_a_split_ward_lists_its_choices_and_staffs_pick_is_stored(tenant) -> None:
    order = await _order(tenant, address="12 Cộng Hòa, P.15, Q. Tân Bình, TP.HCM")
    a = order["structured_address"]
    assert a["scheme"] == "legacy" and a["address_2025"]["ward"] is None
    assert {c["name"] for c in a["ward_choices"]} == {"Phường Tân Bình", "Phường Tân Sơn"}
    r = await tenant.patch(
        f"/api/v1/orders/{order['id']}",
        json={
            "structured_address": {
                "scheme": "2025",
                "province_code": "79",
                "ward_code": "27007",
                "street": "12 Cộng Hòa",
            }
        },
    )
    assert r.status_code == 200, r.text
    a = r.json()["structured_address"]
    assert (a["scheme"], a["ward"], a["province"]) == (
        "2025",
        "Phường Tân Sơn",
        "Thành phố Hồ Chí Minh",
    )
    assert a["ward_choices"] == [] and a["address_2025"] is None
    assert r.json()["address"] == "12 Cộng Hòa, P.15, Q. Tân Bình, TP.HCM"


async def test_pickers_codes_win_over_the_text_and_names_come_from_the_codes(tenant) -> None:
    order = await _order(
        tenant,
        address="giao giờ hành chính giúp em",  # no place in it at all
        structured_address={
            "scheme": "2025",
            "province_code": "01",
            "ward_code": "00004",
            "street": "45 Nguyễn Trãi",
            "ward": "anything the client says",
        },
    )
    a = order["structured_address"]
    assert (a["ward"], a["province"], a["street"]) == (
        "Phường Ba Đình",
        "Thành phố Hà Nội",
        "45 Nguyễn Trãi",
    )

    # the text changed without codes: it is read again (here: nothing readable → no codes)
    r = await tenant.patch(f"/api/v1/orders/{order['id']}", json={"address": "để ở bảo vệ"})
    assert r.json()["structured_address"] is None
    r = await tenant.patch(f"/api/v1/orders/{order['id']}", json={"address": "p sai gon, tphcm"})
    assert r.json()["structured_address"]["ward_code"] == "26740"


async def test_codes_that_do_not_exist_are_a_422_naming_the_field(tenant) -> None:
    product_id, _ = await make_product(tenant.workspace_id, stock=5)
    for structured, field in (
        ({"scheme": "2025", "province_code": "99"}, "structured_address.province_code"),
        (
            {"scheme": "2025", "province_code": "79", "ward_code": "00004"},
            "structured_address.ward_code",
        ),
        ({"scheme": "legacy", "ward_code": "xyz"}, "structured_address.ward_code"),
    ):
        r = await tenant.post(
            "/api/v1/orders",
            json={
                "items": [{"product_id": product_id}],
                "address": "x",
                "structured_address": structured,
            },
        )
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        assert error["code"] == "unknown_admin_unit" and error["details"][0]["field"] == field
    r = await tenant.post(
        "/api/v1/orders",
        json={"items": [{"product_id": product_id}], "structured_address": {"scheme": "1990"}},
    )
    assert r.status_code == 422


async def test_a_customers_address_keeps_its_codes_and_prefills_the_next_order(tenant) -> None:
    channel = await make_channel(tenant.workspace_id)
    said = await customer_says(channel, "Shop ơi")
    contact_id, conversation_id = said.conversation.contact_id, said.conversation.id
    r = await tenant.post(
        f"/api/v1/contacts/{contact_id}/addresses",
        json={
            "text": "Nhà văn hoá thôn 3",
            "structured_address": {"scheme": "2025", "province_code": "79", "ward_code": "26743"},
        },
    )
    assert r.status_code == 201, r.text
    assert r.json()["structured_address"]["ward"] == "Phường Bến Thành"
    r = await tenant.post(
        f"/api/v1/contacts/{contact_id}/addresses", json={"text": "12 Lê Lợi, P. Bến Nghé, Q1, HCM"}
    )
    assert r.json()["structured_address"]["address_2025"]["ward"] == "Phường Sài Gòn"
    contact = (await tenant.get(f"/api/v1/contacts/{contact_id}")).json()
    assert [a["structured_address"]["scheme"] for a in contact["addresses"]] == ["legacy", "2025"]

    prefill = (await tenant.get(f"/api/v1/conversations/{conversation_id}/order-draft")).json()
    assert prefill["address"] == "12 Lê Lợi, P. Bến Nghé, Q1, HCM"
    assert prefill["structured_address"]["ward_code"] == "26740"

    # an order typed for the customer gives its codes to the customer's addresses
    await _order(
        tenant,
        contact_id=contact_id,
        address="88 Đồng Khởi",
        structured_address={"scheme": "2025", "province_code": "79", "ward_code": "26740"},
    )
    contact = (await tenant.get(f"/api/v1/contacts/{contact_id}")).json()
    newest = contact["addresses"][0]
    assert (
        newest["text"] == "88 Đồng Khởi"
        and newest["structured_address"]["ward"] == "Phường Sài Gòn"
    )


async def _chat_address(contact_id: int) -> ContactAddress:
    async with unit_of_work() as session:
        stmt = select(ContactAddress).where(ContactAddress.contact_id == contact_id)
        return (await session.execute(stmt)).scalar_one()


async def test_an_address_written_in_chat_is_read_when_first_used_not_while_ingesting(
    tenant,
) -> None:
    channel = await make_channel(tenant.workspace_id)
    said = await customer_says(channel, "đc: 12 Lê Lợi, P. Bến Nghé, Q1, HCM")
    contact_id, conversation_id = said.conversation.contact_id, said.conversation.id
    stored = await _chat_address(contact_id)
    assert stored.text == "12 Lê Lợi, P. Bến Nghé, Q1, HCM"
    assert (stored.codes_read, stored.address_scheme) == (False, None)

    prefill = (await tenant.get(f"/api/v1/conversations/{conversation_id}/order-draft")).json()
    assert prefill["structured_address"]["ward_code"] == "26740"
    assert prefill["structured_address"]["address_2025"]["ward"] == "Phường Sài Gòn"
    stored = await _chat_address(contact_id)  # read once, kept
    assert (stored.codes_read, stored.address_scheme, stored.ward_code) == (True, "legacy", "26740")


async def test_an_automatic_draft_gets_the_codes_of_the_address_written_in_chat(tenant) -> None:
    channel = await make_channel(tenant.workspace_id, auto_draft_orders=True)
    async with unit_of_work() as session:
        session.add(Warehouse(workspace_id=tenant.workspace_id, name="Kho", is_default=True))
    said = await customer_says(channel, "đc: 59 nguyễn sỹ sách, p10, tan binh, hcm", psid="p-59")
    contact_id = said.conversation.contact_id
    await customer_says(channel, "sđt 0912 345 678", psid="p-59")
    contact = (await tenant.get(f"/api/v1/contacts/{contact_id}")).json()
    assert contact["addresses"][0]["structured_address"]["scheme"] == "legacy"
    orders = (await tenant.get("/api/v1/orders", params={"contact_id": contact_id})).json()
    [draft] = orders["items"]
    assert draft["source"] == "chat_auto"
    assert draft["structured_address"]["district"] == "Quận Tân Bình"
