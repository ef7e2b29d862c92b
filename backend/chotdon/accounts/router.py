from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts import mail, service
from chotdon.accounts.models import Membership, User, Workspace
from chotdon.accounts.schemas import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyOut,
    AuthOut,
    InvitationCreated,
    InvitationOut,
    InvitationPreview,
    InvitationTokenIn,
    JoinIn,
    LoginIn,
    MemberIn,
    MemberOut,
    MemberPatch,
    MeOut,
    PasswordChangeIn,
    PasswordResetIn,
    PasswordResetRequestIn,
    RefreshIn,
    RegisterIn,
    SessionOut,
    SessionsEnded,
    SwitchWorkspaceIn,
    UserOut,
    WorkspaceOut,
    WorkspaceWithRole,
)
from chotdon.core import ratelimit
from chotdon.core.auth import (
    AdminPrincipal,
    AdminUserPrincipal,
    CurrentPrincipal,
    OptionalUser,
    SessionDep,
    UserPrincipal,
)
from chotdon.core.pagination import Page
from chotdon.core.security import create_access_token
from chotdon.core.settings import get_settings

router = APIRouter(tags=["accounts"])


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def device(request: Request) -> service.Device:
    return service.Device(request.headers.get("user-agent"), client_ip(request))


async def _auth_out(
    session: AsyncSession,
    request: Request,
    user: User,
    workspace: Workspace,
    role: str,
    session_id: int | None = None,
) -> AuthOut:
    """Tokens for `user` in `workspace`: a new login session, or `session_id` moved there."""
    user_session, refresh = await service.open_session(
        session, user.id, workspace.id, session_id, device(request)
    )
    return AuthOut(
        access_token=create_access_token(user.id, workspace.id, user_session.id),
        expires_in=get_settings().access_token_ttl_minutes * 60,
        refresh_token=refresh,
        user=UserOut.model_validate(user),
        workspace=WorkspaceOut.model_validate(workspace),
        role=role,
    )


def _member_out(membership: Membership, user: User) -> MemberOut:
    return MemberOut(
        id=membership.id,
        user_id=user.id,
        email=user.email,
        name=user.name,
        role=membership.role,
        is_active=membership.is_active,
        created_at=membership.created_at,
    )


@router.post("/auth/register", status_code=status.HTTP_201_CREATED, response_model=AuthOut)
async def register(body: RegisterIn, request: Request, session: SessionDep) -> AuthOut:
    user, workspace = await service.register(
        session, **body.model_dump(), client_ip=client_ip(request)
    )
    return await _auth_out(session, request, user, workspace, "owner")


@router.post("/auth/login", response_model=AuthOut)
async def login(body: LoginIn, request: Request, session: SessionDep) -> AuthOut:
    user, membership = await service.authenticate(
        session, email=body.email, password=body.password, client_ip=client_ip(request)
    )
    workspace = await session.get_one(Workspace, membership.workspace_id)
    return await _auth_out(session, request, user, workspace, membership.role)


@router.post("/auth/switch-workspace", response_model=AuthOut)
async def switch_workspace(
    body: SwitchWorkspaceIn, request: Request, principal: UserPrincipal, session: SessionDep
) -> AuthOut:
    assert principal.user_id is not None
    membership = await service.membership_for(session, principal.user_id, body.workspace_id)
    user = await session.get_one(User, principal.user_id)
    workspace = await session.get_one(Workspace, membership.workspace_id)
    return await _auth_out(session, request, user, workspace, membership.role, principal.session_id)


@router.post("/auth/refresh", response_model=AuthOut)
async def refresh(body: RefreshIn, request: Request, session: SessionDep) -> AuthOut:
    """New tokens for a refresh token (which is then spent); 401 `session_ended` once the
    session ended, with `details.reason` (`logout`, `ended_elsewhere`, `password_changed`,
    `password_reset`, `membership_ended`, `ended_by_admin`, `refresh_token_reused`) when known.
    A spent refresh token presented again ends its whole session (`refresh_token_reused`)."""
    user, membership, user_session, refresh_token = await service.refresh_session(
        session, body.refresh_token, device(request)
    )
    workspace = await session.get_one(Workspace, membership.workspace_id)
    return AuthOut(
        access_token=create_access_token(user.id, workspace.id, user_session.id),
        expires_in=get_settings().access_token_ttl_minutes * 60,
        refresh_token=refresh_token,
        user=UserOut.model_validate(user),
        workspace=WorkspaceOut.model_validate(workspace),
        role=membership.role,
    )


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(principal: UserPrincipal, session: SessionDep) -> Response:
    """End this login session: its access and refresh tokens stop working."""
    await service.logout(session, principal)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/auth/sessions", response_model=Page[SessionOut])
async def list_sessions(principal: UserPrincipal, session: SessionDep) -> Page[SessionOut]:
    """Your login sessions that still work (browsers, devices), most recently used first;
    `current` marks the one making this request."""
    rows = await service.list_sessions(session, principal)
    return Page(
        items=[
            SessionOut.model_validate(s).model_copy(
                update={"current": s.id == principal.session_id}
            )
            for s in rows
        ]
    )


@router.delete("/auth/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
async def end_session(session_id: int, principal: UserPrincipal, session: SessionDep) -> Response:
    """Log one of your sessions out (its tokens stop working at once); 404 for a session
    that is not yours or already ended."""
    await service.end_session(session, principal, session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/auth/logout-others", response_model=SessionsEnded)
async def logout_others(principal: UserPrincipal, session: SessionDep) -> SessionsEnded:
    """Log out everywhere else: every session of yours but this one ends."""
    return SessionsEnded(ended=await service.end_other_sessions(session, principal))


@router.post("/auth/password", status_code=status.HTTP_204_NO_CONTENT)
async def change_password(
    body: PasswordChangeIn, principal: UserPrincipal, session: SessionDep
) -> Response:
    """Change your password; your other sessions (other browsers, devices) end."""
    await service.change_password(
        session,
        principal,
        current_password=body.current_password,
        new_password=body.new_password,
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/auth/password-reset", status_code=status.HTTP_202_ACCEPTED)
async def request_password_reset(
    body: PasswordResetRequestIn, request: Request, session: SessionDep
) -> Response:
    """Send a single-use reset link to the address (logged when SMTP_URL is unset). Answers
    the same whether or not the account exists."""
    await service.request_password_reset(
        session, body.email, client_ip(request), public_base(request)
    )
    return Response(status_code=status.HTTP_202_ACCEPTED)


@router.post("/auth/password-reset/confirm", status_code=status.HTTP_204_NO_CONTENT)
async def reset_password(body: PasswordResetIn, session: SessionDep) -> Response:
    """Set a new password with a reset link's token; every session of the account ends."""
    await service.reset_password(session, body.token, body.new_password)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=MeOut)
async def me(principal: CurrentPrincipal, session: SessionDep) -> MeOut:
    workspace = await session.get_one(Workspace, principal.workspace_id)
    user = await session.get(User, principal.user_id) if principal.user_id else None
    workspaces = (
        [
            WorkspaceWithRole(id=ws.id, name=ws.name, role=role)
            for ws, role in await service.list_workspaces(session, user.id)
        ]
        if user
        else [WorkspaceWithRole(id=workspace.id, name=workspace.name, role=principal.role)]
    )
    return MeOut(
        user=UserOut.model_validate(user) if user else None,
        workspace=WorkspaceOut.model_validate(workspace),
        role=principal.role,
        workspaces=workspaces,
    )


@router.get("/members", response_model=Page[MemberOut])
async def list_members(principal: CurrentPrincipal, session: SessionDep) -> Page[MemberOut]:
    rows = await service.list_members(session, principal.workspace_id)
    return Page(items=[_member_out(m, u) for m, u in rows])


@router.post("/members", status_code=status.HTTP_201_CREATED, response_model=InvitationCreated)
async def add_member(
    body: MemberIn,
    request: Request,
    background: BackgroundTasks,
    principal: AdminUserPrincipal,
    session: SessionDep,
) -> InvitationCreated:
    """Invite staff: answers the single-use link to pass on (`url`), also e-mailed to the
    invitee when SMTP_URL is set (`emailed`); nobody joins until the invitee opens it and sets
    a password or logs in with the invited e-mail."""
    invitation, token = await service.invite_member(
        session, principal, email=body.email, name=body.name, role=body.role
    )
    url = f"{public_base(request)}/join#{token}"
    emailed = bool(get_settings().smtp_url)
    if emailed:
        # After the answer, so after the commit: the link works when the mail arrives.
        workspace = await session.get_one(Workspace, principal.workspace_id)
        inviter = await session.get(User, principal.user_id) if principal.user_id else None
        background.add_task(
            mail.send_invitation,
            email=invitation.email,
            name=invitation.name,
            workspace_name=workspace.name,
            inviter_name=inviter.name if inviter else None,
            role=invitation.role,
            link=url,
            expires_at=invitation.expires_at,
        )
    return InvitationCreated(
        **InvitationOut.model_validate(invitation).model_dump(),
        token=token,
        url=url,
        emailed=emailed,
    )


def public_base(request: Request) -> str:
    """Where people reach the SPA: PUBLIC_URL, else the address this request came to."""
    return (get_settings().public_url or str(request.base_url)).rstrip("/")


@router.delete("/members/me", status_code=status.HTTP_204_NO_CONTENT)
async def leave_workspace(principal: UserPrincipal, session: SessionDep) -> Response:
    """Leave the current workspace (the last owner cannot)."""
    await service.leave(session, principal)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/invitations", response_model=Page[InvitationOut])
async def list_invitations(principal: AdminPrincipal, session: SessionDep) -> Page[InvitationOut]:
    rows = await service.list_invitations(session, principal.workspace_id)
    return Page(items=[InvitationOut.model_validate(i) for i in rows])


@router.delete("/invitations/{invitation_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_invitation(
    invitation_id: int, principal: AdminUserPrincipal, session: SessionDep
) -> Response:
    await service.revoke_invitation(session, principal, invitation_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/auth/invitation", response_model=InvitationPreview)
async def preview_invitation(body: InvitationTokenIn, session: SessionDep) -> InvitationPreview:
    """What an invitation link is for (the workspace, e-mail and role), before joining."""
    invitation, workspace = await service.preview_invitation(session, body.token)
    return InvitationPreview(
        workspace=WorkspaceOut.model_validate(workspace),
        email=invitation.email,
        name=invitation.name,
        role=invitation.role,
        expires_at=invitation.expires_at,
    )


@router.post("/auth/join", response_model=AuthOut)
async def join(
    body: JoinIn, request: Request, principal: OptionalUser, session: SessionDep
) -> AuthOut:
    """Accept an invitation: with a bearer token the logged-in account (of the invited e-mail)
    joins; without one, `password` creates the invitee's account. Logs in to the workspace."""
    await ratelimit.hit(
        f"join:ip:{client_ip(request)}", get_settings().login_attempts_per_minute * 3
    )
    user, membership = await service.join(
        session,
        token=body.token,
        user_id=principal.user_id if principal else None,
        password=body.password,
        name=body.name,
    )
    workspace = await session.get_one(Workspace, membership.workspace_id)
    session_id = principal.session_id if principal else None
    return await _auth_out(session, request, user, workspace, membership.role, session_id)


@router.patch("/members/{member_id}", response_model=MemberOut)
async def update_member(
    member_id: int, body: MemberPatch, principal: AdminUserPrincipal, session: SessionDep
) -> MemberOut:
    membership, user = await service.update_member(
        session, principal, member_id, role=body.role, is_active=body.is_active
    )
    return _member_out(membership, user)


@router.delete("/members/{member_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_member(
    member_id: int, principal: AdminUserPrincipal, session: SessionDep
) -> Response:
    await service.remove_member(session, principal, member_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/members/{member_id}/sessions", response_model=SessionsEnded)
async def end_member_sessions(
    member_id: int, principal: AdminUserPrincipal, session: SessionDep
) -> SessionsEnded:
    """Log a member out of this workspace on every device (they can log in again; remove or
    deactivate them to keep them out, which ends their sessions too). Admins: agents only."""
    return SessionsEnded(ended=await service.end_member_sessions(session, principal, member_id))


@router.get("/api-keys", response_model=Page[ApiKeyOut])
async def list_api_keys(principal: AdminPrincipal, session: SessionDep) -> Page[ApiKeyOut]:
    keys = await service.list_api_keys(session, principal.workspace_id)
    return Page(items=[ApiKeyOut.model_validate(k) for k in keys])


@router.post("/api-keys", status_code=status.HTTP_201_CREATED, response_model=ApiKeyCreated)
async def create_api_key(
    body: ApiKeyIn, principal: AdminUserPrincipal, session: SessionDep
) -> ApiKeyCreated:
    api_key, key = await service.create_api_key(session, principal, body.name, body.scopes)
    return ApiKeyCreated(**ApiKeyOut.model_validate(api_key).model_dump(), key=key)


@router.delete("/api-keys/{api_key_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_api_key(
    api_key_id: int, principal: AdminUserPrincipal, session: SessionDep
) -> Response:
    await service.revoke_api_key(session, principal, api_key_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
