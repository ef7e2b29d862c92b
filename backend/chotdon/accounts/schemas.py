from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from chotdon.core.scopes import Scope

Role = Literal["owner", "admin", "agent"]


def _normalise_email(value: str) -> str:
    return value.strip().lower()


class RegisterIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=8, max_length=200)
    name: str = Field(min_length=1, max_length=200)
    workspace_name: str = Field(min_length=1, max_length=200)

    _email = field_validator("email")(_normalise_email)


class LoginIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=1, max_length=200)

    _email = field_validator("email")(_normalise_email)


class SwitchWorkspaceIn(BaseModel):
    workspace_id: int


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    name: str
    locale: str


class WorkspaceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str


class WorkspaceWithRole(WorkspaceOut):
    role: Role


class AuthOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds the access token is valid (ACCESS_TOKEN_TTL).")
    refresh_token: str = Field(
        description="Trade it at POST /auth/refresh for new tokens before the access token "
        "expires; single use (each answer carries the next one)."
    )
    user: UserOut
    workspace: WorkspaceOut
    role: Role


class MeOut(BaseModel):
    user: UserOut | None
    workspace: WorkspaceOut
    role: Role
    workspaces: list[WorkspaceWithRole]


class MemberIn(BaseModel):
    """Invite a person: they accept the link and set their own password (or log in)."""

    email: EmailStr
    name: str = Field(min_length=1, max_length=200)
    role: Role = "agent"
    password: str | None = Field(
        default=None,
        max_length=200,
        deprecated=True,
        description="Ignored: the invitee chooses their own password when accepting.",
    )

    _email = field_validator("email")(_normalise_email)


class InvitationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    name: str
    role: Role
    expires_at: datetime
    created_at: datetime


class InvitationCreated(InvitationOut):
    token: str = Field(description="Shown once: the invitee needs it to join.")
    url: str = Field(description="The link to pass on to the invitee: <PUBLIC_URL>/join#<token>.")
    emailed: bool = Field(
        default=False,
        description="The link is also e-mailed to the invitee (SMTP_URL is set), after the answer.",
    )


class InvitationTokenIn(BaseModel):
    token: str = Field(min_length=1, max_length=200)


class InvitationPreview(BaseModel):
    """What the invitee sees before joining (no account names, nothing else of the shop)."""

    workspace: WorkspaceOut
    email: str
    name: str
    role: Role
    expires_at: datetime


class JoinIn(BaseModel):
    """Accept an invitation: logged in (Bearer) as the invited e-mail, or with a new password."""

    token: str = Field(min_length=1, max_length=200)
    password: str | None = Field(default=None, min_length=8, max_length=200)
    name: str | None = Field(default=None, min_length=1, max_length=200)


class MemberPatch(BaseModel):
    role: Role | None = None
    is_active: bool | None = None


class MemberOut(BaseModel):
    id: int
    user_id: int
    email: str
    name: str
    role: Role
    is_active: bool
    created_at: datetime


def _admin_only() -> list[Scope]:
    return ["admin"]


class ApiKeyIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    scopes: list[Scope] = Field(
        default_factory=_admin_only,
        min_length=1,
        max_length=4,
        description="read (GET in inbox, orders, reports), inbox, orders, admin (all but "
        "creating keys and members). The key also never exceeds its creator's role and stops "
        "working when they leave the workspace.",
    )


class ApiKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str
    role: str
    scopes: list[str]
    created_by_id: int | None
    created_at: datetime
    last_used_at: datetime | None


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="Shown once; store it now.")


class RefreshIn(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=200)


class PasswordChangeIn(BaseModel):
    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=8, max_length=200)


class PasswordResetRequestIn(BaseModel):
    email: EmailStr

    _email = field_validator("email")(_normalise_email)


class PasswordResetIn(BaseModel):
    token: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=8, max_length=200)


class SessionOut(BaseModel):
    """One of your login sessions (a browser, a device) that still works."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    user_agent: str | None = Field(description="The browser's User-Agent as last seen.")
    ip: str | None = Field(description="The address it was last used from.")
    created_at: datetime = Field(description="When you logged in there.")
    last_used_at: datetime | None = Field(
        description="Last token renewal: within about 15 minutes of its last use."
    )
    expires_at: datetime = Field(description="It ends unless used again before then.")
    current: bool = Field(default=False, description="The session making this request.")


class SessionsEnded(BaseModel):
    ended: int = Field(description="How many sessions ended.")
