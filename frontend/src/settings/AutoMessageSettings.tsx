// Settings → automatic messages: greeting, away and order-status rules with a rendered preview.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { autoMessages, automationKeys, type AutoMessage, type AutoMessageIn } from "../api/automations";
import { messageErrorText } from "../app/errorText";
import { Empty, ErrorText } from "../app/ui";
import { useI18n, type MessageKey } from "../i18n";
import { useChannels } from "../inbox/hooks";
import { useSave } from "./useSave";

const KINDS: AutoMessage["kind"][] = ["greeting", "away", "order_status"];
const STATUSES = ["confirmed", "closed", "shipped", "completed", "cancelled"] as const;
type Status = (typeof STATUSES)[number];

/** The text the customer would read, rendered by the server (sample order values). */
function usePreview(text: string, kind: AutoMessage["kind"]) {
  const [debounced, setDebounced] = useState(text);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(text), 250);
    return () => clearTimeout(id);
  }, [text]);
  return useQuery({
    queryKey: ["auto-messages", "preview", kind, debounced],
    queryFn: () => autoMessages.preview(debounced, kind),
    enabled: debounced.trim().length > 0,
    retry: false,
  });
}

export function AutoMessageSettings() {
  const { t, dateTime } = useI18n();
  const list = useQuery({ queryKey: automationKeys.autoMessages, queryFn: autoMessages.list, retry: false });
  const log = useQuery({ queryKey: automationKeys.autoMessageLog, queryFn: autoMessages.log, retry: false });
  const channels = useChannels();
  const [kind, setKind] = useState<AutoMessage["kind"]>("greeting");
  const [status, setStatus] = useState<Status>("confirmed");
  const [text, setText] = useState("");
  const [silence, setSilence] = useState("");
  const [channelIds, setChannelIds] = useState<number[]>([]);
  const preview = usePreview(text, kind);
  const create = useSave(
    () => {
      const body: AutoMessageIn = { kind, text, channel_ids: channelIds, enabled: true };
      if (kind === "order_status") body.order_status = status;
      if (kind === "greeting" && silence.trim()) body.silence_hours = Number(silence);
      return autoMessages.create(body);
    },
    automationKeys.autoMessages,
    () => setText(""),
  );
  const toggle = useSave((r: AutoMessage) => autoMessages.update(r.id, { enabled: !r.enabled }), automationKeys.autoMessages);
  const remove = useSave((id: number) => autoMessages.remove(id), automationKeys.autoMessages);
  const channelName = (id: number) => channels.data?.items.find((c) => c.id === id)?.name ?? `#${id}`;
  return (
    <section data-testid="auto-messages">
      <h2>{t("settings.auto-messages")}</h2>
      <p className="muted">{t("auto.help")}</p>
      <ErrorText error={list.error ?? toggle.error ?? remove.error} />
      {list.data && list.data.items.length === 0 ? <Empty>{t("auto.none")}</Empty> : null}
      <div className="table-wrap">
        <table className="table">
          <tbody>
            {list.data?.items.map((r) => (
              <tr key={r.id} data-testid="auto-rule">
                <td>
                  <strong>{t(`auto.kind.${r.kind}` as MessageKey)}</strong>
                  {r.order_status ? ` · ${t(`auto.status.${r.order_status}` as MessageKey)}` : ""}
                  <div className="muted">{r.channel_ids.length ? r.channel_ids.map(channelName).join(", ") : ""}</div>
                </td>
                <td style={{ whiteSpace: "pre-wrap" }}>{r.text}</td>
                <td>
                  <span className={`pill ${r.enabled ? "pill-ok" : "pill-bad"}`}>{r.enabled ? t("auto.enabled") : t("auto.disabled")}</span>
                </td>
                <td className="row-actions">
                  <button type="button" className="btn-link" onClick={() => toggle.mutate(r)}>
                    {r.enabled ? t("auto.disable") : t("auto.enable")}
                  </button>{" "}
                  <button type="button" className="btn-link danger" onClick={() => window.confirm(t("auto.confirmDelete")) && remove.mutate(r.id)}>
                    {t("auto.delete")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>{t("auto.add")}</h3>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined);
        }}
      >
        <label>
          {t("auto.kind")}
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as AutoMessage["kind"])}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`auto.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {kind === "order_status" ? (
          <label>
            {t("auto.orderStatus")}
            <select name="order-status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`auto.status.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {kind === "greeting" ? (
          <label>
            {t("auto.silence")}
            <input name="silence" type="number" min={1} value={silence} onChange={(e) => setSilence(e.target.value)} />
          </label>
        ) : null}
        {channels.data && channels.data.items.length > 1 ? (
          <fieldset>
            <legend>{t("auto.channels")}</legend>
            {channels.data.items.map((c) => (
              <label key={c.id} className="check">
                <input
                  type="checkbox"
                  checked={channelIds.includes(c.id)}
                  onChange={(e) => setChannelIds(e.target.checked ? [...channelIds, c.id] : channelIds.filter((x) => x !== c.id))}
                />
                {c.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <label>
          {t("auto.text")}
          <textarea name="text" rows={3} value={text} onChange={(e) => setText(e.target.value)} required maxLength={2000} />
        </label>
        <p className="muted">{t("auto.variables")}</p>
        {preview.data ? (
          <div className="note" data-testid="auto-preview">
            <strong>{t("auto.preview")}:</strong> <span style={{ whiteSpace: "pre-wrap" }}>{preview.data.text}</span>
            {preview.data.problems.map((p) => (
              <p key={p} className="error">
                {p}
              </p>
            ))}
          </div>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t("auto.add")}
        </button>
        <ErrorText error={create.error} />
      </form>

      <h3>{t("auto.log")}</h3>
      <div className="table-wrap">
        <table className="table" data-testid="auto-log">
          <tbody>
            {log.data?.items.map((s) => (
              <tr key={s.id}>
                <td className="muted">{dateTime(s.created_at)}</td>
                <td>{t(`auto.kind.${s.kind}` as MessageKey)}</td>
                <td>
                  <span className={`pill ${s.status === "queued" ? "pill-ok" : "pill-bad"}`}>{t(`auto.log.${s.status}` as MessageKey)}</span>
                </td>
                <td className="muted">{s.reason ? messageErrorText(t, s.reason) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
