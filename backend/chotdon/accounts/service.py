"""Registration, login, members and API keys."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts import mail
from chotdon.accounts.models import (
    ApiKey,
    AuditLog,
    Invitation,
    Membership,
    PasswordReset,
    SpentRefreshToken,
    User,
    UserSession,
    Workspace,
)
from chotdon.accounts.passwords import password_problem
from chotdon.core import ratelimit
from chotdon.core.auth import Principal
from chotdon.core.db import unit_of_work
from chotdon.core.errors import Conflict, Forbidden, NotFound, Unauthorized, ValidationFailed
from chotdon.core.scopes import SCOPES, Scope
from chotdon.core.security import (
    DUMMY_PASSWORD_HASH,
    hash_api_key,
    hash_password,
    new_api_key,
    new_secret_token,
    verify_password,
)
from chotdon.core.settings import get_settings
from chotdon.core.tenant import get_owned, owned


async def find_user_by_email(session: AsyncSession, email: str) -> User | None:
    stmt = select(User).where(func.lower(User.email) == email.lower())
    return (await session.execute(stmt)).scalar_one_or_none()


def check_password(password: str, *user_inputs: str | None) -> None:
    """Refuse a weak password with a 422 on the `password` field."""
    problem = password_problem(password, *user_inputs)
    if problem is not None:
        raise ValidationFailed(
            problem,
            code="weak_password",
            details=[{"field": "password", "message": problem}],
        )


async def register(
    session: AsyncSession,
    *,
    email: str,
    password: str,
    name: str,
    workspace_name: str,
    client_ip: str,
) -> tuple[User, Workspace]:
    """Create a user who owns a new workspace (rate-limited per IP, strong passwords only)."""
    await ratelimit.hit(
        f"register:ip:{client_ip}", get_settings().registrations_per_hour, window_seconds=3600
    )
    check_password(password, email, name, workspace_name)
    if await find_user_by_email(session, email) is not None:
        raise Conflict("An account with this email already exists", code="email_taken")
    user = User(email=email, name=name, password_hash=hash_password(password))
    workspace = Workspace(name=workspace_name)
    session.add_all([user, workspace])
    try:
        await session.flush()
    except IntegrityError as exc:  # a concurrent registration won the race
        raise Conflict("An account with this email already exists", code="email_taken") from exc
    session.add(Membership(workspace_id=workspace.id, user_id=user.id, role="owner"))
    await session.flush()
    return user, workspace


async def authenticate(
    session: AsyncSession, *, email: str, password: str, client_ip: str
) -> tuple[User, Membership]:
    """Check a password, rate-limited per account and per IP; return the default membership."""
    limit = get_settings().login_attempts_per_minute
    await ratelimit.hit(f"login:ip:{client_ip}", limit * 3)
    await ratelimit.hit(f"login:email:{email.lower()}", limit)
    user = await find_user_by_email(session, email)
    if user is None:
        verify_password(DUMMY_PASSWORD_HASH, password)
        raise Unauthorized("Wrong email or password", code="invalid_credentials")
    if not verify_password(user.password_hash, password):
        raise Unauthorized("Wrong email or password", code="invalid_credentials")
    membership = (
        await session.execute(
            select(Membership)
            .where(Membership.user_id == user.id, Membership.is_active.is_(True))
            .order_by(Membership.id)
            .limit(1)
        )
    ).scalar_one_or_none()
    if membership is None:
        raise Forbidden("This account has no active workspace", code="no_workspace")
    user.last_login_at = datetime.now(UTC)
    await ratelimit.reset(f"login:email:{email.lower()}")
    return user, membership


async def membership_for(session: AsyncSession, user_id: int, workspace_id: int) -> Membership:
    membership = (
        await session.execute(
            select(Membership).where(
                Membership.user_id == user_id,
                Membership.workspace_id == workspace_id,
                Membership.is_active.is_(True),
            )
        )
    ).scalar_one_or_none()
    if membership is None:
        raise NotFound("Workspace not found")
    return membership


async def list_workspaces(session: AsyncSession, user_id: int) -> list[tuple[Workspace, str]]:
    rows = await session.execute(
        select(Workspace, Membership.role)
        .join(Membership, Membership.workspace_id == Workspace.id)
        .where(Membership.user_id == user_id, Membership.is_active.is_(True))
        .order_by(Workspace.id)
    )
    return [(ws, role) for ws, role in rows.all()]


async def list_members(session: AsyncSession, workspace_id: int) -> list[tuple[Membership, User]]:
    rows = await session.execute(
        owned(Membership, workspace_id)
        .add_columns(User)
        .join(User, User.id == Membership.user_id)
        .order_by(Membership.id)
    )
    return [(m, u) for m, u in rows.all()]


async def invite_member(
    session: AsyncSession, principal: Principal, *, email: str, name: str, role: str
) -> tuple[Invitation, str]:
    """Create a single-use invitation; return it and its token (shown once).

    Only the owner may invite owners or admins. Nothing about an existing account with that
    e-mail is looked at or revealed: the invitee proves who they are when accepting.
    """
    if role in ("owner", "admin") and not principal.has_role("owner"):
        raise Forbidden("Only the owner can add owners or admins")
    already = await session.scalar(
        owned(Membership, principal.workspace_id)
        .join(User, User.id == Membership.user_id)
        .where(func.lower(User.email) == email.lower())
        .with_only_columns(Membership.id)
    )
    if already is not None:
        raise Conflict("This person is already a member", code="already_member")
    now = datetime.now(UTC)
    # A new invitation for the same e-mail replaces the pending one (a "resend").
    await session.execute(
        update(Invitation)
        .where(
            Invitation.workspace_id == principal.workspace_id,
            func.lower(Invitation.email) == email.lower(),
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        workspace_id=principal.workspace_id,
        email=email,
        name=name,
        role=role,
        token_hash=hash_api_key(token),
        invited_by_id=principal.user_id,
        expires_at=now + timedelta(hours=get_settings().invitation_ttl_hours),
    )
    session.add(invitation)
    await session.flush()
    audit(session, principal, "member.invited", "invitation", invitation.id, {"role": role})
    return invitation, token


async def list_invitations(session: AsyncSession, workspace_id: int) -> list[Invitation]:
    stmt = (
        owned(Invitation, workspace_id)
        .where(
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > func.now(),
        )
        .order_by(Invitation.id)
    )
    return list((await session.execute(stmt)).scalars())


async def revoke_invitation(
    session: AsyncSession, principal: Principal, invitation_id: int
) -> None:
    invitation = await get_owned(
        session, Invitation, invitation_id, principal.workspace_id, label="Invitation"
    )
    if invitation.role in ("owner", "admin") and not principal.has_role("owner"):
        raise Forbidden("Only the owner can change owners or admins")
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = datetime.now(UTC)
        audit(session, principal, "invitation.revoked", "invitation", invitation.id, {})


async def _usable_invitation(
    session: AsyncSession, token: str, *, for_update: bool = False
) -> Invitation:
    """The pending invitation behind `token`; one 404 for unknown, used, revoked and expired."""
    stmt = select(Invitation).where(Invitation.token_hash == hash_api_key(token))
    if for_update:
        stmt = stmt.with_for_update()
    invitation = (await session.execute(stmt)).scalar_one_or_none()
    if (
        invitation is None
        or invitation.accepted_at is not None
        or invitation.revoked_at is not None
        or invitation.expires_at <= datetime.now(UTC)
    ):
        raise NotFound(
            "This invitation link is not valid: it was used, withdrawn or has expired",
            code="invitation_invalid",
        )
    return invitation


async def preview_invitation(session: AsyncSession, token: str) -> tuple[Invitation, Workspace]:
    invitation = await _usable_invitation(session, token)
    return invitation, await session.get_one(Workspace, invitation.workspace_id)


async def join(
    session: AsyncSession,
    *,
    token: str,
    user_id: int | None,
    password: str | None,
    name: str | None,
) -> tuple[User, Membership]:
    """Accept an invitation, once.

    - logged in (`user_id`): that account joins, if its e-mail is the invited one;
    - otherwise `password` creates the invitee's account; when the e-mail already has an
      account the invitee must log in first (409 `account_exists`): it is never attached
      on the strength of the link alone.
    """
    invitation = await _usable_invitation(session, token, for_update=True)
    if user_id is not None:
        user = await session.get_one(User, user_id)
        if user.email.lower() != invitation.email.lower():
            raise Forbidden(
                "This invitation is for another e-mail address",
                code="invitation_email_mismatch",
            )
    else:
        if password is None:
            raise ValidationFailed(
                "Choose a password, or log in to join with your account",
                details=[{"field": "password", "message": "required"}],
            )
        if await find_user_by_email(session, invitation.email) is not None:
            raise Conflict(
                "An account with this e-mail exists: log in, then open the link again",
                code="account_exists",
            )
        full_name = name or invitation.name
        check_password(password, invitation.email, full_name)
        user = User(email=invitation.email, name=full_name, password_hash=hash_password(password))
        session.add(user)
        try:
            await session.flush()
        except IntegrityError as exc:
            raise Conflict("An account with this e-mail exists", code="account_exists") from exc
    membership = (
        await session.execute(
            owned(Membership, invitation.workspace_id).where(Membership.user_id == user.id)
        )
    ).scalar_one_or_none()
    if membership is not None and membership.is_active:
        raise Conflict("You are already a member of this workspace", code="already_member")
    if membership is None:
        membership = Membership(
            workspace_id=invitation.workspace_id, user_id=user.id, role=invitation.role
        )
        session.add(membership)
    else:  # a deactivated member invited back
        membership.role, membership.is_active = invitation.role, True
    invitation.accepted_at = datetime.now(UTC)
    invitation.accepted_by_id = user.id
    user.last_login_at = datetime.now(UTC)
    await session.flush()
    audit(
        session,
        None,
        "member.joined",
        "membership",
        membership.id,
        {"role": invitation.role, "invitation_id": invitation.id, "user_id": user.id},
        workspace_id=invitation.workspace_id,
    )
    return user, membership


async def leave(session: AsyncSession, principal: Principal) -> None:
    """The caller leaves the workspace (not the last owner)."""
    membership = await membership_for(session, principal.user_id or 0, principal.workspace_id)
    await session.delete(membership)
    await _ensure_an_owner_remains(session, principal.workspace_id)
    await _end_sessions_in(session, membership.user_id, principal.workspace_id, "membership_ended")
    audit(
        session,
        None,
        "member.left",
        "membership",
        membership.id,
        {"user_id": principal.user_id},
        workspace_id=principal.workspace_id,
    )


async def update_member(
    session: AsyncSession,
    principal: Principal,
    membership_id: int,
    *,
    role: str | None,
    is_active: bool | None,
) -> tuple[Membership, User]:
    membership = await get_owned(
        session, Membership, membership_id, principal.workspace_id, label="Member"
    )
    touches_high_role = membership.role in ("owner", "admin") or role in ("owner", "admin")
    if touches_high_role and not principal.has_role("owner"):
        raise Forbidden("Only the owner can change owners or admins")
    if membership.user_id == principal.user_id:
        raise Forbidden("You cannot change your own membership")
    if role is not None:
        membership.role = role
    if is_active is not None:
        membership.is_active = is_active
    await _ensure_an_owner_remains(session, principal.workspace_id)
    if is_active is False:
        # Their tokens already stop working with the membership; the sessions end too, so
        # being let back in later does not revive a device left logged in.
        await _end_sessions_in(
            session, membership.user_id, principal.workspace_id, "membership_ended"
        )
    audit(
        session,
        principal,
        "member.updated",
        "membership",
        membership.id,
        {"role": role, "is_active": is_active},
    )
    user = await session.get_one(User, membership.user_id)
    return membership, user


async def remove_member(session: AsyncSession, principal: Principal, membership_id: int) -> None:
    membership, _ = await update_member(
        session, principal, membership_id, role=None, is_active=False
    )
    await session.delete(membership)
    await _ensure_an_owner_remains(session, principal.workspace_id)


async def _ensure_an_owner_remains(session: AsyncSession, workspace_id: int) -> None:
    await session.flush()
    owners = await session.scalar(
        select(func.count())
        .select_from(Membership)
        .where(
            Membership.workspace_id == workspace_id,
            Membership.role == "owner",
            Membership.is_active.is_(True),
        )
    )
    if not owners:
        raise Conflict("A workspace needs at least one active owner", code="last_owner")


async def create_api_key(
    session: AsyncSession, principal: Principal, name: str, scopes: list[Scope]
) -> tuple[ApiKey, str]:
    """A key tied to the person creating it (it dies with their membership)."""
    if principal.user_id is None:
        raise Forbidden("This needs a logged-in user, not an API key", code="user_required")
    key, key_hash = new_api_key()
    api_key = ApiKey(
        workspace_id=principal.workspace_id,
        name=name,
        prefix=key[:10],
        key_hash=key_hash,
        role="admin",
        scopes=sorted(set(scopes), key=SCOPES.index),
        created_by_id=principal.user_id,
    )
    session.add(api_key)
    await session.flush()
    audit(
        session,
        principal,
        "api_key.created",
        "api_key",
        api_key.id,
        {"name": name, "scopes": scopes},
    )
    return api_key, key


async def list_api_keys(session: AsyncSession, workspace_id: int) -> list[ApiKey]:
    stmt = owned(ApiKey, workspace_id).where(ApiKey.revoked_at.is_(None)).order_by(ApiKey.id)
    return list((await session.execute(stmt)).scalars())


async def revoke_api_key(session: AsyncSession, principal: Principal, api_key_id: int) -> None:
    api_key = await get_owned(session, ApiKey, api_key_id, principal.workspace_id, label="API key")
    await session.execute(
        update(ApiKey).where(ApiKey.id == api_key.id).values(revoked_at=datetime.now(UTC))
    )
    audit(session, principal, "api_key.revoked", "api_key", api_key.id, {})


def audit(
    session: AsyncSession,
    principal: Principal | None,
    action: str,
    target_type: str,
    target_id: int | None,
    data: dict,
    *,
    workspace_id: int | None = None,
) -> None:
    """Append to the audit log in the caller's transaction."""
    ws = (
        workspace_id
        if workspace_id is not None
        else (principal.workspace_id if principal else None)
    )
    if ws is None:
        raise ValueError("audit needs a workspace")
    session.add(
        AuditLog(
            workspace_id=ws,
            actor_user_id=principal.user_id if principal else None,
            actor_api_key_id=principal.api_key_id if principal else None,
            action=action,
            target_type=target_type,
            target_id=target_id,
            data=data,
        )
    )


# ---------------------------------------------------------------- sessions and passwords


# Why a session ended (`UserSession.ended_reason`, and `details.reason` of a refresh's 401
# `session_ended`, which the SPA explains on its login screen).
ENDED_REASONS = (
    "logout",  # logged out on this device
    "ended_elsewhere",  # ended from another of the person's sessions
    "password_changed",
    "password_reset",
    "membership_ended",  # removed or deactivated by the owner/admin, or left the workspace
    "ended_by_admin",  # the owner/admin logged the member out
    "refresh_token_reused",  # a spent refresh token came back: copied, so the session ends
)


@dataclass(frozen=True, slots=True)
class Device:
    """Where a login is used from, as the request says: shown in the list of sessions."""

    user_agent: str | None = None
    ip: str | None = None


def _session_ended(reason: str | None = None) -> Unauthorized:
    return Unauthorized(
        "This session has ended: log in again",
        code="session_ended",
        details={"reason": reason} if reason else None,
    )


async def open_session(
    session: AsyncSession,
    user_id: int,
    workspace_id: int,
    session_id: int | None = None,
    device: Device | None = None,
) -> tuple[UserSession, str]:
    """Start a login session (or move `session_id` to another workspace); return it and a new
    refresh token (the previous one of that session is spent: rotation)."""
    now = datetime.now(UTC)
    ttl = timedelta(days=get_settings().refresh_token_ttl_days)
    refresh, refresh_hash = new_secret_token()
    user_session = await session.get(UserSession, session_id) if session_id else None
    if user_session is None or user_session.user_id != user_id:
        user_session = UserSession(user_id=user_id, workspace_id=workspace_id)
        session.add(user_session)
    else:
        # Remember the spent token (presented again it gives the copy away) and forget those
        # that would have expired anyway.
        session.add(
            SpentRefreshToken(session_id=user_session.id, token_hash=user_session.refresh_hash)
        )
        await session.execute(
            delete(SpentRefreshToken).where(
                SpentRefreshToken.session_id == user_session.id,
                SpentRefreshToken.created_at < now - ttl,
            )
        )
    user_session.workspace_id = workspace_id
    user_session.refresh_hash = refresh_hash
    user_session.expires_at = now + ttl
    user_session.last_used_at = now
    if device is not None:
        user_session.user_agent = (device.user_agent or "")[:300] or None
        user_session.ip = (device.ip or "")[:64] or None
    await session.flush()
    return user_session, refresh


async def refresh_session(
    session: AsyncSession, refresh_token: str, device: Device | None = None
) -> tuple[User, Membership, UserSession, str]:
    """Trade a refresh token for a new access token and a new refresh token (single use).

    A refresh token used a second time was copied: the whole session (every token it gave)
    ends, for the thief and for the person, who sees why on their next request.
    """
    token_hash = hash_api_key(refresh_token)
    user_session = (
        await session.execute(
            select(UserSession).where(UserSession.refresh_hash == token_hash).with_for_update()
        )
    ).scalar_one_or_none()
    if user_session is None:
        spent_in = await session.scalar(
            select(SpentRefreshToken.session_id).where(SpentRefreshToken.token_hash == token_hash)
        )
        if spent_in is not None:
            await _end_reused_session(spent_in)
            raise _session_ended("refresh_token_reused")
        raise _session_ended()
    if user_session.revoked_at is not None:
        raise _session_ended(user_session.ended_reason)
    if user_session.expires_at <= datetime.now(UTC):
        raise _session_ended()
    user = await session.get_one(User, user_session.user_id)
    try:
        membership = await membership_for(session, user.id, user_session.workspace_id)
    except NotFound as exc:
        raise _session_ended("membership_ended") from exc
    _, refresh = await open_session(
        session, user.id, membership.workspace_id, user_session.id, device
    )
    return user, membership, user_session, refresh


async def _end_reused_session(session_id: int) -> None:
    """End a session whose spent refresh token came back, in a transaction of its own: the
    request answers 401, and its own transaction is rolled back."""
    async with unit_of_work() as own:
        ended = (
            await own.execute(
                update(UserSession)
                .where(UserSession.id == session_id, UserSession.revoked_at.is_(None))
                .values(revoked_at=datetime.now(UTC), ended_reason="refresh_token_reused")
                .returning(UserSession.user_id, UserSession.workspace_id)
            )
        ).one_or_none()
        if ended is not None:
            user_id, workspace_id = ended
            audit(
                own,
                None,
                "session.refresh_token_reused",
                "user_session",
                session_id,
                {"user_id": user_id},
                workspace_id=workspace_id,
            )


async def list_sessions(session: AsyncSession, principal: Principal) -> list[UserSession]:
    """The caller's own sessions that still work (every workspace's: they are their devices)."""
    stmt = (
        select(UserSession)
        .where(
            UserSession.user_id == principal.user_id,
            UserSession.revoked_at.is_(None),
            UserSession.expires_at > func.now(),
        )
        .order_by(UserSession.last_used_at.desc().nulls_last(), UserSession.id.desc())
    )
    return list((await session.execute(stmt)).scalars())


async def end_session(session: AsyncSession, principal: Principal, session_id: int) -> None:
    """End one of the caller's own sessions (this one too: that is logging out)."""
    why = "logout" if session_id == principal.session_id else "ended_elsewhere"
    ended = await session.execute(
        update(UserSession)
        .where(
            UserSession.id == session_id,
            UserSession.user_id == principal.user_id,
            UserSession.revoked_at.is_(None),
        )
        .values(revoked_at=datetime.now(UTC), ended_reason=why)
        .returning(UserSession.id)
    )
    if ended.one_or_none() is None:
        raise NotFound("Session not found")


async def end_other_sessions(session: AsyncSession, principal: Principal) -> int:
    """Log out everywhere else: every session of the caller but this one ends."""
    assert principal.user_id is not None
    return await _end_sessions(
        session, principal.user_id, "ended_elsewhere", keep=principal.session_id
    )


async def end_member_sessions(
    session: AsyncSession, principal: Principal, membership_id: int
) -> int:
    """The owner/admin logs a member out of this workspace on every device (a lost phone, a
    shared computer); the member can log in again. Same rules as changing the member."""
    membership = await get_owned(
        session, Membership, membership_id, principal.workspace_id, label="Member"
    )
    if membership.role in ("owner", "admin") and not principal.has_role("owner"):
        raise Forbidden("Only the owner can change owners or admins")
    if membership.user_id == principal.user_id:
        raise Forbidden("End your own sessions from your account settings")
    ended = await _end_sessions_in(
        session, membership.user_id, principal.workspace_id, "ended_by_admin"
    )
    audit(
        session, principal, "member.sessions_ended", "membership", membership.id, {"ended": ended}
    )
    return ended


async def logout(session: AsyncSession, principal: Principal) -> None:
    await session.execute(
        update(UserSession)
        .where(UserSession.id == principal.session_id, UserSession.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC), ended_reason="logout")
    )


async def _end_sessions(
    session: AsyncSession, user_id: int, reason: str, keep: int | None = None
) -> int:
    stmt = update(UserSession).where(
        UserSession.user_id == user_id, UserSession.revoked_at.is_(None)
    )
    if keep is not None:
        stmt = stmt.where(UserSession.id != keep)
    result = await session.execute(
        stmt.values(revoked_at=datetime.now(UTC), ended_reason=reason).returning(UserSession.id)
    )
    return len(result.all())


async def _end_sessions_in(
    session: AsyncSession, user_id: int, workspace_id: int, reason: str
) -> int:
    """End a person's sessions that are in `workspace_id` (those in their other workspaces go
    on: another shop's staff list is not this one's to manage)."""
    result = await session.execute(
        update(UserSession)
        .where(
            UserSession.user_id == user_id,
            UserSession.workspace_id == workspace_id,
            UserSession.revoked_at.is_(None),
        )
        .values(revoked_at=datetime.now(UTC), ended_reason=reason)
        .returning(UserSession.id)
    )
    return len(result.all())


async def change_password(
    session: AsyncSession, principal: Principal, *, current_password: str, new_password: str
) -> None:
    """Change the caller's password; every other session of theirs ends."""
    user = await session.get_one(User, principal.user_id)
    if not verify_password(user.password_hash, current_password):
        raise ValidationFailed(
            "The current password is wrong",
            code="wrong_password",
            details=[{"field": "current_password", "message": "wrong"}],
        )
    check_password(new_password, user.email, user.name)
    user.password_hash = hash_password(new_password)
    await _end_sessions(session, user.id, "password_changed", keep=principal.session_id)


async def request_password_reset(
    session: AsyncSession, email: str, client_ip: str, base_url: str
) -> None:
    """Send (or log) a single-use reset link; the answer never tells whether the account exists."""
    await ratelimit.hit(f"reset:ip:{client_ip}", get_settings().login_attempts_per_minute)
    await ratelimit.hit(f"reset:email:{email.lower()}", 3)
    user = await find_user_by_email(session, email)
    if user is None:
        return
    token, token_hash = new_secret_token()
    session.add(
        PasswordReset(
            user_id=user.id,
            token_hash=token_hash,
            expires_at=datetime.now(UTC)
            + timedelta(minutes=get_settings().password_reset_ttl_minutes),
        )
    )
    await session.flush()
    link = f"{base_url}/reset-password#{token}"
    await mail.send_password_reset(user.email, user.name, link)


async def reset_password(session: AsyncSession, token: str, new_password: str) -> User:
    """Use a reset link once: set the password, end every session of the account."""
    reset = (
        await session.execute(
            select(PasswordReset)
            .where(PasswordReset.token_hash == hash_api_key(token))
            .with_for_update()
        )
    ).scalar_one_or_none()
    if reset is None or reset.used_at is not None or reset.expires_at <= datetime.now(UTC):
        raise NotFound(
            "This reset link is not valid: it was used or has expired", code="reset_invalid"
        )
    user = await session.get_one(User, reset.user_id)
    check_password(new_password, user.email, user.name)
    user.password_hash = hash_password(new_password)
    reset.used_at = datetime.now(UTC)
    await _end_sessions(session, user.id, "password_reset")
    await ratelimit.reset(f"login:email:{user.email.lower()}")
    return user
