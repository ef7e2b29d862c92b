// /join#<token>: an invitation to a shop. The invitee sets a password (new account) or logs in
// (an account with the invited email), then joins; a logged-in invitee joins in one click.
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, setSession } from "../api/client";
import * as api from "../api/endpoints";
import type { AuthOut } from "../api/types";
import { navigate } from "../app/router";
import { useSession } from "../app/session";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";

function tokenFromHash(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, ""));
}

export function JoinScreen() {
  const { t } = useI18n();
  const { token: session, signIn } = useSession();
  const [invitation] = useState(tokenFromHash);
  const preview = useQuery({
    queryKey: ["invitation", invitation],
    queryFn: () => api.auth.previewInvitation(invitation),
    retry: false,
    enabled: !!invitation,
  });
  const [mode, setMode] = useState<"new" | "login">("new");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  function done(auth: AuthOut) {
    signIn(auth);
    window.history.replaceState(null, "", "/inbox");
    navigate("/inbox", { replace: true });
  }

  async function run(fn: () => Promise<AuthOut>) {
    setBusy(true);
    setError(null);
    try {
      done(await fn());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const email = preview.data?.email ?? "";
    if (mode === "new") void run(() => api.auth.join({ token: invitation, password, name: name || undefined }));
    else
      void run(async () => {
        const auth = await api.auth.login(email, password);
        setSession(auth); // join as the account that just logged in
        return api.auth.join({ token: invitation });
      });
  }

  const inv = preview.data;
  return (
    <div className="auth">
      <div className="auth-card" data-testid="join">
        <h1>Chotdon</h1>
        <h2>{t("join.title")}</h2>
        {!invitation || preview.error ? <ErrorText error={preview.error ?? new ApiError(404, "invitation_invalid", "")} /> : null}
        {preview.isLoading ? <p className="muted">{t("join.loading")}</p> : null}
        {inv ? (
          <>
            <p data-testid="join-invited">{t("join.invited", { shop: inv.workspace.name, role: t(`role.${inv.role}`), email: inv.email })}</p>
            {session ? (
              <>
                <ErrorText error={error} />
                <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run(() => api.auth.join({ token: invitation }))}>
                  {t("join.asCurrent")}
                </button>
              </>
            ) : (
              <form onSubmit={submit}>
                <div className="segmented" role="tablist">
                  <button type="button" role="tab" aria-selected={mode === "new"} className={mode === "new" ? "active" : ""} onClick={() => setMode("new")}>
                    {t("join.newAccount")}
                  </button>
                  <button type="button" role="tab" aria-selected={mode === "login"} className={mode === "login" ? "active" : ""} onClick={() => setMode("login")}>
                    {t("join.haveAccount")}
                  </button>
                </div>
                <label>
                  {t("auth.email")}
                  <input name="email" type="email" value={inv.email} readOnly />
                </label>
                {mode === "new" ? (
                  <label>
                    {t("auth.name")}
                    <input name="name" value={name} placeholder={inv.name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
                  </label>
                ) : null}
                <label>
                  {mode === "new" ? t("join.setPassword") : t("auth.password")}
                  <input
                    name="password"
                    type="password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                    required
                    minLength={mode === "new" ? 8 : 1}
                    autoComplete={mode === "new" ? "new-password" : "current-password"}
                  />
                </label>
                <ErrorText error={error} />
                <button className="btn btn-primary" type="submit" disabled={busy}>
                  {mode === "new" ? t("join.create") : t("join.loginAndJoin")}
                </button>
              </form>
            )}
          </>
        ) : null}
      </div>
    </div>
  );
}
