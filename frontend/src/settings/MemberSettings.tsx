// Settings → members: staff, roles, activation; invitations (the owner passes the link on); leaving.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { InvitationCreated, Role } from "../api/types";
import { useSession } from "../app/session";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";
import { useMembers } from "../inbox/hooks";
import { useLive } from "../live/LiveProvider";
import { useSave } from "./useSave";

export function MemberSettings() {
  const { t, dateTime } = useI18n();
  const { isAdmin, meId, signOut } = useSession();
  const { online } = useLive();
  const members = useMembers();
  const invitations = useQuery({ queryKey: keys.invitations, queryFn: api.invitations.list, enabled: isAdmin });
  const [form, setForm] = useState({ email: "", name: "", role: "agent" as Role });
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const add = useSave(() => api.members.add(form), keys.members, (inv) => {
    setCreated(inv);
    setForm({ email: "", name: "", role: "agent" });
  });
  const update = useSave((v: { id: number; role?: Role; is_active?: boolean }) => api.members.update(v.id, v), keys.members);
  const remove = useSave((id: number) => api.members.remove(id), keys.members);
  const revoke = useSave((id: number) => api.invitations.revoke(id), keys.members);
  const [loggedOut, setLoggedOut] = useState<{ name: string; count: number } | null>(null);
  const endSessions = useSave(
    (m: { id: number; name: string }) => api.members.endSessions(m.id).then((r) => ({ name: m.name, count: r.ended })),
    keys.members,
    setLoggedOut,
  );
  const leave = useSave(() => api.members.leave(), keys.members, () => signOut());
  const onlineIds = new Set(online);
  const pending = invitations.data?.items ?? [];
  return (
    <section>
      <h2>{t("settings.members")}</h2>
      <ErrorText error={members.error ?? update.error ?? remove.error ?? revoke.error ?? endSessions.error} />
      {loggedOut ? (
        <p className="success" role="status" data-testid="member-sessions-ended">
          {t("members.sessionsEnded", loggedOut)}
        </p>
      ) : null}
      <table className="table" data-testid="members">
        <tbody>
          {members.data?.items.map((m) => (
            <tr key={m.id} data-member={m.email}>
              <td>
                {onlineIds.has(m.user_id) ? <span className="online-dot" title={t("members.online")} /> : null} <strong>{m.name}</strong>
                <div className="muted">{m.email}</div>
              </td>
              <td>
                <select
                  value={m.role}
                  disabled={!isAdmin || m.user_id === meId}
                  onChange={(e) => update.mutate({ id: m.id, role: e.target.value as Role })}
                  aria-label={t("members.role")}
                >
                  {(["owner", "admin", "agent"] as Role[]).map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>{m.is_active ? t("members.active") : t("members.inactive")}</td>
              <td className="row-actions">
                {isAdmin && m.user_id !== meId ? (
                  <>
                    <button type="button" className="btn-link" onClick={() => update.mutate({ id: m.id, is_active: !m.is_active })}>
                      {m.is_active ? t("members.deactivate") : t("members.activate")}
                    </button>
                    {m.is_active ? (
                      <button
                        type="button"
                        className="btn-link"
                        data-testid="end-member-sessions"
                        onClick={() => {
                          setLoggedOut(null);
                          if (window.confirm(t("members.endSessionsConfirm", { name: m.name }))) endSessions.mutate(m);
                        }}
                      >
                        {t("members.endSessions")}
                      </button>
                    ) : null}
                    <button type="button" className="btn-link danger" onClick={() => window.confirm(t("common.confirmDelete")) && remove.mutate(m.id)}>
                      {t("common.delete")}
                    </button>
                  </>
                ) : null}
                {m.user_id === meId ? (
                  <button
                    type="button"
                    className="btn-link danger"
                    data-testid="leave-workspace"
                    onClick={() => window.confirm(t("account.leaveConfirm")) && leave.mutate(undefined)}
                  >
                    {t("account.leave")}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorText error={leave.error} />
      {isAdmin && pending.length ? (
        <>
          <h3>{t("account.pendingInvitations")}</h3>
          <table className="table" data-testid="invitations">
            <tbody>
              {pending.map((inv) => (
                <tr key={inv.id} data-invitation={inv.email}>
                  <td>
                    <strong>{inv.name}</strong>
                    <div className="muted">{inv.email}</div>
                  </td>
                  <td>{t(`role.${inv.role}`)}</td>
                  <td className="muted">{t("account.expires", { when: dateTime(inv.expires_at) })}</td>
                  <td className="row-actions">
                    <button type="button" className="btn-link danger" onClick={() => revoke.mutate(inv.id)}>
                      {t("account.revokeInvitation")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {isAdmin ? (
        <>
          <h3>{t("members.add")}</h3>
          <p className="muted">{t("account.inviteHelp")}</p>
          <form
            className="form two"
            data-testid="invite-form"
            onSubmit={(e) => {
              e.preventDefault();
              setCreated(null);
              add.mutate(undefined);
            }}
          >
            <label>
              {t("auth.name")}
              <input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
            </label>
            <label>
              {t("auth.email")}
              <input name="email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required />
            </label>
            <label>
              {t("members.role")}
              <select name="role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
                {(["agent", "admin", "owner"] as Role[]).map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <ErrorText error={add.error} />
            <button type="submit" className="btn btn-primary">
              {t("account.invite")}
            </button>
          </form>
          {created ? (
            <div className="invite-link" data-testid="invite-link">
              <p>{t(created.emailed ? "account.inviteEmailed" : "account.inviteCreated", { email: created.email })}</p>
              <input readOnly value={created.url} onFocus={(e) => e.target.select()} aria-label={t("account.inviteLink")} style={{ width: "min(100%, 640px)" }} />
              <button type="button" className="btn" onClick={() => void navigator.clipboard?.writeText(created.url)}>
                {t("account.copy")}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
