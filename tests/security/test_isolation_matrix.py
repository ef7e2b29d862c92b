"""Workspace isolation and roles over EVERY /api/v1 endpoint the app serves.

The routes are walked from the app, so an endpoint added tomorrow is checked tomorrow:
1. anonymous: every endpoint but register/login answers 401 in the error shape;
2. another workspace (owner B) calling with workspace A's ids — in the path, in the body, in
   filters — gets exactly what it gets for an id that does not exist (no existence leak), never
   a 2xx on A's objects, never A's data in any answer (A's rows carry a marker string that is
   searched for in every response, exports included), and A's data is unchanged afterwards;
3. roles: the minimum role each endpoint declares (`AdminPrincipal`, `OwnerPrincipal`,
   `UserPrincipal`) is enforced for agent / admin / API key (403 in the error shape), and
   every read endpoint answers the roles it admits without a 5xx.
Counts are printed in the test summary ("isolation checks").
"""

from __future__ import annotations

import io
import itertools
import uuid
import zipfile
from typing import Any

import httpx
import jwt
import pytest

from inbox.helpers import Seeder

from .report import record
from .routes import (
    LITERAL_PARAMS,
    MISSING_ID,
    PUBLIC,
    RouteInfo,
    api_routes,
    example,
    fill_path,
    role_requirement,
)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _error_shape(r: httpx.Response) -> bool:
    try:
        body = r.json()
    except ValueError:
        return False
    err = body.get("error") if isinstance(body, dict) else None
    return isinstance(err, dict) and isinstance(err.get("code"), str) and "message" in err


async def _seed(tenant: Any, marker: str) -> dict[str, int]:
    """One object of every kind in the tenant's workspace, named with `marker`."""
    ids: dict[str, int] = {}
    seed = Seeder(tenant.workspace_id)
    ids["channel"] = await seed.channel(name=f"Trang {marker}")
    rec = await seed.message(
        ids["channel"], f"psid-{marker}", f"Xin chào {marker}", name=f"Khách {marker}"
    )
    ids["conversation"] = rec.conversation.id
    ids["contact"] = rec.conversation.contact_id
    comment = await seed.comment(
        ids["channel"],
        f"post_{marker}",
        f"user-{marker}",
        f"A01 0912345678 {marker}",
        name=f"Bình luận {marker}",
    )
    ids["comment"] = comment.message.id
    ids["post"] = comment.conversation.post_id
    ids["comment_conversation"] = comment.conversation.id

    async def create(path: str, body: Any, kind: str, **kw: Any) -> None:
        r = (
            await tenant.post(path, json=body, **kw)
            if body is not None
            else await tenant.post(path, **kw)
        )
        if r.status_code in (200, 201, 202):
            data = r.json()
            ids[kind] = int(data.get("id") or data.get("item", {}).get("id"))
        else:  # report, do not hide: a kind we could not seed is listed in the summary
            record("isolation: seed failed", 1, f"{kind}: {r.status_code} {r.text[:120]}")

    await create("/api/v1/tags", {"name": f"Tag {marker}"}, "tag")
    await create(
        f"/api/v1/conversations/{ids['conversation']}/notes", {"text": f"Ghi chú {marker}"}, "note"
    )
    await create(
        "/api/v1/quick-replies",
        {
            "name": f"QR {marker}",
            "shortcut": f"qr{marker[:6].lower()}",
            "messages": [{"text": f"Mẫu {marker}"}],
        },
        "quick_reply",
    )
    await create(
        "/api/v1/media", None, "media", files={"file": (f"{marker}.png", PNG, "image/png")}
    )
    await create(
        "/api/v1/products",
        {"sku": f"SKU-{marker}", "name": f"Sản phẩm {marker}", "price": 100000, "stock": 10},
        "product",
    )
    await create("/api/v1/warehouses", {"name": f"Kho {marker}"}, "warehouse")
    await create(
        "/api/v1/orders",
        {
            "conversation_id": ids["conversation"],
            "contact_id": ids["contact"],
            "customer_name": f"Khách {marker}",
            "phone": "0912345678",
            "items": [{"product_id": ids.get("product"), "quantity": 1}],
        },
        "order",
    )
    await create(
        "/api/v1/livestreams",
        {"channel_id": ids["channel"], "title": f"Live {marker}"},
        "livestream",
    )
    if "order" in ids:  # a shipment of the order (booking needs a carrier: written directly)
        from chotdon.core.db import unit_of_work
        from chotdon.shipping.models import Shipment

        async with unit_of_work() as session:
            shipment = Shipment(
                workspace_id=tenant.workspace_id,
                order_id=ids["order"],
                carrier="ghn",
                tracking_code=f"SEED{marker}",
                status="booked",
                status_label="Chờ lấy hàng",
                carrier_status="",
                fee=0,
                cod_amount=0,
                destination={},
            )
            session.add(shipment)
            await session.flush()
            ids["shipment"] = shipment.id
    if "livestream" in ids:  # the comment as the livestream's feed knows it
        from chotdon.core.db import unit_of_work
        from chotdon.livestream.models import LivestreamComment

        async with unit_of_work() as session:
            lc = LivestreamComment(
                workspace_id=tenant.workspace_id,
                livestream_id=ids["livestream"],
                message_id=ids["comment"],
                contact_id=comment.conversation.contact_id,
                outcome="missing_phone",
                parsed={},
            )
            session.add(lc)
            await session.flush()
            ids["live_comment"] = lc.id
    await create("/api/v1/phone-blacklist", {"phone": "0987654321", "reason": marker}, "blacklist")
    r = await tenant.post(
        f"/api/v1/contacts/{ids['contact']}/addresses", json={"text": f"12 Lê Lợi, {marker}"}
    )
    if r.status_code in (200, 201):
        body = r.json()
        addresses = body.get("addresses") or [body]
        ids["address"] = int(addresses[-1]["id"])
    await create(
        "/api/v1/members",
        {"email": f"invited-{marker.lower()}@test.chotdon.vn", "name": f"Mời {marker}"},
        "invitation",
    )
    # The owner's own login session (the token's `sid`): /auth/sessions/{session_id}.
    ids["session"] = int(jwt.decode(tenant.token, options={"verify_signature": False})["sid"])
    member = await tenant.add_member("agent", name=f"NV {marker}")
    ids["member_user"] = member.user["id"]
    r = await tenant.get("/api/v1/members")
    for m in r.json().get("items", []):
        if (m.get("user_id") or m.get("user", {}).get("id")) == member.user["id"]:
            ids["member"] = int(m["id"])
    ids.setdefault("member", member.user["id"])
    r = await tenant.post("/api/v1/api-keys", json={"name": f"key {marker}"})
    if r.status_code == 201:
        ids["api_key"] = int(r.json()["id"])
    await create(
        "/api/v1/auto-messages", {"kind": "greeting", "text": f"Chào {marker}"}, "auto_message"
    )
    # A closed port: the test ping fails at once and leaves a delivery in the log.
    await create(
        "/api/v1/webhooks",
        {"url": "http://127.0.0.1:9/hook", "events": ["order.created"], "description": marker},
        "webhook",
    )
    if "webhook" in ids:
        await create(f"/api/v1/webhooks/{ids['webhook']}/test", None, "webhook_delivery")
    return ids


async def _call(
    client: httpx.AsyncClient,
    route: RouteInfo,
    path: str,
    headers: dict[str, str],
    ids: dict[str, int],
) -> httpx.Response:
    kw: dict[str, Any] = {"headers": headers}
    if route.body_type == "json":
        kw["json"] = example(route.body_schema, ids, path=route.path)
    elif route.body_type == "multipart":
        kw["files"] = {"file": ("x.png", PNG, "image/png")}
    return await client.request(route.method, path, **kw)


def _leaks(r: httpx.Response, marker: str) -> bool:
    body = r.content
    if marker.encode() in body:
        return True
    if body[:2] == b"PK":  # xlsx: look inside the zip
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as z:
                return any(marker.encode() in z.read(n) for n in z.namelist())
        except zipfile.BadZipFile:
            return False
    return False


def _mixed_path(
    route: RouteInfo, ids_a: dict[str, int], ids_b: dict[str, int], from_a: set[str]
) -> str:
    path = route.path
    for p in route.params:
        one = RouteInfo(route.method, path, (p,), None, None, None)
        path = fill_path(one, ids_a if p in from_a else ids_b) or path
    return path


async def _snapshot(tenant: Any, routes: list[RouteInfo], ids: dict[str, int]) -> dict[str, Any]:
    """Every read endpoint of A's objects, as A sees them (to prove B changed nothing)."""
    snap = {}
    for route in routes:
        if route.method != "GET" or not route.params:
            continue
        path = fill_path(route, ids)
        if path is None:
            continue
        r = await tenant.get(path)
        if r.headers.get("content-type", "").startswith("application/json"):
            snap[path] = (r.status_code, r.json())
    return snap


@pytest.fixture
async def world(app: Any, make_tenant: Any) -> dict[str, Any]:
    a = await make_tenant(workspace_name="Shop A")
    b = await make_tenant(workspace_name="Shop B")
    marker_a = "ZQA" + uuid.uuid4().hex[:8].upper()
    marker_b = "ZQB" + uuid.uuid4().hex[:8].upper()
    ids_a = await _seed(a, marker_a)
    ids_b = await _seed(b, marker_b)
    return {
        "a": a,
        "b": b,
        "ids_a": ids_a,
        "ids_b": ids_b,
        "marker_a": marker_a,
        "routes": api_routes(app),
    }


async def test_anonymous_gets_401_everywhere(app: Any, client: httpx.AsyncClient) -> None:
    routes = api_routes(app)
    ids = {
        k: 1
        for k in (
            "conversation",
            "tag",
            "note",
            "comment",
            "quick_reply",
            "media",
            "order",
            "product",
            "warehouse",
            "livestream",
            "channel",
            "contact",
            "member",
            "api_key",
            "post",
            "member_user",
            "blacklist",
            "auto_message",
            "webhook",
            "webhook_delivery",
            "session",
        )
    }
    checked, wrong = 0, []
    for route in routes:
        if (route.method, route.path) in PUBLIC:
            continue
        path = fill_path(route, ids) or route.path.replace("{", "").replace("}", "")
        for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"X-Api-Key": "cd_nope"}):
            r = await _call(client, route, path, headers, ids)
            checked += 1
            if r.status_code != 401 or not _error_shape(r):
                wrong.append(f"{route.method} {route.path} {headers} -> {r.status_code}")
    record("isolation: anonymous / bad credentials checks", checked)
    assert not wrong, "\n".join(wrong)


async def test_other_workspace_can_neither_see_nor_touch(
    world: dict[str, Any], client: httpx.AsyncClient
) -> None:
    a, b = world["a"], world["b"]
    ids_a, ids_b, marker = world["ids_a"], world["ids_b"], world["marker_a"]
    routes: list[RouteInfo] = world["routes"]
    missing = {k: MISSING_ID for k in ids_a}
    before = await _snapshot(a, routes, ids_a)
    checked, problems, unseeded = 0, [], set()
    for route in routes:
        if (route.method, route.path) in PUBLIC or route.path.startswith("/api/v1/auth"):
            continue
        if route.params:
            if fill_path(route, ids_a) is None:
                unseeded.add(f"{route.method} {route.path}")
                continue
            # Every mix of A's and B's ids with at least one of A's.
            object_params = [p for p in route.params if p not in LITERAL_PARAMS]
            for mask in itertools.product((True, False), repeat=len(object_params)):
                if not any(mask):
                    continue
                from_a = {p for p, m in zip(object_params, mask, strict=True) if m}
                path = _mixed_path(route, ids_a, ids_b, from_a)
                missing_path = _mixed_path(route, missing, ids_b, from_a)
                # the body references B's own objects: only the path crosses workspaces
                r_a = await _call(client, route, path, b.headers, ids_b)
                r_missing = await _call(client, route, missing_path, b.headers, ids_b)
                checked += 1
                if 200 <= r_a.status_code < 300 or r_a.status_code >= 500:
                    problems.append(f"{route.method} {path}: {r_a.status_code} {r_a.text[:150]}")
                elif r_a.status_code != r_missing.status_code:
                    problems.append(
                        f"{route.method} {path}: A's id -> {r_a.status_code}, missing id -> "
                        f"{r_missing.status_code} (existence leak)"
                    )
                elif not _error_shape(r_a):
                    problems.append(f"{route.method} {path}: error not in the documented shape")
                if _leaks(r_a, marker):
                    problems.append(f"{route.method} {path}: A's data in the answer")
        else:
            # No path ids: A's ids go into the body and into every *_id filter.
            r = await _call(client, route, route.path, b.headers, ids_a)
            checked += 1
            # 502-504 in the error shape: the provider (Graph API) is unreachable in tests.
            if r.status_code >= 500 and not (r.status_code in (502, 503, 504) and _error_shape(r)):
                problems.append(
                    f"{route.method} {route.path} with A's ids in body: {r.status_code}"
                )
            if _leaks(r, marker):
                problems.append(f"{route.method} {route.path}: A's data in the answer")
            if route.method == "GET":
                for name, kind in (
                    ("channel_id", "channel"),
                    ("contact_id", "contact"),
                    ("post_id", "post"),
                    ("tag_id", "tag"),
                    ("livestream_id", "livestream"),
                    ("conversation_id", "conversation"),
                ):
                    r = await client.get(route.path, params={name: ids_a[kind]}, headers=b.headers)
                    checked += 1
                    if r.status_code >= 500:
                        problems.append(f"GET {route.path}?{name}=A's -> {r.status_code}")
                    if _leaks(r, marker):
                        problems.append(f"GET {route.path}?{name}=A's: A's data in the answer")
                r = await client.get(route.path, params={"q": marker}, headers=b.headers)
                checked += 1
                if _leaks(r, marker):
                    problems.append(f"GET {route.path}?q=A's marker: A's data in the answer")
    after = await _snapshot(a, routes, ids_a)
    changed = [p for p in before if before[p] != after.get(p)]
    record("isolation: cross-workspace checks", checked)
    record("isolation: A's objects unchanged after B's requests", len(before) - len(changed))
    assert not changed, f"B changed A's data: {changed}"
    assert not unseeded, (
        "routes with a path parameter the isolation matrix cannot fill (add it to "
        f"tests/security/routes.py PARAM_KINDS and seed it): {sorted(unseeded)}"
    )
    assert not problems, "\n".join(problems)


async def test_declared_roles_are_enforced(
    world: dict[str, Any], client: httpx.AsyncClient
) -> None:
    a = world["a"]
    ids = world["ids_a"]
    routes: list[RouteInfo] = world["routes"]
    admin = await a.add_member("admin")
    agent = await a.add_member("agent")
    r = await a.post("/api/v1/api-keys", json={"name": "matrix"})
    assert r.status_code == 201, r.text
    key = r.json().get("key") or r.json().get("api_key")
    api = {"X-Api-Key": key}
    who = {"owner": a.headers, "admin": admin.headers, "agent": agent.headers, "api_key": api}
    rank = {"agent": 1, "admin": 2, "owner": 3}
    checked, problems = 0, []
    for route in routes:
        if (route.method, route.path) in PUBLIC or route.path.startswith("/api/v1/auth"):
            continue
        path = fill_path(route, ids)
        if path is None:
            continue
        minimum, needs_user = role_requirement(route.endpoint)
        for name, headers in who.items():
            role = "admin" if name == "api_key" else name
            denied = (minimum is not None and rank[role] < rank[minimum]) or (
                needs_user and name == "api_key"
            )
            if route.mutates and not denied:
                continue  # allowed mutations are the features' own tests
            r = await _call(client, route, path, headers, ids)
            checked += 1
            if denied and (r.status_code != 403 or not _error_shape(r)):
                problems.append(f"{name} {route.method} {path}: expected 403, got {r.status_code}")
            if r.status_code >= 500:
                problems.append(f"{name} {route.method} {path}: {r.status_code} {r.text[:150]}")
    record("isolation: role checks", checked)
    assert not problems, "\n".join(problems)
