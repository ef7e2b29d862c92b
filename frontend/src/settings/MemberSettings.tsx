// Settings → members: staff, roles, activation.
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { Role } from "../api/types";
import { useSession } from "../app/session";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";
import { useMembers } from "../inbox/hooks";
import { useLive } from "../live/LiveProvider";
import { useSave } from "./useSave";

export function MemberSettings() {
  const { t } = useI18n();
  const { isAdmin, meId } = useSession();
  const { online } = useLive();
  const members = useMembers();
  const [form, setForm] = useState({ email: "", name: "", password: "", role: "agent" as Role });
  const add = useSave(() => api.members.add(form), keys.members, () => setForm({ email: "", name: "", password: "", role: "agent" }));
  const update = useSave((v: { id: number; role?: Role; is_active?: boolean }) => api.members.update(v.id, v), keys.members);
  const remove = useSave((id: number) => api.members.remove(id), keys.members);
  const onlineIds = new Set(online);
  return (
    <section>
      <h2>{t("settings.members")}</h2>
      <ErrorText error={members.error ?? update.error ?? remove.error} />
      <table className="table" data-testid="members">
        <tbody>
          {members.data?.items.map((m) => (
            <tr key={m.id}>
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
                    <button type="button" className="btn-link danger" onClick={() => window.confirm(t("common.confirmDelete")) && remove.mutate(m.id)}>
                      {t("common.delete")}
                    </button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {isAdmin ? (
        <>
          <h3>{t("members.add")}</h3>
          <form
            className="form two"
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate(undefined);
            }}
          >
            <label>
              {t("auth.name")}
              <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
            </label>
            <label>
              {t("auth.email")}
              <input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required />
            </label>
            <label>
              {t("auth.password")}
              <input type="password" minLength={8} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required />
            </label>
            <label>
              {t("members.role")}
              <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
                {(["agent", "admin", "owner"] as Role[]).map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <ErrorText error={add.error} />
            <button type="submit" className="btn btn-primary">
              {t("members.add")}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
