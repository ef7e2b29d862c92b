// Settings → outgoing webhooks: endpoints, their delivery log, redeliver and a test ping.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { automationKeys, webhooks, type Delivery, type Webhook, type WebhookCreated } from "../api/automations";
import { deliveryErrorText, webhookDisabledText } from "../app/errorText";
import { Empty, ErrorText } from "../app/ui";
import { useI18n, type MessageKey } from "../i18n";
import { useSave } from "./useSave";

export const EVENT_TYPES = [
  "message.created",
  "conversation.created",
  "conversation.updated",
  "order.created",
  "order.updated",
  "contact.updated",
  "livestream.updated",
  "shipment.updated",
];

function DeliveryRow({ hook, d }: { hook: Webhook; d: Delivery }) {
  const { t, dateTime } = useI18n();
  const [open, setOpen] = useState(false);
  const redeliver = useSave(() => webhooks.redeliver(hook.id, d.id), automationKeys.deliveries(hook.id));
  return (
    <>
      <tr data-testid="delivery">
        <td className="muted">{dateTime(d.created_at)}</td>
        <td>
          <code>{d.event_type}</code>
        </td>
        <td>
          <span className={`pill ${d.status === "delivered" ? "pill-ok" : "pill-bad"}`}>{t(`hooks.status.${d.status}` as MessageKey)}</span>{" "}
          <span className="muted">
            {d.response_status ?? ""} {d.duration_ms != null ? `${d.duration_ms} ms` : ""} · {t("hooks.attempts", { n: d.attempts })}
          </span>
          {d.error ? (
            <div className="muted" data-testid="delivery-error">
              {deliveryErrorText(t, d.error)}
            </div>
          ) : null}
        </td>
        <td className="row-actions">
          <button type="button" className="btn-link" onClick={() => setOpen(!open)} aria-expanded={open}>
            {t("msgerr.details")}
          </button>{" "}
          <button type="button" className="btn-link" onClick={() => redeliver.mutate(undefined)}>
            {t("hooks.redeliver")}
          </button>
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={4}>
            {d.error ? (
              <>
                <strong>{t("hookerr.details")}</strong>
                <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid="delivery-raw-error">
                  {d.error}
                </pre>
              </>
            ) : null}
            <strong>{t("hooks.request")}</strong>
            <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", maxHeight: 240, overflow: "auto" }}>
              {JSON.stringify(d.request, null, 2)}
            </pre>
            <strong>{t("hooks.response")}</strong>
            <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{d.response_body ?? ""}</pre>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function Deliveries({ hook }: { hook: Webhook }) {
  const { t } = useI18n();
  const list = useQuery({ queryKey: automationKeys.deliveries(hook.id), queryFn: () => webhooks.deliveries(hook.id), refetchInterval: 5000 });
  return (
    <div data-testid="deliveries">
      <h3>
        {t("hooks.deliveries")} · <code>{hook.url}</code>
      </h3>
      <ErrorText error={list.error} />
      {list.data && list.data.items.length === 0 ? <Empty>{t("hooks.noDeliveries")}</Empty> : null}
      <div className="table-wrap">
        <table className="table">
          <tbody>
            {list.data?.items.map((d) => (
              <DeliveryRow key={d.id} hook={hook} d={d} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function WebhookSettings() {
  const { t } = useI18n();
  const list = useQuery({ queryKey: automationKeys.webhooks, queryFn: webhooks.list, retry: false });
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(["order.created", "order.updated"]);
  const [description, setDescription] = useState("");
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [testResult, setTestResult] = useState<Delivery | null>(null);
  const create = useSave(() => webhooks.create({ url, events, description, active: true }), automationKeys.webhooks, (w) => {
    setCreated(w);
    setUrl("");
    setDescription("");
    setSelected(w.id);
  });
  const toggle = useSave((w: Webhook) => webhooks.update(w.id, { active: !w.active }), automationKeys.webhooks);
  const remove = useSave((id: number) => webhooks.remove(id), automationKeys.webhooks);
  const test = useSave((id: number) => webhooks.test(id), automationKeys.webhooks, (d) => {
    setTestResult(d);
    setSelected(d.webhook_id);
  });
  const current = list.data?.items.find((w) => w.id === selected) ?? null;
  return (
    <section data-testid="webhooks">
      <h2>{t("settings.webhooks")}</h2>
      <p className="muted">{t("hooks.help")}</p>
      <ErrorText error={list.error ?? toggle.error ?? remove.error ?? test.error} />
      {created ? (
        <div className="success" data-testid="webhook-secret">
          {t("hooks.secretOnce")} <code>{created.secret}</code>
        </div>
      ) : null}
      {testResult ? (
        <p className={testResult.status === "delivered" ? "success" : "error"} data-testid="webhook-test-result">
          {t("hooks.testResult", {
            result: `${t(`hooks.status.${testResult.status}` as MessageKey)} ${testResult.response_status ?? ""} ${deliveryErrorText(t, testResult.error)}`.trim(),
          })}
        </p>
      ) : null}
      {list.data && list.data.items.length === 0 ? <Empty>{t("hooks.none")}</Empty> : null}
      <div className="table-wrap">
        <table className="table">
          <tbody>
            {list.data?.items.map((w) => (
              <tr key={w.id} data-testid="webhook">
                <td>
                  <button type="button" className="btn-link" onClick={() => setSelected(w.id)}>
                    <code style={{ overflowWrap: "anywhere" }}>{w.url}</code>
                  </button>
                  <div className="muted">{w.description}</div>
                  <div className="muted">{w.events.join(", ")}</div>
                  {w.disabled_reason ? (
                    <p className="error" title={w.disabled_reason}>
                      {webhookDisabledText(t, w.disabled_reason)}
                    </p>
                  ) : null}
                </td>
                <td>
                  <span className={`pill ${w.active ? "pill-ok" : "pill-bad"}`}>{w.active ? t("hooks.active") : t("hooks.paused")}</span>
                </td>
                <td className="row-actions">
                  <button type="button" className="btn-link" onClick={() => test.mutate(w.id)}>
                    {t("hooks.test")}
                  </button>{" "}
                  <button type="button" className="btn-link" onClick={() => toggle.mutate(w)}>
                    {w.active ? t("hooks.disable") : t("hooks.enable")}
                  </button>{" "}
                  <button type="button" className="btn-link danger" onClick={() => window.confirm(t("hooks.confirmDelete")) && remove.mutate(w.id)}>
                    {t("hooks.delete")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {current ? <Deliveries hook={current} /> : null}

      <h3>{t("hooks.add")}</h3>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined);
        }}
      >
        <label>
          {t("hooks.url")}
          <input name="url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} required placeholder="https://erp.example.vn/hooks/chotdon" />
        </label>
        <fieldset>
          <legend>{t("hooks.events")}</legend>
          {EVENT_TYPES.map((ev) => (
            <label key={ev} className="check">
              <input
                type="checkbox"
                name={`event-${ev}`}
                checked={events.includes(ev)}
                onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))}
              />
              <code>{ev}</code>
            </label>
          ))}
        </fieldset>
        <label>
          {t("hooks.description")}
          <input name="description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
        </label>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t("hooks.add")}
        </button>
        <ErrorText error={create.error} />
      </form>
    </section>
  );
}
