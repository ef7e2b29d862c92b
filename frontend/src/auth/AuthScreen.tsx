import { useState, type FormEvent } from "react";
import { endedReason } from "../api/client";
import * as api from "../api/endpoints";
import { navigate } from "../app/router";
import { useSession } from "../app/session";
import { ErrorText } from "../app/ui";
import { useI18n, type MessageKey } from "../i18n";

export function AuthScreen({ mode }: { mode: "login" | "register" }) {
  const { t, locale, setLocale } = useI18n();
  const { signIn } = useSession();
  const [form, setForm] = useState({ email: "", password: "", name: "", workspace_name: "" });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The session ended without a logout here (from another device, a reused token...): say why.
  const [ended] = useState(() => (mode === "login" ? endedReason() : null));
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const auth = mode === "login" ? await api.auth.login(form.email, form.password) : await api.auth.register(form);
      signIn(auth);
      navigate("/inbox", { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="auth">
      <form className="auth-card" onSubmit={submit}>
        <h1>Chotdon</h1>
        <p className="muted">{t("auth.tagline")}</p>
        <h2>{mode === "login" ? t("auth.login") : t("auth.register")}</h2>
        {ended ? (
          <p className="notice" role="status" data-testid="session-ended" data-reason={ended}>
            {t(endedText(ended))}
          </p>
        ) : null}
        {mode === "register" ? (
          <>
            <label>
              {t("auth.name")}
              <input name="name" value={form.name} onChange={set("name")} required autoComplete="name" />
            </label>
            <label>
              {t("auth.workspace")}
              <input name="workspace_name" value={form.workspace_name} onChange={set("workspace_name")} required />
            </label>
          </>
        ) : null}
        <label>
          {t("auth.email")}
          <input name="email" type="email" value={form.email} onChange={set("email")} required autoComplete="email" />
        </label>
        <label>
          {t("auth.password")}
          <input
            name="password"
            type="password"
            value={form.password}
            onChange={set("password")}
            required
            minLength={mode === "register" ? 8 : 1}
            autoComplete={mode === "login" ? "current-password" : "new-password"}
          />
        </label>
        <ErrorText error={error} />
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {mode === "login" ? t("auth.login") : t("auth.register")}
        </button>
        {mode === "login" ? (
          <a
            href="/forgot-password"
            data-testid="forgot-password"
            onClick={(e) => {
              e.preventDefault();
              navigate("/forgot-password");
            }}
          >
            {t("reset.forgot")}
          </a>
        ) : null}
        <p className="muted">
          {mode === "login" ? t("auth.noAccount") : t("auth.haveAccount")}{" "}
          <a
            href={mode === "login" ? "/register" : "/login"}
            onClick={(e) => {
              e.preventDefault();
              navigate(mode === "login" ? "/register" : "/login");
            }}
          >
            {mode === "login" ? t("auth.register") : t("auth.login")}
          </a>
        </p>
        <button type="button" className="btn-link" onClick={() => setLocale(locale === "vi" ? "en" : "vi")}>
          {locale === "vi" ? "English" : "Tiếng Việt"}
        </button>
      </form>
    </div>
  );
}

const ENDED: Record<string, MessageKey> = {
  logout: "ended.logout",
  ended_elsewhere: "ended.ended_elsewhere",
  password_changed: "ended.password_changed",
  password_reset: "ended.password_reset",
  membership_ended: "ended.membership_ended",
  ended_by_admin: "ended.ended_by_admin",
  refresh_token_reused: "ended.refresh_token_reused",
};

function endedText(reason: string): MessageKey {
  return ENDED[reason] ?? "ended.session_ended";
}
