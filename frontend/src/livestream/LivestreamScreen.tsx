// Livestream selling: pick a live video, configure keywords -> products, watch the comment feed
// with the parse outcome, run the order board by status, see the totals.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import { ORDER_STATUSES, type Livestream, type LivestreamComment, type LivestreamItem } from "../api/types";
import { navigate } from "../app/router";
import { errorText } from "../app/errorText";
import { ErrorText, Modal } from "../app/ui";
import { useI18n } from "../i18n";
import { useChannels } from "../inbox/hooks";
import { OrderDetail, exportOrders, printHtml } from "../orders/OrdersScreen";
import { livestreamTotals } from "./totals";

const OUTCOMES = new Set(["pending", "order_created", "order_updated", "missing_phone", "missing_variant", "repeated", "limit_reached", "sold_out", "not_understood", "question", "cancel_request", "phone_only", "blacklisted", "removed", "order_locked", "not_accepting", "not_configured", "failed"]);

function OutcomeLabel({ outcome }: { outcome: string }) {
  const { t } = useI18n();
  return <>{OUTCOMES.has(outcome) ? t(`outcome.${outcome}` as "outcome.order_created") : outcome}</>;
}
const outcomeLabel = (outcome: string) => <OutcomeLabel outcome={outcome} />;
// Comments staff can complete from the feed (a phone, the product, a size / colour).
const FIXABLE = new Set(["missing_phone", "missing_variant", "not_understood", "question", "phone_only", "failed", "limit_reached"]);
const MISSING_KEYS = { address: "ls.missing.address", phone: "ls.missing.phone", variant: "ls.missing.variant" } as const;

export function LivestreamScreen({ livestreamId }: { livestreamId?: string }) {
  const { t } = useI18n();
  const list = useQuery({ queryKey: keys.livestreams, queryFn: api.livestreams.list });
  const [creating, setCreating] = useState(false);
  const id = livestreamId ? Number(livestreamId) : null;
  return (
    <div className="livestream">
      <aside className="ls-list">
        <div className="toolbar">
          <h2>{t("ls.title")}</h2>
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-livestream">
            {t("ls.new")}
          </button>
        </div>
        <ErrorText error={list.error} />
        <ul>
          {list.data?.items.map((ls) => (
            <li key={ls.id}>
              <a
                href={`/livestream/${ls.id}`}
                className={ls.id === id ? "on" : ""}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/livestream/${ls.id}`);
                }}
              >
                <strong>{ls.title}</strong>
                <span className={`ls-status ls-${ls.status}`}>{t(`ls.status.${ls.status}` as "ls.status.live")}</span>
              </a>
            </li>
          ))}
          {list.data && !list.data.items.length ? <li className="muted">{t("ls.none")}</li> : null}
        </ul>
      </aside>
      {id ? <LivestreamDetail key={id} id={id} /> : <div className="empty">{t("ls.pick")}</div>}
      {creating ? <CreateLivestream onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

function CreateLivestream({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const channels = useChannels();
  const [channelId, setChannelId] = useState<number | null>(null);
  const channel = channelId ?? channels.data?.items[0]?.id ?? null;
  const videos = useQuery({
    queryKey: keys.liveVideos(channel ?? 0),
    queryFn: () => api.livestreams.liveVideos(channel!),
    enabled: channel !== null,
    retry: false,
  });
  const [video, setVideo] = useState("");
  const [title, setTitle] = useState("");
  const create = useMutation({
    mutationFn: () => api.livestreams.create({ channel_id: channel!, live_video_id: video || undefined, title }),
    onSuccess: (ls) => {
      void client.invalidateQueries({ queryKey: keys.livestreams });
      onClose();
      navigate(`/livestream/${ls.id}`);
    },
  });
  return (
    <Modal title={t("ls.new")} onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label>
          {t("ls.channel")}
          <select value={channel ?? ""} onChange={(e) => setChannelId(Number(e.target.value))} required>
            {channels.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("ls.video")}
          <select
            value={video}
            name="live_video_id"
            onChange={(e) => {
              setVideo(e.target.value);
              const v = videos.data?.items.find((x) => x.live_video_id === e.target.value);
              if (v?.title && !title) setTitle(v.title);
            }}
          >
            <option value="">{t("ls.prepareLater")}</option>
            {videos.data?.items
              .filter((v) => v.live_video_id && !v.livestream_id)
              .map((v) => (
                <option key={v.post_id} value={v.live_video_id!}>
                  {v.title ?? v.live_video_id} ({t(`ls.status.${v.status}` as "ls.status.live")})
                </option>
              ))}
          </select>
        </label>
        <label>
          {t("ls.name")}
          <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
        <ErrorText error={create.error} />
        <button type="submit" className="btn btn-primary" disabled={!channel || create.isPending}>
          {t("common.create")}
        </button>
      </form>
    </Modal>
  );
}

function LivestreamDetail({ id }: { id: number }) {
  const { t, money } = useI18n();
  const client = useQueryClient();
  const ls = useQuery({ queryKey: keys.livestream(id), queryFn: () => api.livestreams.get(id) });
  const board = useQuery({ queryKey: keys.livestreamBoard(id), queryFn: () => api.livestreams.board(id) });
  const serverTotals = useQuery({ queryKey: keys.livestreamTotals(id), queryFn: () => api.livestreams.totals(id), retry: false });
  const [commentFilter, setCommentFilter] = useState<"all" | "needs_action">("all");
  const comments = useQuery({
    queryKey: [...keys.livestreamComments(id), commentFilter],
    queryFn: () => api.livestreams.comments(id, commentFilter === "needs_action" ? "needs_action" : undefined),
    retry: false,
  });
  const [resolving, setResolving] = useState<LivestreamComment | null>(null);
  const end = useMutation({
    mutationFn: () => api.livestreams.end(id),
    onSuccess: (data) => {
      client.setQueryData(keys.livestream(id), data);
      void client.invalidateQueries({ queryKey: keys.livestreams });
    },
  });
  const [tab, setTab] = useState<"board" | "config">("board");
  const [openOrder, setOpenOrder] = useState<number | null>(null);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const bulk = useMutation({
    mutationFn: (action: "confirm" | "close" | "cancel") => api.livestreams.bulk(id, [...picked], action),
    onSuccess: () => {
      setPicked(new Set());
      void client.invalidateQueries({ queryKey: keys.livestreamBoard(id) });
      void client.invalidateQueries({ queryKey: keys.livestreamTotals(id) });
    },
  });
  const [printError, setPrintError] = useState<unknown>(null);
  const togglePick = (orderId: number) =>
    setPicked((s) => {
      const next = new Set(s);
      if (next.has(orderId)) next.delete(orderId);
      else next.add(orderId);
      return next;
    });
  const toggle = useMutation({
    mutationFn: (accepting: boolean) => api.livestreams.update(id, { accepting_orders: accepting }),
    onSuccess: (data) => client.setQueryData(keys.livestream(id), data),
  });
  const all = (board.data?.items ?? []).map((b) => b.order);
  const historyOf = new Map((board.data?.items ?? []).map((b) => [b.order.id, b.history]));
  const local = livestreamTotals(all);
  const totals = serverTotals.data
    ? { orders: serverTotals.data.orders, items: serverTotals.data.items, revenue: serverTotals.data.revenue, confirmedRate: serverTotals.data.confirmed_rate }
    : local;
  const l = ls.data;
  return (
    <section className="ls-detail">
      <header className="toolbar">
        <h2>{l?.title}</h2>
        {l ? <span className={`ls-status ls-${l.status}`}>{t(`ls.status.${l.status}` as "ls.status.live")}</span> : null}
        {l ? (
          <label className="switch">
            <input type="checkbox" checked={l.accepting_orders !== false} onChange={(e) => toggle.mutate(e.target.checked)} />
            {t("ls.accepting")}
          </label>
        ) : null}
        {l && l.status !== "ended" ? (
          <button
            type="button"
            className="btn btn-danger"
            data-testid="ls-end"
            disabled={end.isPending}
            onClick={() => window.confirm(t("ls.endConfirm")) && end.mutate()}
          >
            {t("ls.end")}
          </button>
        ) : null}
        <div className="tabs inline">
          <button type="button" className={tab === "board" ? "on" : ""} onClick={() => setTab("board")}>
            {t("ls.board")}
          </button>
          <button type="button" className={tab === "config" ? "on" : ""} onClick={() => setTab("config")} data-testid="ls-config-tab">
            {t("ls.config")}
          </button>
        </div>
      </header>
      <ErrorText error={ls.error ?? toggle.error ?? end.error} />
      {l?.not_taking_orders === "no_products" ? (
        <p className="notice ls-not-taking" data-testid="ls-not-taking" data-reason="no_products">
          {t("ls.noProducts")}{" "}
          <button type="button" className="btn" onClick={() => setTab("config")}>
            {t("ls.openConfig")}
          </button>
        </p>
      ) : l?.not_taking_orders === "stopped" ? (
        <p className="notice ls-not-taking" data-testid="ls-not-taking" data-reason="stopped">
          {t("ls.stopped")}
        </p>
      ) : null}
      <div className="ls-totals" data-testid="ls-totals">
        <div>
          <span>{t("ls.orders")}</span>
          <strong>{totals.orders}</strong>
        </div>
        <div>
          <span>{t("ls.items")}</span>
          <strong>{totals.items}</strong>
        </div>
        <div>
          <span>{t("ls.revenue")}</span>
          <strong>{money(totals.revenue)}</strong>
        </div>
        <div>
          <span>{t("ls.confirmedRate")}</span>
          <strong>{Math.round(totals.confirmedRate * 100)}%</strong>
        </div>
      </div>
      {l?.config?.items.some((i) => i.stock_limit != null) ? (
        <div className="ls-stock" data-testid="ls-stock">
          {l.config.items
            .filter((i) => i.stock_limit != null)
            .map((i) => {
              const left = Math.max((i.stock_limit ?? 0) - (i.sold ?? 0), 0);
              return (
                <span key={i.id} className={left ? "chip" : "chip risk-pill"} data-keyword={i.keyword}>
                  {i.keyword}: {left ? t("ls.stockLeft", { n: left }) : t("ls.soldOut")}
                </span>
              );
            })}
        </div>
      ) : null}
      {tab === "config" && l ? (
        <ConfigEditor livestream={l} />
      ) : (
        <div className="ls-main">
          <div className="ls-feed" data-testid="ls-feed">
            <h3>{t("ls.comments")}</h3>
            <div className="chips" role="group" data-testid="ls-comment-filter">
              <button type="button" className={`chip ${commentFilter === "all" ? "on" : ""}`} onClick={() => setCommentFilter("all")}>
                {t("ls.allComments")}
              </button>
              <button
                type="button"
                className={`chip ${commentFilter === "needs_action" ? "on" : ""}`}
                onClick={() => setCommentFilter("needs_action")}
                data-testid="ls-needs-action"
              >
                {t("ls.needsAction")}
              </button>
            </div>
            <ErrorText error={comments.error} />
            <ul>
              {comments.data?.items.map((c) => {
                const body = (
                  <>
                    <strong>{c.customer_name ?? ""}</strong> {c.text}
                    <span className="outcome-label">
                      {outcomeLabel(c.outcome)}
                      {c.order_code ? ` · ${c.order_code}` : ""}
                    </span>
                  </>
                );
                return (
                  <li key={c.id} className={`outcome outcome-${c.outcome}`} data-outcome={c.outcome} data-comment-id={c.id}>
                    {FIXABLE.has(c.outcome) && !c.is_deleted ? (
                      <button type="button" className="comment-fix" onClick={() => setResolving(c)} title={t("ls.resolveTitle")}>
                        {body}
                      </button>
                    ) : (
                      body
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
          <div className="board-wrap">
          <div className="bulkbar" data-testid="ls-bulkbar">
            <span>{t("inbox.selected", { n: picked.size })}</span>
            <button type="button" className="btn" disabled={!picked.size || bulk.isPending} onClick={() => bulk.mutate("confirm")}>
              {t("transition.confirmed")}
            </button>
            <button type="button" className="btn" disabled={!picked.size || bulk.isPending} onClick={() => bulk.mutate("close")}>
              {t("transition.closed")}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              disabled={!picked.size || bulk.isPending}
              onClick={() => window.confirm(t("orders.confirmCancel")) && bulk.mutate("cancel")}
            >
              {t("transition.cancelled")}
            </button>
            <button
              type="button"
              className="btn"
              disabled={!picked.size}
              onClick={() => api.livestreams.printOrders(id, [...picked]).then(printHtml, setPrintError)}
            >
              {t("orders.print")}
            </button>
            <button
              type="button"
              className="btn"
              data-testid="ls-export"
              onClick={() => exportOrders({ livestream_id: String(id) }).catch(setPrintError)}
            >
              {t("ls.export")}
            </button>
            {bulk.data?.failed.length ? <span className="error">{t("ls.bulkFailed", { n: bulk.data.failed.length })}</span> : null}
            <ErrorText error={bulk.error ?? printError} />
          </div>
          {bulk.data?.failed.length ? (
            <ul className="bulk-failures" data-testid="ls-bulk-failures">
              {bulk.data.failed.map((f) => {
                const code = all.find((o) => o.id === f.id)?.code ?? `#${f.id}`;
                const reason = t(`err.${f.code}` as "err.not_found");
                return (
                  <li key={f.id}>
                    <strong>{code}</strong>: {reason.startsWith("err.") ? t("error.generic") : reason}{" "}
                    <button type="button" className="btn-link" onClick={() => setOpenOrder(f.id)}>
                      {t("ls.fixOrder")}
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : null}
          <div className="board" data-testid="ls-board">
            {ORDER_STATUSES.map((s) => (
              <div key={s} className="board-col" data-board-status={s}>
                <h4>
                  {t(`orderStatus.${s}`)} <span className="badge">{all.filter((o) => o.status === s).length}</span>
                </h4>
                {all
                  .filter((o) => o.status === s)
                  .map((o) => (
                    <div key={o.id} className={`board-card ${picked.has(o.id) ? "picked" : ""}`} data-order-code={o.code}>
                      <label className="check">
                        <input type="checkbox" checked={picked.has(o.id)} onChange={() => togglePick(o.id)} aria-label={o.code} />
                        <strong>{o.customer_name ?? "—"}</strong>
                      </label>
                      <button type="button" className="board-open" onClick={() => setOpenOrder(o.id)}>
                        <HistoryBadge history={historyOf.get(o.id)} />
                        <span>{o.phone ?? t("ls.missingPhone")}</span>
                        <span className="muted">{o.items.map((i) => `${i.name} ×${i.quantity}`).join(", ")}</span>
                        {(o.missing ?? []).filter((m) => m !== "phone").length ? (
                          <span className="missing-pills">
                            {(o.missing ?? [])
                              .filter((m) => m !== "phone")
                              .map((m) => (
                                <span key={m} className="risk-pill" data-missing={m}>
                                  {t(MISSING_KEYS[m])}
                                </span>
                              ))}
                          </span>
                        ) : null}
                        <span className="num">
                          {o.code} · {money(o.total)}
                        </span>
                      </button>
                    </div>
                  ))}
              </div>
            ))}
          </div>
          </div>
        </div>
      )}
      {openOrder ? (
        <Modal title={t("nav.orders")} onClose={() => setOpenOrder(null)}>
          <OrderDetail id={openOrder} onClose={() => setOpenOrder(null)} />
        </Modal>
      ) : null}
      {resolving && l ? <ResolveComment livestream={l} comment={resolving} onClose={() => setResolving(null)} /> : null}
    </section>
  );
}

interface ResolveRow {
  item_id: number;
  variant_id: number | null;
  quantity: number;
}

/** Staff complete a flagged comment: the phone it lacks, the product it meant, its size. */
function ResolveComment({ livestream, comment, onClose }: { livestream: Livestream; comment: LivestreamComment; onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const configItems = livestream.config?.items ?? [];
  const parsed = (comment.parsed ?? {}) as {
    phone_used?: string | null;
    items?: { keyword: string; quantity: number; variant_sku?: string | null }[];
  };
  const initial: ResolveRow[] = (parsed.items ?? []).flatMap((p) => {
    const item = configItems.find((c) => c.keyword.toUpperCase() === p.keyword.toUpperCase());
    if (!item) return [];
    const variant = item.variants.find((v) => v.sku === p.variant_sku);
    return [{ item_id: item.id, variant_id: (variant?.id as number | undefined) ?? null, quantity: p.quantity || 1 }];
  });
  const [rows, setRows] = useState<ResolveRow[]>(initial.length ? initial : [{ item_id: configItems[0]?.id ?? 0, variant_id: null, quantity: 1 }]);
  const [phone, setPhone] = useState("");
  const resolve = useMutation({
    mutationFn: () =>
      api.livestreams.resolveComment(livestream.id, comment.id, {
        phone: phone.trim() || undefined,
        items: rows.filter((r) => r.item_id).map((r) => ({ item_id: r.item_id, variant_id: r.variant_id, quantity: r.quantity })),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.livestream(livestream.id) });
      onClose();
    },
  });
  const update = (i: number, patch: Partial<ResolveRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Modal title={t("ls.resolveTitle")} onClose={onClose}>
      <form
        className="form"
        data-testid="ls-resolve"
        onSubmit={(e) => {
          e.preventDefault();
          resolve.mutate();
        }}
      >
        <p className="muted">
          <strong>{comment.customer_name ?? ""}</strong>: {comment.text}
        </p>
        <p className="muted">{t("ls.resolveHint")}</p>
        {!parsed.phone_used ? (
          <label>
            {t("ls.resolvePhone")}
            <input name="phone" inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="09…" />
          </label>
        ) : null}
        {rows.map((row, i) => {
          const item = configItems.find((c) => c.id === row.item_id);
          return (
            <fieldset key={i} className="resolve-row">
              <legend>{t("ls.resolveItem", { n: i + 1 })}</legend>
              <select name="item" value={row.item_id || ""} onChange={(e) => update(i, { item_id: Number(e.target.value), variant_id: null })}>
                <option value="">—</option>
                {configItems.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.keyword} · {c.product_name}
                  </option>
                ))}
              </select>
              {item?.variants.length ? (
                <select
                  name="variant"
                  aria-label={t("ls.pickVariant")}
                  value={row.variant_id ?? ""}
                  onChange={(e) => update(i, { variant_id: e.target.value ? Number(e.target.value) : null })}
                >
                  <option value="">{t("ls.pickVariant")}</option>
                  {item.variants.map((v) => (
                    <option key={String(v.id)} value={String(v.id)}>
                      {String(v.name)}
                    </option>
                  ))}
                </select>
              ) : null}
              <label>
                {t("ls.resolveQuantity")}
                <input type="number" min={1} max={99} value={row.quantity} onChange={(e) => update(i, { quantity: Number(e.target.value) || 1 })} />
              </label>
            </fieldset>
          );
        })}
        <button type="button" className="btn" onClick={() => setRows([...rows, { item_id: 0, variant_id: null, quantity: 1 }])}>
          + {t("ls.addProduct")}
        </button>
        {resolve.error ? <p className="error">{errorText(t, resolve.error)}</p> : null}
        <button type="submit" className="btn btn-primary" disabled={resolve.isPending} data-testid="ls-resolve-submit">
          {t("ls.resolveSubmit")}
        </button>
      </form>
    </Modal>
  );
}

function ConfigEditor({ livestream }: { livestream: Livestream }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const products = useQuery({ queryKey: keys.products(""), queryFn: () => api.products.list() });
  const config = livestream.config;
  const [items, setItems] = useState<LivestreamItem[]>(
    (config?.items ?? []).map((i) => ({
      keyword: i.keyword,
      product_id: i.product_id,
      variant_sku: i.variant_sku ?? null,
      price: i.price ?? null,
      quantity_limit: i.quantity_limit ?? null,
      stock_limit: i.stock_limit ?? null,
    })),
  );
  const [confirm, setConfirm] = useState(!!config?.confirm_by_message);
  const [hide, setHide] = useState(!!config?.hide_phone_comments);
  const [single, setSingle] = useState(!!config?.phone_only_single_product);
  const save = useMutation({
    mutationFn: () =>
      api.livestreams.configure(livestream.id, {
        items,
        confirm_by_message: confirm,
        hide_phone_comments: hide,
        phone_only_single_product: single,
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.livestream(livestream.id) }),
  });
  const update = (i: number, patch: Partial<LivestreamItem>) => setItems(items.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  return (
    <form
      className="ls-config"
      data-testid="ls-config"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <table className="table">
        <thead>
          <tr>
            <th>{t("ls.keyword")}</th>
            <th>{t("ls.product")}</th>
            <th>{t("ls.variant")}</th>
            <th>{t("ls.price")}</th>
            <th>{t("ls.limit")}</th>
            <th>{t("ls.stockLimit")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((it, i) => {
            const product = products.data?.items.find((p) => p.id === it.product_id);
            return (
              <tr key={i}>
                <td>
                  <input
                    name="keyword"
                    value={it.keyword}
                    required
                    onChange={(e) => update(i, { keyword: e.target.value.toUpperCase() })}
                    placeholder="A01"
                  />
                </td>
                <td>
                  <select name="product" value={it.product_id || ""} required onChange={(e) => update(i, { product_id: Number(e.target.value), variant_sku: null })}>
                    <option value="">—</option>
                    {products.data?.items.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.sku} · {p.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select value={it.variant_sku ?? ""} onChange={(e) => update(i, { variant_sku: e.target.value || null })}>
                    <option value="">{t("ls.anyVariant")}</option>
                    {product?.variants.map((v) => (
                      <option key={v.sku} value={v.sku}>
                        {v.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input type="number" min={0} value={it.price ?? ""} onChange={(e) => update(i, { price: e.target.value ? Number(e.target.value) : null })} />
                </td>
                <td>
                  <input
                    type="number"
                    min={1}
                    value={it.quantity_limit ?? ""}
                    onChange={(e) => update(i, { quantity_limit: e.target.value ? Number(e.target.value) : null })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    name="stock_limit"
                    min={0}
                    value={it.stock_limit ?? ""}
                    onChange={(e) => update(i, { stock_limit: e.target.value ? Number(e.target.value) : null })}
                  />
                </td>
                <td>
                  <button type="button" className="btn-link" onClick={() => setItems(items.filter((_, j) => j !== i))}>
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="btn" onClick={() => setItems([...items, { keyword: "", product_id: 0 }])} data-testid="ls-add-item">
        + {t("ls.addProduct")}
      </button>
      <label className="check">
        <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
        {t("ls.confirmByMessage")}
      </label>
      <label className="check">
        <input type="checkbox" checked={hide} onChange={(e) => setHide(e.target.checked)} />
        {t("ls.hidePhoneComments")}
      </label>
      <label className="check">
        <input type="checkbox" checked={single} onChange={(e) => setSingle(e.target.checked)} />
        {t("ls.phoneOnlySingle")}
      </label>
      <ErrorText error={save.error} />
      {save.isSuccess ? <p className="success">{t("common.saved")}</p> : null}
      <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="ls-save">
        {t("common.save")}
      </button>
    </form>
  );
}

/** The customer's past next to their order: earlier orders, and a warning for abandoned ones. */
function HistoryBadge({ history }: { history: unknown }) {
  const { t } = useI18n();
  const h = history as { cancelled_orders_count?: number; earlier_orders?: unknown[] } | null | undefined;
  if (!h) return null;
  return (
    <span className="board-history">
      {h.cancelled_orders_count ? <span className="risk-pill">{t("customer.abandoned", { n: h.cancelled_orders_count })}</span> : null}
      {h.earlier_orders?.length ? <span className="muted">{t("ls.earlierOrders", { n: h.earlier_orders.length })}</span> : null}
    </span>
  );
}
