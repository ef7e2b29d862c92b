// Reports ("Báo cáo"): conversations and response times, staff ranking, orders and revenue,
// one livestream. A period that includes today follows live events (keys.reports is
// invalidated by message/order events); older periods are not refetched.
import { useQuery } from "@tanstack/react-query";
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { useMemo, type ReactNode } from "react";
import { Chart } from "react-chartjs-2";
import * as api from "../api/endpoints";
import { ApiError, type Query } from "../api/client";
import { keys } from "../api/keys";
import type { ConversationRow, Durations, OrderRow } from "../api/types";
import { navigate, useLocation } from "../app/router";
import { useSession } from "../app/session";
import { Empty, ErrorText } from "../app/ui";
import { useI18n, type MessageKey } from "../i18n";
import { PRESETS, count, duration, includesToday, localToday, percent, presetPeriod, type Period } from "./period";

ChartJS.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

const TABS = ["conversations", "staff", "orders", "livestream"] as const;
type Tab = (typeof TABS)[number];
const BRAND = "#2563eb";
const OK = "#16a34a";
const WARN = "#f59e0b";
const CHART_OPTIONS = { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } } as const;

function usePeriod(): [Period, (p: Period) => void, URLSearchParams] {
  const { path, search } = useLocation();
  const params = new URLSearchParams(search);
  const today = localToday();
  const period = {
    from: params.get("from") ?? presetPeriod("7d", today).from,
    to: params.get("to") ?? today,
  };
  const set = (p: Period) => {
    const next = new URLSearchParams(search);
    next.set("from", p.from);
    next.set("to", p.to);
    navigate(`${path}?${next.toString()}`, { replace: true });
  };
  return [period, set, params];
}

function setParam(name: string, value: string | null): void {
  const url = new URL(window.location.href);
  if (value === null || value === "") url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  navigate(url.pathname + url.search, { replace: true });
}

/** The query key: a period with today in it lives under keys.reports (refetched on events). */
function reportKey(kind: string, query: unknown, period: Period): readonly unknown[] {
  return includesToday(period, localToday()) ? keys.report(kind, query) : ["report-archive", kind, query];
}

async function download(path: Parameters<typeof api.reports.xlsx>[0], query: Query, name: string): Promise<void> {
  const blob = await api.reports.xlsx(path, query);
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${name}.xlsx`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ReportsScreen({ tab }: { tab?: string }) {
  const { t } = useI18n();
  const current: Tab = (TABS as readonly string[]).includes(tab ?? "") ? (tab as Tab) : "conversations";
  const [period, setPeriod] = usePeriod();
  const { search } = useLocation();
  return (
    <div className="reports">
      <div className="toolbar">
        <h2>{t("rp.title")}</h2>
        <div className="tabs inline" role="tablist">
          {TABS.map((id) => (
            <button
              key={id}
              role="tab"
              aria-selected={current === id}
              className={current === id ? "on" : ""}
              data-report-tab={id}
              onClick={() => navigate(`/reports/${id}${search}`)}
            >
              {t(`rp.tab.${id}` as MessageKey)}
            </button>
          ))}
        </div>
      </div>
      {current !== "livestream" && <PeriodPicker period={period} onChange={setPeriod} />}
      <div className="report-body">
        {current === "conversations" && <ConversationsTab period={period} />}
        {current === "staff" && <StaffTab period={period} />}
        {current === "orders" && <OrdersTab period={period} />}
        {current === "livestream" && <LivestreamTab />}
        <Help />
      </div>
    </div>
  );
}

function PeriodPicker({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  const { t } = useI18n();
  const today = localToday();
  const live = includesToday(period, today);
  return (
    <div className="toolbar period" data-period={`${period.from}..${period.to}`}>
      <div className="chips">
        {PRESETS.map((preset) => {
          const p = presetPeriod(preset, today);
          const on = p.from === period.from && p.to === period.to;
          return (
            <button key={preset} className={`chip ${on ? "chip-on" : ""}`} data-preset={preset} onClick={() => onChange(p)}>
              {t(`rp.preset.${preset}` as MessageKey)}
            </button>
          );
        })}
      </div>
      <label>
        {t("rp.from")}{" "}
        <input type="date" value={period.from} max={period.to} onChange={(e) => e.target.value && onChange({ ...period, from: e.target.value })} />
      </label>
      <label>
        {t("rp.to")}{" "}
        <input type="date" value={period.to} min={period.from} onChange={(e) => e.target.value && onChange({ ...period, to: e.target.value })} />
      </label>
      {live && <span className="live-note">● {t("rp.live")}</span>}
    </div>
  );
}

function Figure({ name, label, value }: { name: string; label: string; value: ReactNode }) {
  return (
    <div className="figure" data-figure={name}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">{value}</div>
    </div>
  );
}

function Select({ label, value, options, onChange, name }: { label: string; value: string; name: string; options: [string, string][]; onChange: (v: string) => void }) {
  return (
    <label>
      {label}{" "}
      <select value={value} data-select={name} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function ChannelSelect({ value }: { value: string }) {
  const { t } = useI18n();
  const channels = useQuery({ queryKey: keys.channels, queryFn: api.channels.list });
  const options: [string, string][] = [["", t("rp.allChannels")], ...(channels.data?.items ?? []).map((c): [string, string] => [String(c.id), c.name])];
  return <Select name="channel" label={t("rp.channel")} value={value} options={options} onChange={(v) => setParam("channel_id", v)} />;
}

const avg = (d: Durations | undefined) => d?.avg ?? null;

function ConversationsTab({ period }: { period: Period }) {
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const groupBy = params.get("group_by") === "hour" ? "hour" : params.get("group_by") === "channel" ? "channel" : "day";
  const channelId = params.get("channel_id") ?? "";
  const query = { from: period.from, to: period.to, group_by: groupBy, channel_id: channelId ? Number(channelId) : undefined };
  const report = useQuery({ queryKey: reportKey("conversations", query, period), queryFn: () => api.reports.conversations(query) });
  const totals = report.data?.totals;
  const rows = report.data?.rows ?? [];
  const minutes = (s: number | null | undefined) => (s === null || s === undefined ? null : Math.round(s / 6) / 10);
  return (
    <section aria-label={t("rp.tab.conversations")}>
      <div className="toolbar">
        <Select
          name="group_by"
          label={t("rp.groupBy")}
          value={groupBy}
          options={[["day", t("rp.by.day")], ["hour", t("rp.by.hour")], ["channel", t("rp.by.channel")]]}
          onChange={(v) => setParam("group_by", v)}
        />
        <ChannelSelect value={channelId} />
        <XlsxButton name="conversations" path="conversations" query={query} file={`bao-cao-hoi-thoai-${period.from}-${period.to}`} />
      </div>
      {report.error ? <ErrorText error={report.error} /> : null}
      {totals && (
        <div className="figures" data-report="conversations">
          <Figure name="new_conversations" label={t("rp.newConversations")} value={count(totals.new_conversations ?? 0, locale)} />
          <Figure name="reopened_conversations" label={t("rp.reopened")} value={count(totals.reopened_conversations ?? 0, locale)} />
          <Figure name="replied" label={t("rp.replied")} value={count(totals.replied ?? 0, locale)} />
          <Figure
            name="reply_rate"
            label={t("rp.replyRate")}
            value={percent(
              (totals.new_conversations ?? 0) + (totals.reopened_conversations ?? 0)
                ? (totals.replied ?? 0) / ((totals.new_conversations ?? 0) + (totals.reopened_conversations ?? 0))
                : null,
              locale,
            )}
          />
          <Figure name="first_response_avg" label={t("rp.firstResponse")} value={duration(avg(totals.first_response_seconds), locale)} />
          <Figure name="first_response_p90" label={t("rp.firstResponseP90")} value={duration(totals.first_response_seconds?.p90, locale)} />
          <Figure name="first_response_working_avg" label={t("rp.firstResponseWorking")} value={duration(avg(totals.first_response_seconds_working_hours), locale)} />
          <Figure name="messages_in" label={t("rp.messagesIn")} value={count(totals.messages_in ?? 0, locale)} />
          <Figure name="messages_out" label={t("rp.messagesOut")} value={count(totals.messages_out ?? 0, locale)} />
          <Figure name="messages_bot" label={t("rp.messagesBot")} value={count(totals.messages_bot ?? 0, locale)} />
        </div>
      )}
      {rows.length > 0 && (
        <div className="charts">
          <div className="chart">
            <Chart
              type="bar"
              aria-label={t("rp.chart.conversations")}
              data={{
                labels: rows.map((r) => r.label),
                datasets: [
                  { type: "bar", label: t("rp.newConversations"), data: rows.map((r) => r.new_conversations ?? 0), backgroundColor: BRAND },
                  { type: "bar", label: t("rp.replied"), data: rows.map((r) => r.replied ?? 0), backgroundColor: OK },
                ],
              }}
              options={CHART_OPTIONS}
            />
          </div>
          <div className="chart">
            <Chart
              type="line"
              aria-label={t("rp.chart.response")}
              data={{
                labels: rows.map((r) => r.label),
                datasets: [
                  { label: t("rp.chart.response"), data: rows.map((r) => minutes(avg(r.first_response_seconds))), borderColor: BRAND, backgroundColor: BRAND, spanGaps: true },
                  { label: t("rp.chart.responseWorking"), data: rows.map((r) => minutes(avg(r.first_response_seconds_working_hours))), borderColor: WARN, backgroundColor: WARN, spanGaps: true },
                ],
              }}
              options={CHART_OPTIONS}
            />
          </div>
        </div>
      )}
      {report.data && <ConversationTable rows={rows} totals={report.data.totals} />}
    </section>
  );
}

function ConversationTable({ rows, totals, ranked }: { rows: ConversationRow[]; totals: ConversationRow | Omit<ConversationRow, "key" | "label">; ranked?: boolean }) {
  const { t, locale } = useI18n();
  const line = (r: Omit<ConversationRow, "key" | "label">) => (
    <>
      <td className="num">{count(r.new_conversations ?? 0, locale)}</td>
      <td className="num">{count(r.replied ?? 0, locale)}</td>
      <td className="num">{count(r.messages_out ?? 0, locale)}</td>
      <td className="num">{duration(avg(r.first_response_seconds), locale)}</td>
      <td className="num">{duration(r.first_response_seconds?.p90, locale)}</td>
      <td className="num">{duration(avg(r.first_response_seconds_working_hours), locale)}</td>
      <td className="num">{duration(avg(r.response_seconds), locale)}</td>
    </>
  );
  return (
    <ReportTable
      name="conversations"
      headers={[
        ranked ? t("rp.staff") : t("rp.group"),
        t("rp.newConversations"),
        t("rp.replied"),
        t("rp.messagesOut"),
        t("rp.firstResponse"),
        t("rp.firstResponseP90"),
        t("rp.firstResponseWorking"),
        t("rp.response"),
      ]}
      rows={rows}
      totals={totals}
      cells={line}
      ranked={ranked}
    />
  );
}

/** A report's table: one row per group (ranked: numbered), the period's totals as footer. */
function ReportTable<T>({
  name,
  headers,
  rows,
  totals,
  cells,
  ranked,
}: {
  name: string;
  headers: string[];
  rows: (T & { key: string; label: string })[];
  totals: T;
  cells: (r: T) => ReactNode;
  ranked?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-table={name}>
        <thead>
          <tr>
            {ranked && <th>{t("rp.rank")}</th>}
            {headers.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.key} data-row={r.key}>
              {ranked && <td className="num">{i + 1}</td>}
              <td>{r.label}</td>
              {cells(r)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-row="total">
            {ranked && <td />}
            <th>{t("rp.total")}</th>
            {cells(totals)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** "Tải Excel" for a report: the same query as the screen, as an .xlsx file. */
function XlsxButton({ name, path, query, file }: { name: string; path: Parameters<typeof api.reports.xlsx>[0]; query: Query; file: string }) {
  const { t } = useI18n();
  return (
    <button className="btn" data-xlsx={name} onClick={() => void download(path, query, file)}>
      {t("rp.xlsx")}
    </button>
  );
}

function StaffTab({ period }: { period: Period }) {
  const { t } = useI18n();
  const { isAdmin } = useSession();
  const query = { from: period.from, to: period.to, group_by: "agent" };
  const report = useQuery({ queryKey: reportKey("conversations", query, period), queryFn: () => api.reports.conversations(query) });
  // Ranking: most conversations answered first, then the faster first response.
  const rows = useMemo(
    () =>
      [...(report.data?.rows ?? [])]
        .filter((r) => r.key !== "0")
        .sort((a, b) => (b.replied ?? 0) - (a.replied ?? 0) || (avg(a.first_response_seconds) ?? Infinity) - (avg(b.first_response_seconds) ?? Infinity)),
    [report.data],
  );
  return (
    <section aria-label={t("rp.tab.staff")}>
      <div className="toolbar">
        {!isAdmin && <span className="muted">{t("rp.help.agent")}</span>}
        <XlsxButton name="staff" path="conversations" query={query} file={`bao-cao-nhan-vien-${period.from}-${period.to}`} />
      </div>
      {report.error ? <ErrorText error={report.error} /> : null}
      {report.data && <ConversationTable rows={rows} totals={report.data.totals} ranked />}
    </section>
  );
}

function OrdersTab({ period }: { period: Period }) {
  const { t, money, locale } = useI18n();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const groups = ["day", "source", "channel", "agent", "livestream"];
  const groupBy = groups.includes(params.get("group_by") ?? "") ? (params.get("group_by") as string) : "day";
  const query = { from: period.from, to: period.to, group_by: groupBy };
  const report = useQuery({ queryKey: reportKey("orders", query, period), queryFn: () => api.reports.orders(query) });
  const totals = report.data?.totals;
  const rows = report.data?.rows ?? [];
  const line = (r: Omit<OrderRow, "key" | "label">) => (
    <>
      <td className="num">{count(r.orders ?? 0, locale)}</td>
      <td className="num">{count(r.completed ?? 0, locale)}</td>
      <td className="num">{count(r.cancelled ?? 0, locale)}</td>
      <td className="num">{count(r.returned ?? 0, locale)}</td>
      <td className="num">{money(r.revenue ?? 0)}</td>
      <td className="num">{percent(r.cancel_rate, locale)}</td>
      <td className="num">{percent(r.return_rate, locale)}</td>
    </>
  );
  return (
    <section aria-label={t("rp.tab.orders")}>
      <div className="toolbar">
        <Select
          name="group_by"
          label={t("rp.groupBy")}
          value={groupBy}
          options={groups.map((g): [string, string] => [g, t(`rp.by.${g === "agent" ? "agent" : g}` as MessageKey)])}
          onChange={(v) => setParam("group_by", v)}
        />
        <XlsxButton name="orders" path="orders" query={query} file={`bao-cao-don-hang-${period.from}-${period.to}`} />
      </div>
      {report.error ? <ErrorText error={report.error} /> : null}
      {totals && (
        <div className="figures" data-report="orders">
          <Figure name="orders" label={t("rp.orders")} value={count(totals.orders ?? 0, locale)} />
          <Figure name="completed" label={t("rp.completed")} value={count(totals.completed ?? 0, locale)} />
          <Figure name="revenue" label={t("rp.revenue")} value={money(totals.revenue ?? 0)} />
          <Figure name="cancel_rate" label={t("rp.cancelRate")} value={percent(totals.cancel_rate, locale)} />
          <Figure name="return_rate" label={t("rp.returnRate")} value={percent(totals.return_rate, locale)} />
        </div>
      )}
      {rows.length > 0 && (
        <div className="charts">
          <div className="chart">
            <Chart
              type="bar"
              aria-label={t("rp.chart.revenue")}
              data={{ labels: rows.map((r) => r.label), datasets: [{ label: t("rp.chart.revenue"), data: rows.map((r) => r.revenue ?? 0), backgroundColor: OK }] }}
              options={CHART_OPTIONS}
            />
          </div>
        </div>
      )}
      {report.data && (
        <ReportTable
          name="orders"
          headers={[t("rp.group"), t("rp.orders"), t("rp.completed"), t("rp.cancelled"), t("rp.returned"), t("rp.revenue"), t("rp.cancelRate"), t("rp.returnRate")]}
          rows={rows}
          totals={report.data.totals}
          cells={line}
        />
      )}
    </section>
  );
}

function LivestreamTab() {
  const { t, money, locale, time } = useI18n();
  const { search } = useLocation();
  const chosen = Number(new URLSearchParams(search).get("livestream_id") ?? 0);
  const list = useQuery({ queryKey: keys.livestreams, queryFn: api.livestreams.list });
  const items = list.data?.items ?? [];
  const id = chosen || items[0]?.id || 0;
  const report = useQuery({ queryKey: keys.report("livestream", id), queryFn: () => api.reports.livestream(id), enabled: id > 0 });
  if (list.isSuccess && items.length === 0) return <Empty>{t("rp.noLivestreams")}</Empty>;
  const forbidden = report.error instanceof ApiError && report.error.status === 403;
  const r = report.data;
  return (
    <section aria-label={t("rp.tab.livestream")}>
      <div className="toolbar">
        <Select
          name="livestream"
          label={t("rp.pickLivestream")}
          value={String(id)}
          options={items.map((l): [string, string] => [String(l.id), l.title])}
          onChange={(v) => setParam("livestream_id", v)}
        />
        {id > 0 && (
          <XlsxButton name="livestream" path={`livestreams/${id}`} query={{}} file={`bao-cao-livestream-${id}`} />
        )}
      </div>
      {forbidden ? <Empty>{t("rp.forbidden")}</Empty> : report.error ? <ErrorText error={report.error} /> : null}
      {r && (
        <>
          <div className="figures" data-report="livestream">
            <Figure name="comments" label={t("rp.comments")} value={count(r.comments, locale)} />
            <Figure name="commenters" label={t("rp.commenters")} value={count(r.commenters, locale)} />
            <Figure name="order_comments" label={t("rp.orderComments")} value={count(r.order_comments, locale)} />
            <Figure name="orders" label={t("rp.orders")} value={count(r.orders, locale)} />
            <Figure name="units" label={t("rp.units")} value={count(r.units, locale)} />
            <Figure name="revenue" label={t("rp.revenue")} value={money(r.revenue)} />
            <Figure name="peak" label={t("rp.peak")} value={count(r.peak_comments_per_minute, locale)} />
          </div>
          {r.comments_per_minute.length > 0 && (
            <div className="charts">
              <div className="chart">
                <Chart
                  type="line"
                  aria-label={t("rp.chart.perMinute")}
                  data={{
                    labels: r.comments_per_minute.map((m) => time(m.minute)),
                    datasets: [{ label: t("rp.chart.perMinute"), data: r.comments_per_minute.map((m) => m.comments), borderColor: BRAND, backgroundColor: BRAND }],
                  }}
                  options={CHART_OPTIONS}
                />
              </div>
            </div>
          )}
          <div className="table-wrap">
            <table className="table" data-table="products">
              <thead>
                <tr>
                  <th>{t("rp.product")}</th>
                  <th>{t("rp.quantity")}</th>
                  <th>{t("rp.revenue")}</th>
                </tr>
              </thead>
              <tbody>
                {r.products.map((p) => (
                  <tr key={`${p.product_id}-${p.name}`}>
                    <td>{p.name}</td>
                    <td className="num">{count(p.units, locale)}</td>
                    <td className="num">{money(p.revenue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Help() {
  const { t } = useI18n();
  return (
    <details className="report-help">
      <summary>{t("rp.help")}</summary>
      <p>{t("rp.help.turn")}</p>
      <p>{t("rp.help.new")}</p>
      <p>{t("rp.help.response")}</p>
      <p>{t("rp.help.orders")}</p>
      <p>{t("rp.help.agent")}</p>
    </details>
  );
}
