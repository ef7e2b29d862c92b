from __future__ import annotations

from typing import Any

from support.shop import customer_says, make_channel, make_product

HCM_LEGACY = "59 Nguyễn Sỹ Sách, P. 10, Q. Tân Bình, TP.HCM"
HN_2025 = "45 Nguyễn Trãi, Phường Thanh Xuân, Hà Nội"


async def closed_order(
    tenant: Any,
    address: str = HN_2025,
    *,
    with_contact: bool = False,
    structured: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A closed order (confirmed then "chốt") of 2 × 150,000 đ, COD; `structured`: the
    address's official codes as the pickers send them."""
    product_id, _ = await make_product(tenant.workspace_id, stock=50)
    body: dict[str, Any] = {
        "customer_name": "Nguyễn Thị Lan",
        "phone": "0912345678",
        "address": address,
        "items": [{"product_id": product_id, "quantity": 2}],
        "payment_method": "cod",
    }
    if structured is not None:
        body["structured_address"] = structured
    if with_contact:
        channel = await make_channel(tenant.workspace_id)
        recorded = await customer_says(channel, "Shop ơi chốt đơn nhé")
        body["contact_id"] = recorded.conversation.contact_id
    r = await tenant.post("/api/v1/orders", json=body)
    assert r.status_code == 201, r.text
    order = r.json()
    for to in ("confirmed", "closed"):
        r = await tenant.post(f"/api/v1/orders/{order['id']}/transition", json={"to": to})
        assert r.status_code == 200, r.text
    return r.json()
