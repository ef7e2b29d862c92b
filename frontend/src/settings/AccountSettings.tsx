// Settings → my account: change the password (the other sessions end), log out.
import { useState } from "react";
import * as api from "../api/endpoints";
import { useSession } from "../app/session";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";
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
      <h3>{t("account.session")}</h3>
      <button type="button" className="btn" data-testid="logout" onClick={signOut}>
        {t("account.logout")}
      </button>
    </section>
  );
}
