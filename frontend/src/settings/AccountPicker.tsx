// After Facebook Login: the owner ticks the pages and Instagram accounts to connect, and sees
// per account what Facebook was not allowed to do (to grant in the dialog next time).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { AccountChoice, Channel } from "../api/types";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";
import { useSave } from "./useSave";

export function AccountPicker({ provider, selection, onDone }: { provider: string; selection: string; onDone: (connected: Channel[]) => void }) {
  const { t } = useI18n();
  const offered = useQuery({ queryKey: ["channel-selection", provider, selection], queryFn: () => api.channels.selection(provider, selection), retry: false });
  const [ticked, setTicked] = useState<Set<string> | null>(null);
  const items = offered.data?.items ?? [];
  // Everything not connected yet is ticked until the owner changes it.
  const chosen = ticked ?? new Set(items.filter((a) => !a.connected_channel_id).map((a) => a.external_id));
  const connect = useSave((ids: string[]) => api.channels.connectSelection(provider, selection, ids), keys.channels, (r) => onDone(r.items));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setTicked(next);
  };
  const missing = (a: AccountChoice) =>
    (a.missing_permissions ?? []).map((p) => (p.startsWith("task:") ? t("channels.pickTask", { task: p.slice(5) }) : p)).join(", ");
  return (
    <section className="card" data-testid="account-picker">
      <h3>{t("channels.pickTitle")}</h3>
      <p className="muted">{t("channels.pickHelp")}</p>
      <ErrorText error={offered.error ?? connect.error} />
      <ul className="pick-list">
        {items.map((a) => (
          <li key={`${a.provider}:${a.external_id}`} data-account={a.name} data-provider={a.provider} style={a.linked_to ? { marginLeft: "1.5rem" } : undefined}>
            <label className="check">
              <input
                type="checkbox"
                checked={chosen.has(a.external_id)}
                onChange={(e) => toggle(a.external_id, e.target.checked)}
              />
              <strong>{a.name}</strong>{" "}
              <span className="muted">
                {a.linked_to ? t("channels.pickInstagram") : "Facebook"}
                {a.connected_channel_id ? ` · ${t("channels.pickConnected")}` : ""}
              </span>
            </label>
            {a.missing_permissions?.length ? (
              <p className="error" data-testid="missing-permissions">
                {t("channels.pickMissing", { list: missing(a) })}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="btn btn-primary"
        data-testid="connect-selected"
        disabled={!chosen.size || connect.isPending}
        onClick={() => connect.mutate([...chosen])}
      >
        {t("channels.pickConnect")}
      </button>
    </section>
  );
}
