// Settings → my account: change the password (the other sessions end), the login sessions (log
// one out, or every other one), log out.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import { useSession } from "../app/session";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";
import { describeDevice } from "./device";
import { useSave } from "./useSave";

export function AccountSettings() {
  const { t } = useI18n();
  const { me, signOut } = useSession();
  const [form, setForm] = useState({ current: "", next: "" });
  const [done, setDone] = useState(false);
  const change = useSave(() => api.auth.changePassword(form.current, form.next), ["me"], () => {
    setDone(true);
    setForm({ current: "", next: "" });
  });
  return (
    <section data-testid="account-settings">
      <h2>{t("settings.account")}</h2>
      <p className="muted">{me?.user?.email}</p>
      <h3>{t("account.changePassword")}</h3>
      <form
        className="form two"
        data-testid="password-form"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          change.mutate(undefined);
        }}
      >
        <label>
          {t("account.currentPassword")}
          <input name="current_password" type="password" autoComplete="current-password" value={form.current} onChange={(e) => setForm({ ...form, current: e.target.value })} required />
        </label>
        <label>
          {t("account.newPassword")}
          <input name="new_password" type="password" autoComplete="new-password" minLength={8} value={form.next} onChange={(e) => setForm({ ...form, next: e.target.value })} required />
        </label>
        <ErrorText error={change.error} />
        {done ? (
          <p className="success" role="status">
            {t("account.passwordChanged")}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary">
          {t("account.changePassword")}
        </button>
      </form>
      <Sessions />
      <p>
        <button type="button" className="btn" data-testid="logout" onClick={signOut}>
          {t("account.logout")}
        </button>
      </p>
    </section>
  );
}

function Sessions() {
  const { t, dateTime } = useI18n();
  const { signOut } = useSession();
  const sessions = useQuery({ queryKey: keys.sessions, queryFn: api.auth.sessions });
  const [endedOthers, setEndedOthers] = useState<number | null>(null);
  const end = useSave((id: number) => api.auth.endSession(id), keys.sessions);
  const endOthers = useSave(() => api.auth.logoutOthers(), keys.sessions, (r) => setEndedOthers(r.ended));
  const items = sessions.data?.items ?? [];
  const others = items.filter((s) => !s.current);
  return (
    <>
      <h3>{t("sessions.title")}</h3>
      <p className="muted">{t("sessions.help")}</p>
      <ErrorText error={sessions.error ?? end.error ?? endOthers.error} />
      <table className="table" data-testid="sessions">
        <tbody>
          {items.map((s) => (
            <tr key={s.id} data-session={s.id} data-current={s.current ? "true" : undefined}>
              <td>
                <strong>{describeDevice(s.user_agent) ?? t("sessions.unknownDevice")}</strong>{" "}
                {s.current ? <span className="session-current">{t("sessions.current")}</span> : null}
                <div className="muted" title={s.user_agent ?? undefined}>
                  {s.ip ? `IP ${s.ip}` : null}
                </div>
              </td>
              <td className="muted">
                {t("sessions.since", { when: dateTime(s.created_at) })}
                {s.last_used_at ? <div>{t("sessions.lastUsed", { when: dateTime(s.last_used_at) })}</div> : null}
              </td>
              <td className="row-actions">
                <button
                  type="button"
                  className="btn-link danger"
                  data-testid="end-session"
                  disabled={end.isPending}
                  onClick={() => (s.current ? signOut() : end.mutate(s.id))}
                >
                  {t("sessions.logout")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {endedOthers !== null ? (
        <p className="success" role="status" data-testid="others-ended">
          {t("sessions.othersEnded", { count: endedOthers })}
        </p>
      ) : null}
      {sessions.isSuccess && others.length === 0 && endedOthers === null ? <p className="muted">{t("sessions.onlyThis")}</p> : null}
      <button
        type="button"
        className="btn"
        data-testid="logout-others"
        disabled={others.length === 0 || endOthers.isPending}
        onClick={() => {
          setEndedOthers(null);
          endOthers.mutate(undefined);
        }}
      >
        {t("sessions.logoutOthers")}
      </button>
    </>
  );
}
