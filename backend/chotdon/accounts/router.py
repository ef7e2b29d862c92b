from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from chotdon.accounts import service
from chotdon.accounts.models import Membership, User, Workspace
from chotdon.accounts.schemas import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyOut,
    AuthOut,
    LoginIn,
    MemberIn,
    MemberOut,
    MemberPatch,
    MeOut,
    RegisterIn,
    SwitchWorkspaceIn,
    UserOut,
    WorkspaceOut,
    WorkspaceWithRole,
)
from chotdon.core.auth import AdminPrincipal, CurrentPrincipal, SessionDep, UserPrincipal
from chotdon.core.pagination import Page
from chotdon.core.security import create_access_token

router = APIRouter(tags=["accounts"])


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _auth_out(user: User, workspace: Workspace, role: str) -> AuthOut:
    return AuthOut(
        access_token=create_access_token(user.id, workspace.id),
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
    return _auth_out(user, workspace, "owner")


@router.post("/auth/login", response_model=AuthOut)
async def login(body: LoginIn, request: Request, session: SessionDep) -> AuthOut:
    user, membership = await service.authenticate(
        session, email=body.email, password=body.password, client_ip=client_ip(request)
    )
    workspace = await session.get_one(Workspace, membership.workspace_id)
    return _auth_out(user, workspace, membership.role)


@router.post("/auth/switch-workspace", response_model=AuthOut)
async def switch_workspace(
    body: SwitchWorkspaceIn, principal: UserPrincipal, session: SessionDep
) -> AuthOut:
    assert principal.user_id is not None
    membership = await service.membership_for(session, principal.user_id, body.workspace_id)
    user = await session.get_one(User, principal.user_id)
    workspace = await session.get_one(Workspace, membership.workspace_id)
    return _auth_out(user, workspace, membership.role)


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


@router.post("/members", status_code=status.HTTP_201_CREATED, response_model=MemberOut)
async def add_member(body: MemberIn, principal: AdminPrincipal, session: SessionDep) -> MemberOut:
    membership, user = await service.add_member(session, principal, **body.model_dump())
    return _member_out(membership, user)


@router.patch("/members/{member_id}", response_model=MemberOut)
async def update_member(
    member_id: int, body: MemberPatch, principal: AdminPrincipal, session: SessionDep
) -> MemberOut:
    membership, user = await service.update_member(
        session, principal, member_id, role=body.role, is_active=body.is_active
    )
    return _member_out(membership, user)


@router.delete("/members/{member_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_member(member_id: int, principal: AdminPrincipal, session: SessionDep) -> Response:
    await service.remove_member(session, principal, member_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/api-keys", response_model=Page[ApiKeyOut])
async def list_api_keys(principal: AdminPrincipal, session: SessionDep) -> Page[ApiKeyOut]:
    keys = await service.list_api_keys(session, principal.workspace_id)
    return Page(items=[ApiKeyOut.model_validate(k) for k in keys])


@router.post("/api-keys", status_code=status.HTTP_201_CREATED, response_model=ApiKeyCreated)
async def create_api_key(
    body: ApiKeyIn, principal: AdminPrincipal, session: SessionDep
) -> ApiKeyCreated:
    api_key, key = await service.create_api_key(session, principal, body.name)
    return ApiKeyCreated(**ApiKeyOut.model_validate(api_key).model_dump(), key=key)


@router.delete("/api-keys/{api_key_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_api_key(
    api_key_id: int, principal: AdminPrincipal, session: SessionDep
) -> Response:
    await service.revoke_api_key(session, principal, api_key_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
