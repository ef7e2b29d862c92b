"""Who is calling: a user with a bearer token or an integration with an API key.

Handlers declare what they need with the `Annotated` aliases at the bottom:
`principal: CurrentPrincipal` for any member, `principal: AdminPrincipal` for owner/admin work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core import scopes
from chotdon.core.db import get_session
from chotdon.core.errors import Forbidden, Unauthorized
from chotdon.core.security import decode_access_token, hash_api_key

ROLE_RANK = {"agent": 1, "admin": 2, "owner": 3}

_bearer = HTTPBearer(auto_error=False)
_api_key = APIKeyHeader(name="X-Api-Key", auto_error=False)


@dataclass(frozen=True, slots=True)
class Principal:
    workspace_id: int
    role: str
    user_id: int | None = None
    api_key_id: int | None = None
    session_id: int | None = None  # a user's login session (accounts.models.UserSession)
    scopes: tuple[str, ...] = ()  # an API key's (core/scopes.py); users are limited by role only

    @property
    def is_user(self) -> bool:
        return self.user_id is not None

    def has_role(self, minimum: str) -> bool:
        return ROLE_RANK.get(self.role, 0) >= ROLE_RANK[minimum]


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


async def principal_from_token(session: AsyncSession, token: str) -> Principal | None:
    """Resolve a bearer access token to its user's active membership (also used by the WS)."""
    from chotdon.accounts.models import Membership, UserSession

    payload = decode_access_token(token)
    if payload is None:
        return None
    try:
        user_id, workspace_id = int(payload["sub"]), int(payload["wid"])
        session_id = int(payload["sid"])
    except (KeyError, TypeError, ValueError):
        return None
    membership = (
        await session.execute(
            select(Membership)
            .join(UserSession, UserSession.id == session_id)
            .where(
                Membership.user_id == user_id,
                Membership.workspace_id == workspace_id,
                Membership.is_active.is_(True),
                UserSession.user_id == user_id,
                UserSession.revoked_at.is_(None),
            )
        )
    ).scalar_one_or_none()
    if membership is None:
        return None
    return Principal(
        workspace_id=workspace_id, role=membership.role, user_id=user_id, session_id=session_id
    )


async def principal_from_api_key(session: AsyncSession, key: str) -> Principal | None:
    """A key works while the member who created it is an active admin or owner of its workspace;
    its role is never above that member's."""
    from chotdon.accounts.models import ApiKey, Membership

    row = (
        await session.execute(
            select(ApiKey, Membership.role)
            .join(
                Membership,
                (Membership.user_id == ApiKey.created_by_id)
                & (Membership.workspace_id == ApiKey.workspace_id),
            )
            .where(
                ApiKey.key_hash == hash_api_key(key),
                ApiKey.revoked_at.is_(None),
                Membership.is_active.is_(True),
            )
        )
    ).one_or_none()
    if row is None:
        return None
    api_key, member_role = row
    role = min(api_key.role, member_role, key=lambda r: ROLE_RANK.get(r, 0))
    if not ROLE_RANK.get(role, 0) >= ROLE_RANK["admin"]:
        return None
    await session.execute(
        update(ApiKey).where(ApiKey.id == api_key.id).values(last_used_at=datetime.now(UTC))
    )
    return Principal(
        workspace_id=api_key.workspace_id,
        role=role,
        api_key_id=api_key.id,
        scopes=tuple(api_key.scopes or ()),
    )


async def get_principal(
    request: Request,
    session: SessionDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key)],
) -> Principal:
    principal = None
    if bearer is not None and bearer.credentials:
        principal = await principal_from_token(session, bearer.credentials)
    elif api_key:
        principal = await principal_from_api_key(session, api_key)
        if principal is not None:
            area = scopes.area_of(request.scope.get("endpoint"))
            if not scopes.allows(principal.scopes, area, request.method):
                raise Forbidden(
                    f"This API key's scopes do not allow this ({area} area)",
                    code="scope_required",
                    details={"area": area, "scopes": list(principal.scopes)},
                )
    else:
        raise Unauthorized("Send 'Authorization: Bearer <token>' or 'X-Api-Key: <key>'")
    if principal is None:
        raise Unauthorized("Invalid or expired credentials", code="invalid_credentials")
    request.state.principal = principal
    return principal


async def get_optional_user(
    request: Request,
    session: SessionDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal | None:
    """The logged-in user when a bearer token is sent (a bad one is still a 401), else None."""
    if bearer is None or not bearer.credentials:
        return None
    principal = await principal_from_token(session, bearer.credentials)
    if principal is None:
        raise Unauthorized("Invalid or expired credentials", code="invalid_credentials")
    request.state.principal = principal
    return principal


def require_role(minimum: str):
    async def _check(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        if not principal.has_role(minimum):
            raise Forbidden(
                f"This needs the {minimum} role or higher", details={"required_role": minimum}
            )
        return principal

    return _check


async def require_user(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    if not principal.is_user:
        raise Forbidden("This needs a logged-in user, not an API key")
    return principal


async def require_admin_user(
    principal: Annotated[Principal, Depends(require_role("admin"))],
) -> Principal:
    """An admin or owner logged in as a person: API keys cannot create keys or members."""
    if not principal.is_user:
        raise Forbidden("This needs a logged-in user, not an API key", code="user_required")
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
AdminPrincipal = Annotated[Principal, Depends(require_role("admin"))]
OwnerPrincipal = Annotated[Principal, Depends(require_role("owner"))]
UserPrincipal = Annotated[Principal, Depends(require_user)]
AdminUserPrincipal = Annotated[Principal, Depends(require_admin_user)]
OptionalUser = Annotated[Principal | None, Depends(get_optional_user)]
