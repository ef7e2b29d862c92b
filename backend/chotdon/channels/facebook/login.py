"""Facebook Login: the owner connects pages and their Instagram accounts through Facebook's
OAuth dialog, no token pasting (API.md "Connecting channels").

The dialog's code becomes a short-lived user token, exchanged at once for a long-lived one
(about 60 days); the page tokens read with it (`/me/accounts`) do not expire, so channels keep
working after the user token is gone (it is never stored). The login offers each page the user
manages, and the Instagram professional account linked to it, with what is missing: a declined
permission (`/me/permissions`) or a page task the person lacks. The owner picks among them
(`oauth.save_selection`); the chosen pages are subscribed to the app's webhooks.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from chotdon.channels.contract import ConnectedAccount
from chotdon.channels.facebook.graph import GraphError, get_graph
from chotdon.channels.facebook.service import SUBSCRIBED_FIELDS, _picture, list_user_pages
from chotdon.channels.oauth import callback_url
from chotdon.core.errors import BadRequest
from chotdon.core.settings import get_settings

PAGE_PERMISSIONS = (
    "pages_show_list",
    "pages_manage_metadata",
    "pages_messaging",
    "pages_read_engagement",
    "pages_read_user_content",
    "pages_manage_engagement",
)
INSTAGRAM_PERMISSIONS = (
    "instagram_basic",
    "instagram_manage_messages",
    "instagram_manage_comments",
)
SCOPES = (*PAGE_PERMISSIONS, *INSTAGRAM_PERMISSIONS, "business_management")
# What the person must be able to do on the page (Page roles / tasks).
PAGE_TASKS = ("MESSAGING", "MODERATE")


class LoginFailed(BadRequest):
    code = "facebook_login_failed"
    message = "Facebook did not accept the login"


def graph_version() -> str:
    return get_settings().facebook_graph_url.rstrip("/").rsplit("/", 1)[-1]


def authorize_url(state: str, redirect_uri: str) -> str:
    settings = get_settings()
    query = urlencode(
        {
            "client_id": settings.facebook_app_id,
            "redirect_uri": redirect_uri,
            "state": state,
            "response_type": "code",
            "scope": ",".join(SCOPES),
        }
    )
    return f"{settings.facebook_dialog_url.rstrip('/')}/{graph_version()}/dialog/oauth?{query}"


def _app_credentials() -> tuple[str, dict[str, str]]:
    settings = get_settings()
    app_token = f"{settings.facebook_app_id}|{settings.facebook_app_secret}"
    return app_token, {
        "client_id": settings.facebook_app_id,
        "client_secret": settings.facebook_app_secret,
    }


async def long_lived_user_token(code: str) -> str:
    """The dialog's code → a short-lived user token → a long-lived one."""
    graph = get_graph()
    app_token, credentials = _app_credentials()
    try:
        short = await graph.get(
            "oauth/access_token",
            app_token,
            {**credentials, "redirect_uri": callback_url("facebook"), "code": code},
        )
        long = await graph.get(
            "oauth/access_token",
            app_token,
            {
                **credentials,
                "grant_type": "fb_exchange_token",
                "fb_exchange_token": str(short["access_token"]),
            },
        )
    except GraphError as exc:
        raise LoginFailed(f"Facebook refused the login: {exc.message}") from exc
    return str(long["access_token"])


async def granted_permissions(user_token: str) -> set[str]:
    body = await get_graph().get("me/permissions", user_token)
    return {
        str(p.get("permission"))
        for p in body.get("data") or []
        if isinstance(p, dict) and p.get("status") == "granted"
    }


def missing_for(
    needed: tuple[str, ...], granted: set[str], tasks: list[str] | None
) -> tuple[str, ...]:
    """Pure: the permissions not granted, and page tasks the person lacks (`task:NAME`)."""
    missing = [p for p in needed if p not in granted]
    if tasks is not None:
        missing += [f"task:{t}" for t in PAGE_TASKS if t not in tasks]
    return tuple(missing)


def accounts_of(pages: list[dict[str, Any]], granted: set[str]) -> list[ConnectedAccount]:
    """Pure: `/me/accounts` nodes → a page account each, then its Instagram account."""
    accounts: list[ConnectedAccount] = []
    for page in pages:
        if not page.get("id") or not page.get("access_token"):
            continue
        page_id, token = str(page["id"]), str(page["access_token"])
        tasks = page.get("tasks") if isinstance(page.get("tasks"), list) else None
        accounts.append(
            ConnectedAccount(
                external_id=page_id,
                name=str(page.get("name") or page_id),
                access_token=token,
                picture_url=_picture(page),
                missing_permissions=missing_for(PAGE_PERMISSIONS, granted, tasks),
            )
        )
        ig = page.get("instagram_business_account")
        if isinstance(ig, dict) and ig.get("id"):
            accounts.append(
                ConnectedAccount(
                    external_id=str(ig["id"]),
                    name=f"@{ig.get('username')}" if ig.get("username") else str(ig["id"]),
                    access_token=token,  # Instagram via Facebook Login: the page's token
                    picture_url=ig.get("profile_picture_url"),
                    provider="instagram",
                    linked_to=page_id,
                    settings={"page_id": page_id},
                    missing_permissions=missing_for(
                        ("pages_manage_metadata", *INSTAGRAM_PERMISSIONS), granted, tasks
                    ),
                )
            )
    return accounts


async def exchange_code(code: str) -> list[ConnectedAccount]:
    """Everything the login offers: the user's pages and their Instagram accounts."""
    user_token = await long_lived_user_token(code)
    try:
        granted = await granted_permissions(user_token)
    except GraphError as exc:
        raise LoginFailed(f"Facebook refused the login: {exc.message}") from exc
    return accounts_of(await list_user_pages(user_token), granted)


async def subscribe_pages(accounts: list[ConnectedAccount]) -> None:
    """Install the app on the pages chosen (or whose Instagram account was): webhooks flow."""
    tokens = {a.linked_to or a.external_id: a.access_token for a in accounts}
    graph = get_graph()
    for page_id, token in tokens.items():
        try:
            await graph.post(
                f"{page_id}/subscribed_apps",
                token,
                params={"subscribed_fields": ",".join(SUBSCRIBED_FIELDS)},
            )
        except GraphError as exc:
            raise LoginFailed(
                f"Facebook refused to send this page's messages to Chotdon: {exc.message}",
                code="facebook_permission_missing",
            ) from exc
