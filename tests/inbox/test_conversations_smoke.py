from __future__ import annotations

from .helpers import ago


async def test_list_smoke(tenant, seed):
    ch = await seed.channel()
    await seed.message(ch, "p1", "Áo khoác ĐỎ còn không shop", at=ago(minutes=5))
    await seed.message(ch, "p2", "sdt 0912 345 678", name="Lê Văn Bình", at=ago(minutes=1))
    r = await tenant.get("/api/v1/conversations")
    assert r.status_code == 200, r.text
    body = r.json()
    assert [i["contact"]["name"] for i in body["items"]] == ["Lê Văn Bình", "Nguyễn Thị Lan"]
    r = await tenant.get("/api/v1/conversations", params={"q": "ao khoac do"})
    assert r.status_code == 200, r.text
    assert [i["contact"]["name"] for i in r.json()["items"]] == ["Nguyễn Thị Lan"]
    r = await tenant.get("/api/v1/conversations/counts")
    assert r.status_code == 200, r.text
    print(r.json())
