"""Walk the app's routes and build requests for them from the OpenAPI description.

New endpoints are picked up automatically: the isolation matrix iterates over whatever the app
serves under /api/v1. A path parameter or a body field naming an object ("conversation_id",
"tag_ids"...) is filled from the seeded objects of the workspace under test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI

from support.passwords import STRONG_PASSWORD

API = "/api/v1"
PUBLIC = {
    ("POST", "/api/v1/auth/register"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/invitation"),
    ("POST", "/api/v1/auth/join"),
    ("POST", "/api/v1/auth/refresh"),
    ("POST", "/api/v1/auth/password-reset"),
    ("POST", "/api/v1/auth/password-reset/confirm"),
    ("GET", "/api/v1/openapi.json"),
    ("HEAD", "/api/v1/openapi.json"),
}

# Path parameter / body field name -> the kind of seeded object it refers to.
PARAM_KINDS = {
    "conversation_id": "conversation",
    "tag_id": "tag",
    "note_id": "note",
    "message_id": "comment",
    "group_id": "quick_reply",
    "quick_reply_id": "quick_reply",
    "media_id": "media",
    "order_id": "order",
    "product_id": "product",
    "warehouse_id": "warehouse",
    "livestream_id": "livestream",
    "channel_id": "channel",
    "contact_id": "contact",
    "other_id": "contact",
    "member_id": "member",
    "api_key_id": "api_key",
    "invitation_id": "invitation",
    "post_id": "post",
    "assignee_id": "member_user",
    "user_id": "member_user",
    "phone_id": "phone",
    "address_id": "address",
    "entry_id": "blacklist",
    "comment_id": "live_comment",
    "shipment_id": "shipment",
    "rule_id": "auto_message",
    "webhook_id": "webhook",
    "delivery_id": "webhook_delivery",
    "session_id": "session",
}
# Path parameters that are not object ids: one valid value each.
LITERAL_PARAMS = {
    "action": "like",
    "phone": "+84912345678",
    "code": "01",
    "provider": "shopee",
    "carrier": "ghn",
    "selection_id": "no-such-selection",
}
MISSING_ID = 4_000_000_000_000_000_000


@dataclass(frozen=True)
class RouteInfo:
    method: str
    path: str
    params: tuple[str, ...]
    endpoint: Any
    body_schema: dict[str, Any] | None
    body_type: str | None  # "json" | "multipart"

    @property
    def mutates(self) -> bool:
        return self.method not in ("GET", "HEAD")


def _iter_routes(app: FastAPI):  # type: ignore[no-untyped-def]
    try:  # FastAPI >= 0.165 keeps included routers nested
        from fastapi.routing import iter_route_contexts

        for ctx in iter_route_contexts(app.routes):
            yield (
                str(getattr(ctx, "path", "")),
                set(getattr(ctx, "methods", None) or ()),
                getattr(ctx, "endpoint", None),
            )
    except ImportError:
        for r in app.routes:
            yield (
                str(getattr(r, "path", "")),
                set(getattr(r, "methods", None) or ()),
                getattr(r, "endpoint", None),
            )


def api_routes(app: FastAPI) -> list[RouteInfo]:
    spec = app.openapi()
    out = []
    for path, methods, endpoint in _iter_routes(app):
        if not path.startswith(API) or not methods:
            continue
        for method in sorted(methods):
            if method == "HEAD":
                continue
            op = spec.get("paths", {}).get(path, {}).get(method.lower(), {})
            body_schema, body_type = None, None
            content = (op.get("requestBody") or {}).get("content") or {}
            if "application/json" in content:
                body_schema, body_type = content["application/json"].get("schema", {}), "json"
            elif "multipart/form-data" in content:
                body_schema = content["multipart/form-data"].get("schema", {})
                body_type = "multipart"
            out.append(
                RouteInfo(
                    method,
                    path,
                    tuple(re.findall(r"{(\w+)(?::\w+)?}", path)),
                    endpoint,
                    _resolve(spec, body_schema) if body_schema else None,
                    body_type,
                )
            )
    return out


def websocket_paths(app: FastAPI) -> list[str]:
    return [p for p, methods, _ in _iter_routes(app) if p.startswith(API) and not methods]


def _resolve(spec: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    if depth > 8:
        return {}
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _resolve(spec, spec["components"]["schemas"].get(name, {}), depth + 1)
    out = dict(schema)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in out:
            out[key] = [_resolve(spec, s, depth + 1) for s in out[key]]
    if "properties" in out:
        out["properties"] = {k: _resolve(spec, v, depth + 1) for k, v in out["properties"].items()}
    if "items" in out and isinstance(out["items"], dict):
        out["items"] = _resolve(spec, out["items"], depth + 1)
    return out


def fill_path(route: RouteInfo, ids: dict[str, int]) -> str | None:
    """The path with its parameters filled from `ids` (kind -> id); None if one is unknown."""
    path = route.path
    for name in route.params:
        if name in LITERAL_PARAMS:
            value: Any = LITERAL_PARAMS[name]
        else:
            kind = PARAM_KINDS.get(name)
            if kind is None or kind not in ids:
                return None
            value = ids[kind]
        path = re.sub(r"{" + name + r"(?::\w+)?}", str(value), path)
    return path


def example(
    schema: dict[str, Any] | None, ids: dict[str, int], name: str = "", path: str = ""
) -> Any:
    """A small value that satisfies `schema`, with object references taken from `ids`."""
    if not schema:
        return {}
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return example(options[0], ids, name, path)
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for s in schema["allOf"]:
            merged.update(s)
        return example(merged, ids, name, path)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind = PARAM_KINDS.get(name) or PARAM_KINDS.get(name.removesuffix("s") if name else "")
    if name == "ids":
        kind = "order" if "/orders" in path else "conversation"
    t = schema.get("type")
    if t == "object" or "properties" in schema:
        props = schema.get("properties", {})
        required = schema.get("required", [])
        return {k: example(props[k], ids, k, path) for k in required if k in props}
    if t == "array":
        item = example(schema.get("items", {}), ids, name.removesuffix("s"), path)
        if kind is not None and kind in ids:
            return [ids[kind]]
        return [item] * max(1, schema.get("minItems", 0)) if schema.get("minItems") else []
    if t == "integer":
        if kind is not None and kind in ids:
            return ids[kind]
        return max(int(schema.get("minimum", 1)), 1)
    if t == "number":
        return max(float(schema.get("minimum", 1)), 1.0)
    if t == "boolean":
        return False
    if t == "string":
        fmt = schema.get("format", "")
        if fmt == "email":
            return "someone@example.com"
        if fmt == "date-time":
            return datetime.now(UTC).isoformat()
        if fmt == "date":
            return datetime.now(UTC).date().isoformat()
        if fmt == "binary":
            return "x"
        if kind is not None and kind in ids:
            return str(ids[kind])
        if "phone" in name:
            return "0912345678"
        if "password" in name:
            return STRONG_PASSWORD
        return "x" * max(1, int(schema.get("minLength", 1)))
    return None


def role_requirement(endpoint: Any, route: Any = None) -> tuple[str | None, bool]:
    """(minimum role, needs a user) declared by the endpoint's dependencies."""
    from fastapi.dependencies.utils import get_dependant

    minimum: str | None = None
    needs_user = False
    rank = {"agent": 1, "admin": 2, "owner": 3}
    try:
        dependant = get_dependant(path="/", call=endpoint)
    except Exception:  # an endpoint FastAPI cannot introspect: no declared role
        return None, False
    stack = list(dependant.dependencies)
    seen: set[int] = set()
    while stack:
        dep = stack.pop()
        call = dep.call
        if call is None or id(call) in seen:
            continue
        seen.add(id(call))
        qual = getattr(call, "__qualname__", "")
        if "require_role" in qual and getattr(call, "__closure__", None):
            for cell in call.__closure__:
                value = cell.cell_contents
                if isinstance(value, str) and value in rank:
                    if minimum is None or rank[value] > rank[minimum]:
                        minimum = value
        if qual.endswith(("require_user", "require_admin_user")):
            needs_user = True
        stack.extend(dep.dependencies)
    return minimum, needs_user
