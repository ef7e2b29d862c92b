"""Issue 13 item 4: API keys die with their creator's membership, cannot create keys or members,
and carry scopes (read, inbox, orders, admin); last use is recorded."""

from __future__ import annotations

import pytest

from chotdon.core.scopes import allows, area_of


async def _key(owner, scopes=None, name="ERP") -> str:
    body = {"name": name} if scopes is None else {"name": name, "scopes": scopes}
    r = await owner.post("/api/v1/api-keys", json=body)
    assert r.status_code == 201, r.text
    return r.json()["key"]


async def _me(client, key: str) -> int:
    return (await client.get("/api/v1/me", headers={"X-Api-Key": key})).status_code


@pytest.mark.parametrize("how", ["removed", "deactivated", "left", "demoted"])
async def test_a_key_dies_with_its_creators_membership(client, tenant, how):
    admin = await tenant.add_member("admin")
    key = await _key(admin)
    assert await _me(client, key) == 200
    members = (await tenant.get("/api/v1/members")).json()["items"]
    membership = next(m for m in members if m["email"] == admin.email)
    if how == "removed":
        assert (await tenant.delete(f"/api/v1/members/{membership['id']}")).status_code == 204
    elif how == "deactivated":
        r = await tenant.patch(f"/api/v1/members/{membership['id']}", json={"is_active": False})
        assert r.status_code == 200
    elif how == "left":
        assert (await admin.delete("/api/v1/members/me")).status_code == 204
    else:
        r = await tenant.patch(f"/api/v1/members/{membership['id']}", json={"role": "agent"})
        assert r.status_code == 200
    assert await _me(client, key) == 401


async def test_a_key_cannot_create_keys_or_members(client, tenant):
    key = await _key(tenant)
    headers = {"X-Api-Key": key}
    r = await client.post("/api/v1/api-keys", json={"name": "child"}, headers=headers)
    assert r.status_code == 403, r.text
    r = await client.post(
        "/api/v1/members",
        json={"email": "x@test.chotdon.vn", "name": "X", "role": "admin"},
        headers=headers,
    )
    assert r.status_code == 403
    members = (await tenant.get("/api/v1/members")).json()["items"]
    r = await client.patch(
        f"/api/v1/members/{members[0]['id']}", json={"role": "agent"}, headers=headers
    )
    assert r.status_code == 403
    keys = (await tenant.get("/api/v1/api-keys")).json()["items"]
    assert [k["name"] for k in keys] == ["ERP"]


@pytest.mark.parametrize(
    "scopes, method, path, allowed",
    [
        (["read"], "GET", "/api/v1/conversations", True),
        (["read"], "GET", "/api/v1/orders", True),
        (["read"], "POST", "/api/v1/tags", False),
        (["read"], "GET", "/api/v1/channels", False),
        (["read"], "GET", "/api/v1/me", True),
        (["inbox"], "POST", "/api/v1/tags", True),
        (["inbox"], "POST", "/api/v1/products", False),
        (["orders"], "POST", "/api/v1/products", True),
        (["orders"], "POST", "/api/v1/tags", False),
        (["inbox", "orders"], "GET", "/api/v1/members", False),
        (["admin"], "GET", "/api/v1/channels", True),
        (["admin"], "POST", "/api/v1/tags", True),
    ],
)
async def test_scopes(client, tenant, scopes, method, path, allowed):
    key = await _key(tenant, scopes)
    body = {
        "/api/v1/tags": {"name": "Khách sỉ"},
        "/api/v1/products": {"sku": "SKU-1", "name": "Áo", "price": 100000},
    }.get(path)
    r = await client.request(method, path, json=body, headers={"X-Api-Key": key})
    if allowed:
        assert r.status_code < 400, r.text
    else:
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "scope_required"


async def test_scopes_are_listed_and_last_use_recorded(client, tenant):
    key = await _key(tenant, ["read", "inbox"])
    listed = (await tenant.get("/api/v1/api-keys")).json()["items"][0]
    assert listed["scopes"] == ["read", "inbox"] and listed["last_used_at"] is None
    assert listed["created_by_id"] == tenant.user["id"]
    assert await _me(client, key) == 200
    listed = (await tenant.get("/api/v1/api-keys")).json()["items"][0]
    assert listed["last_used_at"] is not None
    r = await tenant.post("/api/v1/api-keys", json={"name": "x", "scopes": ["root"]})
    assert r.status_code == 422


def _endpoint(module: str):
    def endpoint() -> None: ...

    endpoint.__module__ = module
    return endpoint


@pytest.mark.parametrize(
    "module, method, scopes, allowed",
    [
        ("chotdon.some_future_domain.router", "GET", ["read"], False),
        ("chotdon.some_future_domain.router", "POST", ["inbox", "orders"], False),
        ("chotdon.some_future_domain.router", "POST", ["admin"], True),
        ("chotdon.inbox.router", "DELETE", ["inbox"], True),
        ("chotdon.reports.router", "GET", ["orders"], True),
        ("chotdon.reports.router", "POST", ["orders"], False),
    ],
)
def test_unknown_routers_need_admin(module, method, scopes, allowed):
    assert allows(scopes, area_of(_endpoint(module)), method) is allowed


def test_every_router_of_the_app_has_an_area(app):
    from chotdon.core.scopes import AREAS

    modules = {
        r.endpoint.__module__
        for r in app.routes
        if getattr(r, "path", "").startswith("/api/v1")
        and getattr(r, "endpoint", None) is not None
        and r.endpoint.__module__.startswith("chotdon.")
    }
    unmapped = sorted(m for m in modules if m not in AREAS)
    # Not a failure of security (unmapped routers need `admin`), but a reminder to decide.
    assert not unmapped, f"add these routers to core/scopes.py AREAS: {unmapped}"
