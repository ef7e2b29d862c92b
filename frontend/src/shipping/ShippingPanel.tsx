// Shipping of one order: quotes of every enabled carrier side by side (cheapest and fastest
// marked), booking, tracking code, the carrier's status history, the label. Updated live by
// `shipment.updated` events.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Order } from "../api/types";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";
import { CARRIER_NAMES, openPdf, shipping, shippingKeys, type Quotes, type Shipment } from "./api";

export function ShippingPanel({ order }: { order: Order }) {
  const { t, money, dateTime } = useI18n();
  const client = useQueryClient();
  const shipments = useQuery({ queryKey: shippingKeys.shipments(order.id), queryFn: () => shipping.shipments(order.id) });
  // The address as the order stores it (official codes), never read again from its text.
  const stored = order.structured_address;
  const [ward, setWard] = useState<string>("");
  const [quotes, setQuotes] = useState<Quotes | null>(null);
  const [labelUrl, setLabelUrl] = useState<string | null>(null);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: shippingKeys.shipments(order.id) });
    void client.invalidateQueries({ queryKey: ["orders"] });
  };
  const quote = useMutation({ mutationFn: () => shipping.quotes(order.id, ward || null), onSuccess: setQuotes });
  const book = useMutation({
    mutationFn: (q: { carrier: string; service_id: string }) => shipping.book(order.id, q.carrier, q.service_id, ward || null),
    onSuccess: () => {
      setQuotes(null);
      refresh();
    },
  });
  const cancel = useMutation({ mutationFn: (id: number) => shipping.cancel(id), onSuccess: refresh });
  const label = useMutation({ mutationFn: (id: number) => shipping.label(id), onSuccess: (b) => setLabelUrl(openPdf(b)) });
  const list = shipments.data?.items ?? [];
  const live = list.find((s) => s.status !== "cancelled");
  const choices = stored?.ward_choices ?? [];
  const needsWard = choices.length > 1 && !ward;
  return (
    <section className="shipping-panel" data-testid="shipping-panel">
      <h3>{t("ship.title")}</h3>
      {stored?.scheme === "legacy" && stored.address_2025 ? (
        <p className="muted" data-testid="address-2025">
          {t("ship.address2025")}: {[stored.address_2025.street, stored.address_2025.ward, stored.address_2025.province].filter(Boolean).join(", ")}
        </p>
      ) : null}
      {choices.length > 1 ? (
        <label className="field">
          {t("ship.chooseWard")}
          <select value={ward} onChange={(e) => setWard(e.target.value)} data-testid="ward-choice">
            <option value="">—</option>
            {choices.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {live ? <ShipmentCard s={live} onCancel={() => cancel.mutate(live.id)} onLabel={() => label.mutate(live.id)} busy={cancel.isPending || label.isPending} /> : null}
      {labelUrl ? (
        <a href={labelUrl} target="_blank" rel="noreferrer" data-testid="label-link">
          {t("ship.openLabel")}
        </a>
      ) : null}
      {!live && order.status === "closed" ? (
        <div className="state-buttons">
          <button type="button" className="btn" disabled={quote.isPending || !!needsWard} onClick={() => quote.mutate()} data-testid="quote">
            {t("ship.quote")}
          </button>
        </div>
      ) : null}
      {!live && order.status !== "closed" && list.length === 0 ? <p className="muted">{t("ship.closeFirst")}</p> : null}
      {quotes && !live ? (
        <table className="quotes" data-testid="quotes">
          <tbody>
            {quotes.items.map((q) => (
              <tr key={`${q.carrier}-${q.service_id}`} data-carrier={q.carrier}>
                <td>
                  <strong>{CARRIER_NAMES[q.carrier]}</strong> · {q.service_name}
                  {q.carrier === quotes.cheapest && q === quotes.items.find((x) => x.carrier === quotes.cheapest) ? (
                    <span className="badge">{t("ship.cheapest")}</span>
                  ) : null}
                  {q.carrier === quotes.fastest && q === quotes.items.find((x) => x.carrier === quotes.fastest) ? (
                    <span className="badge">{t("ship.fastest")}</span>
                  ) : null}
                </td>
                <td className="num">{money(q.fee)}</td>
                <td>{q.expected_delivery_at ? dateTime(q.expected_delivery_at) : "—"}</td>
                <td>
                  <button type="button" className="btn btn-primary" disabled={book.isPending} onClick={() => book.mutate(q)} data-testid={`book-${q.carrier}`}>
                    {t("ship.book")}
                  </button>
                </td>
              </tr>
            ))}
            {quotes.errors.map((e) => (
              <tr key={e.carrier} className="muted">
                <td>{CARRIER_NAMES[e.carrier]}</td>
                <td colSpan={3}>{t(`err.${e.code}` as "err.carrier_error")}</td>
              </tr>
            ))}
            {quotes.items.length === 0 && quotes.errors.length === 0 ? (
              <tr>
                <td colSpan={4}>{t("ship.noCarriers")}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      ) : null}
      <ErrorText error={quote.error ?? book.error ?? cancel.error ?? label.error ?? shipments.error} />
      {list.filter((s) => s !== live).map((s) => (
        <p key={s.id} className="muted">
          {CARRIER_NAMES[s.carrier]} {s.tracking_code} · {s.status_label}
        </p>
      ))}
      {live ? (
        <ol className="ship-history" data-testid="ship-history">
          {(live.events ?? []).map((e, i) => (
            <li key={i}>
              {dateTime(e.happened_at)} — {e.label}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function ShipmentCard({ s, onCancel, onLabel, busy }: { s: Shipment; onCancel: () => void; onLabel: () => void; busy: boolean }) {
  const { t, money } = useI18n();
  return (
    <div className="shipment" data-testid="shipment">
      <p>
        <strong>{CARRIER_NAMES[s.carrier]}</strong> · <span data-testid="tracking-code">{s.tracking_code}</span>
      </p>
      <p>
        <span className={`status ship-${s.status}`} data-testid="ship-status">
          {t(`shipStatus.${s.status}` as "shipStatus.booked")}
        </span>{" "}
        · {s.status_label}
      </p>
      <p>
        {t("ship.fee")}: {money(s.fee)} · COD: {money(s.cod_amount)}
      </p>
      <div className="state-buttons">
        <button type="button" className="btn" onClick={onLabel} disabled={busy} data-testid="print-label">
          {t("ship.printLabel")}
        </button>
        {["booked", "picking"].includes(s.status) ? (
          <button type="button" className="btn btn-danger" onClick={() => window.confirm(t("ship.confirmCancel")) && onCancel()} disabled={busy}>
            {t("ship.cancel")}
          </button>
        ) : null}
      </div>
    </div>
  );
}
