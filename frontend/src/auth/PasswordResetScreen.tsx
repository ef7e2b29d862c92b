// /forgot-password: ask for a reset link; /reset-password#<token>: choose a new password.
import { useState, type FormEvent } from "react";
import * as api from "../api/endpoints";
import { navigate } from "../app/router";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";

export function PasswordResetScreen({ mode }: { mode: "request" | "reset" }) {
  const { t } = useI18n();
  const [token] = useState(() => decodeURIComponent(window.location.hash.replace(/^#/, "")));
  const [value, setValue] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === "request") await api.auth.requestPasswordReset(value);
      else {
        await api.auth.resetPassword(token, value);
        window.history.replaceState(null, "", "/reset-password");
      }
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const login = (
    <a
      href="/login"
      onClick={(e) => {
        e.preventDefault();
        navigate("/login");
      }}
    >
      {t("auth.login")}
    </a>
  );
  return (
    <div className="auth">
      <form className="auth-card" onSubmit={submit} data-testid="password-reset">
        <h1>Chotdon</h1>
        <h2>{mode === "request" ? t("reset.title") : t("reset.newTitle")}</h2>
        {done ? (
          <p role="status">{mode === "request" ? t("reset.sent") : t("reset.done")}</p>
        ) : (
          <>
            <label>
              {mode === "request" ? t("auth.email") : t("account.newPassword")}
              <input
                name={mode === "request" ? "email" : "new_password"}
                type={mode === "request" ? "email" : "password"}
                autoComplete={mode === "request" ? "email" : "new-password"}
                minLength={mode === "request" ? 1 : 8}
                value={value}
                onChange={(e) => setValue(e.target.value)}
                required
              />
            </label>
            <ErrorText error={error} />
            <button className="btn btn-primary" type="submit" disabled={busy}>
              {mode === "request" ? t("reset.send") : t("reset.save")}
            </button>
          </>
        )}
        <p className="muted">{login}</p>
      </form>
    </div>
  );
}
