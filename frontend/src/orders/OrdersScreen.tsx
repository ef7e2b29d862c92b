// Orders: list with filters (status tabs, search, livestream), detail with state buttons,
// print and Excel export.
import { AddressPicker, describe, toInput, type StructuredIn } from "../addresses/AddressPicker";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import { ORDER_STATUSES, type Order } from "../api/types";
import { navigate, useLocation } from "../app/router";
import { messageErrorText } from "../app/errorText";
import { ErrorText } from "../app/ui";
import { BulkShipping } from "../shipping/BulkShipping";
import { ShippingPanel } from "../shipping/ShippingPanel";

const SHIP_FILTERS = ["none", "booked", "picking", "in_transit", "delivering", "delivered", "delivery_failed", "returning", "returned"];
import { useI18n } from "../i18n";
import { type DraftItem, ProductPicker, withProduct } from "./OrderForm";
import { NEXT_STATES, parseMoney } from "./totals";

export async function printOrder(id: number): Promise<void> {
  printHtml(await api.orders.printHtml(id));
}

/** Open server-rendered print HTML in a new window and print it. */
export function printHtml(html: string): void {
  const win = window.open("", "_blank");
  if (!win) return;
  win.document.open();
  win.document.write(html);
  win.document.close();
  win.focus();
  setTimeout(() => win.print(), 300);
}

export async function exportOrders(query: Record<string, string | undefined>): Promise<void> {
  const blob = await api.orders.exportXlsx(query);
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `don-hang-${new Date().toISOString().slice(0, 10)}.xlsx`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function OrdersScreen({ orderId }: { orderId?: string }) {
  const { t, money, dateTime } = useI18n();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const filters = {
    status: params.get("status") ?? undefined,
    q: params.get("q") ?? undefined,
    livestream_id: params.get("livestream_id") ?? undefined,
    source: params.get("source") ?? undefined,
    shipping_status: params.get("shipping_status") ?? undefined,
  };
  const setFilter = (k: string, v?: string) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    const s = next.toString();
    navigate(`/orders${orderId ? `/${orderId}` : ""}${s ? `?${s}` : ""}`, { replace: true });
  };
  const [q, setQ] = useState(filters.q ?? "");
  const list = useInfiniteQuery({
    queryKey: keys.orderList(JSON.stringify(filters)),
    queryFn: ({ pageParam }) => api.orders.list(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [exportError, setExportError] = useState<unknown>(null);
  return (
    <div className="orders">
      <section className="orders-list">
        <div className="toolbar">
          <div className="chips">
            <button type="button" className={`chip ${!filters.status ? "chip-on" : ""}`} onClick={() => setFilter("status")}>
              {t("quick.all")}
            </button>
            {ORDER_STATUSES.map((s) => (
              <button
                key={s}
                type="button"
                className={`chip ${filters.status === s ? "chip-on" : ""}`}
                onClick={() => setFilter("status", s)}
                data-status-filter={s}
              >
                {t(`orderStatus.${s}`)}
              </button>
            ))}
          </div>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setFilter("q", q || undefined);
            }}
          >
            <input type="search" placeholder={t("orders.search")} value={q} onChange={(e) => setQ(e.target.value)} />
          </form>
          <select
            value={filters.shipping_status ?? ""}
            onChange={(e) => setFilter("shipping_status", e.target.value || undefined)}
            aria-label={t("ship.filter")}
            data-testid="shipping-filter"
          >
            <option value="">{t("ship.filter")}</option>
            {SHIP_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`shipStatus.${s}` as "shipStatus.booked")}
              </option>
            ))}
          </select>
          {filters.livestream_id ? <BulkShipping livestreamId={Number(filters.livestream_id)} /> : null}
          <select value={filters.source ?? ""} onChange={(e) => setFilter("source", e.target.value || undefined)} aria-label={t("orders.source")}>
            <option value="">{t("orders.allSources")}</option>
            {["manual", "chat_auto", "livestream"].map((s) => (
              <option key={s} value={s}>
                {t(`source.${s}` as "source.manual")}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn"
            onClick={() => exportOrders(filters).catch(setExportError)}
            data-testid="export"
          >
            {t("orders.export")}
          </button>
        </div>
        <ErrorText error={list.error ?? exportError} />
        <div className="table-wrap">
          <table className="table" data-testid="orders-table">
            <thead>
              <tr>
                <th>{t("orders.code")}</th>
                <th>{t("orders.customer")}</th>
                <th>{t("order.phone")}</th>
                <th>{t("orders.status")}</th>
                <th>{t("orders.source")}</th>
                <th className="num">{t("order.total")}</th>
                <th>{t("orders.createdAt")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr
                  key={o.id}
                  className={String(o.id) === orderId ? "selected" : ""}
                  onClick={() => navigate(`/orders/${o.id}${search}`)}
                  data-order-code={o.code}
                >
                  <td>{o.code}</td>
                  <td>{o.customer_name}</td>
                  <td>{o.phone}</td>
                  <td>
                    <span className={`status status-${o.status}`}>{t(`orderStatus.${o.status}`)}</span>
                  </td>
                  <td>{t(`source.${o.source}` as "source.manual")}</td>
                  <td className="num">{money(o.total)}</td>
                  <td>{dateTime(o.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.isSuccess && !items.length ? <div className="empty">{t("orders.empty")}</div> : null}
          {list.hasNextPage ? (
            <button type="button" className="btn-link" onClick={() => void list.fetchNextPage()}>
              {t("common.loadMore")}
            </button>
          ) : null}
        </div>
      </section>
      {orderId ? <OrderDetail id={Number(orderId)} onClose={() => navigate(`/orders${search}`)} /> : null}
    </div>
  );
}

export function OrderDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, money, dateTime } = useI18n();
  const client = useQueryClient();
  const order = useQuery({ queryKey: keys.order(id), queryFn: () => api.orders.get(id) });
  const [reason, setReason] = useState("");
  const transition = useMutation({
    mutationFn: (to: string) => api.orders.transition(id, to, to === "cancelled" ? reason || undefined : undefined),
    onSuccess: (o: Order) => {
      client.setQueryData(keys.order(id), o);
      void client.invalidateQueries({ queryKey: keys.orders });
    },
  });
  const [printError, setPrintError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const o = order.data;
  // The server says which moves are allowed now; the local table is only a fallback.
  const nextStates: string[] = o ? (o.allowed_transitions ?? NEXT_STATES[o.status] ?? []) : [];
  return (
    <aside className="order-detail" data-testid="order-detail">
      <header>
        <h2>{o?.code ?? "…"}</h2>
        <button type="button" className="btn-icon" onClick={onClose} aria-label="close">
          ×
        </button>
      </header>
      <ErrorText error={order.error} />
      {o ? (
        <>
          <p>
            <span className={`status status-${o.status}`} data-testid="order-status">
              {t(`orderStatus.${o.status}`)}
            </span>{" "}
            · {t(`source.${o.source}` as "source.manual")} · {dateTime(o.created_at)}
          </p>
          {editing ? (
            <OrderEditor order={o} onDone={() => setEditing(false)} />
          ) : (
          <>
          <dl>
            <dt>{t("orders.customer")}</dt>
            <dd>{o.customer_name}</dd>
            <dt>{t("order.phone")}</dt>
            <dd>{o.phone ?? "—"}</dd>
            <dt>{t("order.address")}</dt>
            <dd>
              {o.address ?? "—"}
              {o.structured_address ? (
                <span className="muted" data-testid="order-address-units">
                  {" "}
                  · {describe(toInput(o.structured_address))}
                </span>
              ) : null}
            </dd>
            <dt>{t("order.payment")}</dt>
            <dd>{t(`payment.${o.payment_method}` as "payment.cod")}</dd>
            {o.note ? (
              <>
                <dt>{t("order.note")}</dt>
                <dd>{o.note}</dd>
              </>
            ) : null}
            {o.cancel_reason ? (
              <>
                <dt>{t("orders.cancelReason")}</dt>
                <dd>{o.cancel_reason}</dd>
              </>
            ) : null}
            {o.bot_status ? (
              <>
                <dt>{t("orders.bot")}</dt>
                <dd>
                  {["queued", "sent", "failed"].includes(o.bot_status) ? t(`bot.${o.bot_status}` as "bot.sent") : o.bot_status}
                  {o.bot_error ? ` — ${messageErrorText(t, o.bot_error_code)}` : ""}
                </dd>
              </>
            ) : null}
          </dl>
          <table className="items">
            <tbody>
              {o.items.map((i, idx) => (
                <tr key={idx}>
                  <td>{i.name}</td>
                  <td>×{i.quantity}</td>
                  <td className="num">{money(i.quantity * i.unit_price)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="totals">
            <span>{t("order.shippingFee")}</span>
            <span className="num">{money(o.shipping_fee)}</span>
            <span>{t("order.discount")}</span>
            <span className="num">{o.discount ? `-${money(o.discount)}` : money(0)}</span>
            <strong>{t("order.total")}</strong>
            <strong className="num">{money(o.total)}</strong>
          </div>
          </>
          )}
          <div className="state-buttons">
            {o.editable !== false && !editing && ["draft", "confirmed"].includes(o.status) ? (
              <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="edit-order">
                {t("common.edit")}
              </button>
            ) : null}
            {nextStates.map((to) => (
              <button
                key={to}
                type="button"
                className={`btn ${to === "cancelled" ? "btn-danger" : "btn-primary"}`}
                data-transition={to}
                disabled={transition.isPending}
                onClick={() => (to !== "cancelled" || window.confirm(t("orders.confirmCancel"))) && transition.mutate(to)}
              >
                {t(`transition.${to}` as "transition.confirmed")}
              </button>
            ))}
            {nextStates.includes("cancelled") ? (
              <input placeholder={t("orders.cancelReason")} value={reason} onChange={(e) => setReason(e.target.value)} />
            ) : null}
            <button type="button" className="btn" onClick={() => printOrder(o.id).catch(setPrintError)}>
              {t("orders.print")}
            </button>
            {o.conversation_id ? (
              <button type="button" className="btn-link" onClick={() => navigate(`/inbox?c=${o.conversation_id}`)}>
                {t("orders.openChat")}
              </button>
            ) : null}
          </div>
          <ErrorText error={transition.error ?? printError} />
          <ShippingPanel order={o} />
        </>
      ) : null}
    </aside>
  );
}

/** Edit an order that is not closed yet: recipient, products (add, remove, quantities), fees, note. */
function OrderEditor({ order, onDone }: { order: Order; onDone: () => void }) {
  const { t, money } = useI18n();
  const client = useQueryClient();
  const [form, setForm] = useState({
    customer_name: order.customer_name ?? "",
    phone: order.phone ?? "",
    address: order.address ?? "",
    note: order.note ?? "",
    shipping_fee: String(order.shipping_fee),
    discount: String(order.discount),
  });
  const [structured, setStructured] = useState<StructuredIn | null>(toInput(order.structured_address));
  const [items, setItems] = useState<DraftItem[]>(
    order.items.map((i) => ({ product_id: i.product_id, variant_sku: i.variant_sku ?? null, name: i.name, quantity: i.quantity, unit_price: i.unit_price })),
  );
  const save = useMutation({
    mutationFn: () =>
      api.orders.update(order.id, {
        customer_name: form.customer_name || null,
        phone: form.phone || null,
        address: form.address || null,
        structured_address: form.address ? structured : null,
        note: form.note || null,
        shipping_fee: parseMoney(form.shipping_fee),
        discount: parseMoney(form.discount),
        items: items
          .filter((i) => i.product_id !== null && i.quantity > 0)
          .map((i) => ({ product_id: i.product_id!, variant_sku: i.variant_sku, quantity: i.quantity, unit_price: i.unit_price })),
        version: order.version,
      }),
    onSuccess: (o) => {
      client.setQueryData(keys.order(order.id), o);
      void client.invalidateQueries({ queryKey: keys.orders });
      onDone();
    },
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <form
      className="form"
      data-testid="order-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label>
        {t("order.customerName")}
        <input name="customer_name" value={form.customer_name} onChange={set("customer_name")} />
      </label>
      <label>
        {t("order.phone")}
        <input name="phone" value={form.phone} onChange={set("phone")} inputMode="tel" />
      </label>
      <label>
        {t("order.address")}
        <textarea name="address" rows={2} value={form.address} onChange={set("address")} />
      </label>
      <AddressPicker text={form.address} value={structured} onChange={setStructured} />
      <table className="items">
        <tbody>
          {items.map((i, idx) => (
            <tr key={idx}>
              <td>{i.name}</td>
              <td>
                <input
                  type="number"
                  min={0}
                  className="qty"
                  aria-label={t("order.quantity")}
                  value={i.quantity}
                  onChange={(e) => setItems(items.map((x, j) => (j === idx ? { ...x, quantity: Math.max(0, Number(e.target.value) || 0) } : x)))}
                />
              </td>
              <td className="num">{money(i.quantity * i.unit_price)}</td>
              <td>
                <button
                  type="button"
                  className="btn-link"
                  aria-label={t("order.removeItem", { name: i.name })}
                  data-testid="remove-item"
                  onClick={() => setItems(items.filter((_, j) => j !== idx))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ProductPicker onPick={(p, v) => setItems((list) => withProduct(list, p, v))} />
      <div className="two">
        <label>
          {t("order.shippingFee")}
          <input name="shipping_fee" value={form.shipping_fee} onChange={set("shipping_fee")} />
        </label>
        <label>
          {t("order.discount")}
          <input name="discount" value={form.discount} onChange={set("discount")} />
        </label>
      </div>
      <label>
        {t("order.note")}
        <input name="note" value={form.note} onChange={set("note")} />
      </label>
      <ErrorText error={save.error} />
      <div className="row-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t("common.save")}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
