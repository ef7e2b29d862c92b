// Settings → channels: connected pages and shops, connecting, label sync, automatic assignment.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { Channel, ChannelPatch } from "../api/types";
import { ChannelBadge } from "../app/ChannelBadge";
import { channelReasonText } from "../app/errorText";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";
import { useChannels } from "../inbox/hooks";
import { AccountPicker } from "./AccountPicker";
import { useSave } from "./useSave";

/** What the provider's consent page sent back (`?provider=shopee&connected=…`, `&error=…`, or
 * Facebook's `&select=…`: the pages and Instagram accounts to tick). */
function useOAuthReturn() {
  const [back, setBack] = useState(() => new URLSearchParams(window.location.search));
  const picked = (ids: number[]) => {
    const next = new URLSearchParams({ provider: back.get("provider") ?? "", connected: ids.join(",") });
    window.history.replaceState(null, "", `${window.location.pathname}?${next}`);
    setBack(next);
  };
  return { provider: back.get("provider"), connected: back.get("connected"), error: back.get("error"), select: back.get("select"), picked };
}

export function ChannelSettings() {
  const { t, dateTime } = useI18n();
  const channels = useChannels();
  const providers = useQuery({ queryKey: ["channel-providers"], queryFn: () => api.channels.providers(), staleTime: 300_000 });
  const providerOf = (name: string) => providers.data?.items.find((p) => p.name === name);
  const label = (name: string | null) => (name ? (providerOf(name)?.label ?? name) : "");
  const returned = useOAuthReturn();
  const authorize = useMutation({
    mutationFn: (provider: string) => api.channels.authorize(provider),
    onSuccess: (r) => window.location.assign(r.url),
  });
  const [pageId, setPageId] = useState("");
  const [token, setToken] = useState("");
  const [userToken, setUserToken] = useState("");
  const connect = useSave(
    (body: Parameters<typeof api.channels.connectFacebook>[0]) => api.channels.connectFacebook(body),
    keys.channels,
    () => {
      setPageId("");
      setToken("");
    },
  );
  const pages = useMutation({ mutationFn: () => api.channels.facebookPages(userToken.trim()) });
  const update = useSave((v: { id: number; settings: ChannelPatch["settings"] }) => api.channels.update(v.id, { settings: v.settings }), keys.channels);
  const sync = useMutation({ mutationFn: (id: number) => api.channels.sync(id) });
  const remove = useSave((id: number) => api.channels.remove(id), keys.channels);
  const setting = (c: Channel, key: "label_sync" | "auto_livestream", value: boolean) => update.mutate({ id: c.id, settings: { [key]: value } });
  return (
    <section>
      <h2>{t("settings.channels")}</h2>
      <ErrorText error={channels.error ?? update.error ?? sync.error ?? remove.error ?? authorize.error} />
      {returned.provider && returned.connected ? (
        <p className="notice" data-testid="oauth-connected">
          {t("channels.connectedBack", { provider: label(returned.provider) })}
        </p>
      ) : null}
      {returned.provider && returned.error ? (
        <p className="error" data-testid="oauth-error">
          {t("channels.errorBack", { provider: label(returned.provider), error: returned.error })}
        </p>
      ) : null}
      {returned.provider && returned.select ? (
        <AccountPicker provider={returned.provider} selection={returned.select} onDone={(chs) => returned.picked(chs.map((c) => c.id))} />
      ) : null}
      <ul className="cards" data-testid="channels">
        {channels.data?.items.map((c) => (
          <li key={c.id} className="card" data-channel={c.name}>
            <div className="card-head">
              <ChannelBadge provider={c.provider} inline />
              <strong>{c.name}</strong>
              <span className={`pill ${c.status === "connected" ? "pill-ok" : "pill-bad"}`}>{t(`channel.${c.status}` as "channel.connected")}</span>
            </div>
            {c.status_reason ? (
              <p className="error" data-testid="channel-reason">
                {channelReasonText(t, c.status_reason_code)}
              </p>
            ) : null}
            {c.sync && c.sync.status !== "idle" ? (
              <p className="muted" data-testid="sync-status" title={c.sync.error ?? undefined}>
                {t("channel.syncStatus", {
                  status: t(`sync.${c.sync.status}` as "sync.done"),
                  conversations: c.sync.conversations ?? 0,
                  comments: c.sync.comments ?? 0,
                })}
              </p>
            ) : null}
            <p className="muted">
              {label(c.provider)} · {c.external_id}
              {c.last_synced_at ? ` · ${t("channel.lastSync")} ${dateTime(c.last_synced_at)}` : ""}
              {c.access_expires_at ? ` · ${t("channels.tokenExpires")} ${dateTime(c.access_expires_at)}` : ""}
            </p>
            {c.capabilities?.includes("labels") ? (
              <label className="check">
                <input type="checkbox" checked={!!c.settings?.label_sync} onChange={(e) => setting(c, "label_sync", e.target.checked)} />
                {t("channel.labelSync")}
              </label>
            ) : null}
            {c.capabilities?.includes("live_video") ? (
              <label className="check">
                <input
                  type="checkbox"
                  data-testid="auto-livestream"
                  checked={!!c.settings?.auto_livestream}
                  onChange={(e) => setting(c, "auto_livestream", e.target.checked)}
                />
                {t("channel.autoLivestream")}
              </label>
            ) : null}
            <div className="row-actions">
              <button type="button" className="btn" onClick={() => sync.mutate(c.id)}>
                {t("channel.sync")}
              </button>
              <button type="button" className="btn btn-danger" onClick={() => window.confirm(t("channel.confirmRemove")) && remove.mutate(c.id)}>
                {t("channel.disconnect")}
              </button>
            </div>
          </li>
        ))}
        {channels.data && !channels.data.items.length ? <li className="muted">{t("channel.none")}</li> : null}
      </ul>
      {providers.data?.items.some((p) => p.connect_modes.includes("oauth")) ? (
        <>
          <h3>{t("channels.oauthTitle")}</h3>
          <p className="muted">{t("channels.oauthHelp")}</p>
          <div className="row-actions" data-testid="oauth-providers">
            {providers.data.items
              .filter((p) => p.connect_modes.includes("oauth"))
              .map((p) => (
                <button
                  key={p.name}
                  type="button"
                  className="btn btn-primary"
                  data-provider={p.name}
                  disabled={authorize.isPending}
                  onClick={() => authorize.mutate(p.name)}
                >
                  <ChannelBadge provider={p.name} inline />
                  {t("channels.connectWith", { provider: p.label })}
                </button>
              ))}
          </div>
        </>
      ) : null}
      <details>
      <summary>{t("channel.connectAdvanced")}</summary>
      <p className="muted">{t("channel.connectHelp")}</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          pages.mutate();
        }}
      >
        <label>
          {t("channel.userToken")}
          <input name="user_access_token" value={userToken} onChange={(e) => setUserToken(e.target.value)} required type="password" />
        </label>
        <button type="submit" className="btn" disabled={pages.isPending}>
          {t("channel.listPages")}
        </button>
        <ErrorText error={pages.error} />
        {pages.data ? (
          <ul className="pick-list">
            {pages.data.items.map((p) => (
              <li key={p.page_id}>
                <button
                  type="button"
                  disabled={!!p.connected_channel_id || connect.isPending}
                  onClick={() => connect.mutate({ page_id: p.page_id, user_access_token: userToken.trim() })}
                >
                  <strong>{p.name}</strong> <span className="muted">{p.page_id}</span>{" "}
                  {p.connected_channel_id ? `· ${t("channel.connected")}` : `· ${t("channel.connect")}`}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </form>
      <h4>{t("channel.orPageToken")}</h4>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          connect.mutate({ page_id: pageId.trim(), access_token: token.trim() });
        }}
      >
        <label>
          {t("channel.pageId")}
          <input name="page_id" value={pageId} onChange={(e) => setPageId(e.target.value)} required />
        </label>
        <label>
          {t("channel.token")}
          <input name="access_token" value={token} onChange={(e) => setToken(e.target.value)} required type="password" />
        </label>
        <ErrorText error={connect.error} />
        <button type="submit" className="btn btn-primary" disabled={connect.isPending}>
          {t("channel.connect")}
        </button>
      </form>
      </details>
    </section>
  );
}
