"""Facebook Login: the OAuth dialog a shop owner goes through, and the token exchanges.

`GET /{version}/dialog/oauth` shows who is logged in (set with `POST /_sim/login`), the
permissions the app asks for (each can be unticked, as on facebook.com) and the pages to share;
"Tiếp tục" redirects to `redirect_uri?code=…&state=…`, "Hủy" to `…?error=access_denied`.
`GET /{version}/oauth/access_token` turns a code (single use, same `redirect_uri`) into a
short-lived user token, and `grant_type=fb_exchange_token` turns that into a long-lived one.
Page tokens read with a long-lived user token (`/me/accounts`) never expire.
"""

from __future__ import annotations

import html
import secrets
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from chotdon.channels.facebook.simulator.state import GraphFailure
from chotdon.channels.facebook.simulator.world import World

SHORT_LIVED_SECONDS = 2 * 3600
LONG_LIVED_SECONDS = 60 * 24 * 3600


def login_router(world: World) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    state = world.state

    def oauth_error(message: str, code: int = 100, subcode: int | None = None) -> Response:
        body = GraphFailure(code, message, subcode).body()
        body["error"]["type"] = "OAuthException"
        return JSONResponse(body, status_code=400)

    def offered_pages() -> list[str]:
        ids = state.login_page_ids
        if ids is None:
            ids = [p.id for p in state.pages.values() if not p.is_instagram]
        return [i for i in ids if i in state.pages]

    @router.get("/{version}/dialog/oauth", response_class=HTMLResponse)
    async def dialog(
        version: str,
        client_id: Annotated[str, Query()] = "",
        redirect_uri: Annotated[str, Query()] = "",
        state_param: Annotated[str, Query(alias="state")] = "",
        scope: Annotated[str, Query()] = "",
    ) -> Response:
        if client_id != state.app_id or not redirect_uri:
            return HTMLResponse("<h1>Lỗi: ứng dụng không hợp lệ</h1>", status_code=400)
        permissions = [p.strip() for p in scope.split(",") if p.strip()]
        hidden = "".join(
            f'<input type="hidden" name="{k}" value="{html.escape(v)}">'
            for k, v in (("redirect_uri", redirect_uri), ("state", state_param))
        )
        perms = "".join(
            f'<label><input type="checkbox" name="permission" value="{html.escape(p)}"'
            f"{'' if p in state.declined_permissions else ' checked'}> {html.escape(p)}</label><br>"
            for p in permissions
        )
        pages = "".join(
            f'<label><input type="checkbox" name="page" value="{p.id}" checked> '
            f"{html.escape(p.name)}"
            + (
                f" (Instagram @{html.escape(ig.username or '')})"
                if (ig := state.instagram_of(p)) is not None
                else ""
            )
            + "</label><br>"
            for p in (state.pages[i] for i in offered_pages())
        )
        cancel = f"{redirect_uri}?" + urlencode(
            {"error": "access_denied", "error_reason": "user_denied", "state": state_param}
        )
        return HTMLResponse(
            f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Đăng nhập bằng Facebook</title></head><body>
<h1>Chotdon muốn kết nối với Facebook của bạn</h1>
<form method="get" action="/dialog/oauth/confirm">{hidden}
<h2>Quyền truy cập</h2>{perms}
<h2>Trang</h2>{pages}
<button type="submit" id="fb-continue">Tiếp tục</button>
<a href="{html.escape(cancel)}" id="fb-cancel">Hủy</a>
</form></body></html>"""
        )

    @router.get("/dialog/oauth/confirm")
    async def confirm(
        redirect_uri: str,
        state_param: Annotated[str, Query(alias="state")] = "",
        permission: Annotated[list[str] | None, Query()] = None,
        page: Annotated[list[str] | None, Query()] = None,
    ) -> Response:
        code = "AQ" + secrets.token_urlsafe(48)
        state.login_codes[code] = {
            "redirect_uri": redirect_uri,
            "permissions": set(permission or []),
            "page_ids": [p for p in page or [] if p in state.pages],
        }
        target = f"{redirect_uri}?" + urlencode({"code": code, "state": state_param})
        return RedirectResponse(target, status_code=302)

    @router.get("/{version}/oauth/access_token")
    async def access_token(
        version: str,
        client_id: str = "",
        client_secret: str = "",
        redirect_uri: str = "",
        code: str = "",
        grant_type: str = "",
        fb_exchange_token: str = "",
    ) -> Response:
        if client_id != state.app_id or client_secret != state.app_secret:
            return oauth_error("Error validating client secret.", 1)
        if grant_type == "fb_exchange_token":
            if fb_exchange_token not in state.user_tokens:
                return oauth_error("Invalid OAuth access token - Cannot parse access token", 190)
            token = _new_user_token(state.user_tokens[fb_exchange_token])
            state.user_permissions[token] = set(state.user_permissions.get(fb_exchange_token, ()))
            state.long_lived_tokens.add(token)
            return JSONResponse(_token_body(token, LONG_LIVED_SECONDS))
        grant = state.login_codes.pop(code, None)  # a code is used once
        if grant is None:
            return oauth_error("This authorization code has been used.", 100, 36009)
        if grant["redirect_uri"] != redirect_uri:
            return oauth_error(
                "Error validating verification code. Please make sure your redirect_uri is "
                "identical to the one you used in the OAuth dialog request",
                100,
                36008,
            )
        token = _new_user_token(grant["page_ids"])
        state.user_permissions[token] = set(grant["permissions"])
        return JSONResponse(_token_body(token, SHORT_LIVED_SECONDS))

    def _new_user_token(page_ids: list[str]) -> str:
        token = "EAAU" + secrets.token_urlsafe(32)
        state.user_tokens[token] = list(page_ids)
        return token

    return router


def _token_body(token: str, expires_in: int) -> dict[str, Any]:
    return {"access_token": token, "token_type": "bearer", "expires_in": expires_in}
