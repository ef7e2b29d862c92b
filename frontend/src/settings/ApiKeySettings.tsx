// Settings → API keys for integrations.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { ApiKeyCreated } from "../api/types";
import { ErrorText } from "../app/ui";
import { useI18n, type MessageKey } from "../i18n";
import { useSave } from "./useSave";

// What a key may do (backend core/scopes.py); it never exceeds its creator's role.
const SCOPE_SETS = {
  read: ["read"],
  inbox: ["inbox"],
  orders: ["orders"],
  inboxOrders: ["inbox", "orders"],
  admin: ["admin"],
} as const;

export function ApiKeySettings() {
  const { t, dateTime } = useI18n();
  const list = useQuery({ queryKey: keys.apiKeys, queryFn: api.apiKeys.list, retry: false });
  const [name, setName] = useState("");
  const [scope, setScope] = useState<keyof typeof SCOPE_SETS>("read");
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const create = useSave(() => api.apiKeys.create(name, SCOPE_SETS[scope]), keys.apiKeys, (k) => {
    setCreated(k);
    setName("");
  });
  const revoke = useSave((id: number) => api.apiKeys.revoke(id), keys.apiKeys);
  return (
    <section>
      <h2>{t("settings.api-keys")}</h2>
      <p className="muted">{t("keys.help")}</p>
      <ErrorText error={list.error ?? revoke.error} />
      {created ? (
        <div className="success" data-testid="new-key">
          {t("keys.shownOnce")} <code>{created.key}</code>
        </div>
      ) : null}
      <table className="table">
        <tbody>
          {list.data?.items.map((k) => (
            <tr key={k.id}>
              <td>
                <strong>{k.name}</strong> <code>{k.prefix}…</code>
              </td>
              <td className="muted">
                <span data-testid="key-scopes">{k.scopes.map((sc) => t(`keys.scope.${sc}` as MessageKey)).join(", ")}</span> ·{" "}
                {t("keys.created")} {dateTime(k.created_at)}
                {k.last_used_at ? ` · ${t("keys.lastUsed")} ${dateTime(k.last_used_at)}` : ""}
              </td>
              <td>
                <button type="button" className="btn-link danger" onClick={() => window.confirm(t("keys.confirmRevoke")) && revoke.mutate(k.id)}>
                  {t("keys.revoke")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined);
        }}
      >
        <input placeholder={t("keys.name")} value={name} onChange={(e) => setName(e.target.value)} required />
        <select name="scope" value={scope} onChange={(e) => setScope(e.target.value as keyof typeof SCOPE_SETS)} aria-label={t("keys.scopes")}>
          {Object.keys(SCOPE_SETS).map((k) => (
            <option key={k} value={k}>
              {t(`keys.preset.${k}` as MessageKey)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn-primary">
          {t("keys.create")}
        </button>
      </form>
      <ErrorText error={create.error} />
    </section>
  );
}
