// Create an order inside the conversation: customer prefilled from the chat, products from the
// catalogue with live stock, shipping fee, discount, payment method.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { Contact, Conversation, Order, OrderIn, OrderPrefill, Product } from "../api/types";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";
import { AddressPicker, toInput, type StructuredIn } from "../addresses/AddressPicker";
import { localPhone, orderTotals, parseMoney } from "./totals";

type Address = Contact["addresses"][number] | OrderPrefill["addresses"][number];

export function addressText(a: Address): string {
  const full = a as { text: string; ward?: string | null; district?: string | null; province?: string | null };
  return [full.text, full.ward, full.district, full.province].filter(Boolean).join(", ");
}

/** A line of the form: what is sent plus the name and price shown. */
export interface DraftItem {
  product_id: number | null;
  variant_sku: string | null;
  name: string;
  quantity: number;
  unit_price: number;
}

type ProductVariant = Product["variants"][number];

/** The lines with one more of a product (a new line, or one more on the same product/size). */
export function withProduct(list: DraftItem[], p: Product, variant?: ProductVariant): DraftItem[] {
  const sku = variant?.sku ?? null;
  const existing = list.find((i) => i.product_id === p.id && (i.variant_sku ?? null) === sku);
  if (existing) return list.map((i) => (i === existing ? { ...i, quantity: i.quantity + 1 } : i));
  return [
    ...list,
    { product_id: p.id, variant_sku: sku, name: variant ? `${p.name} - ${variant.name}` : p.name, quantity: 1, unit_price: variant?.price || p.price },
  ];
}

/** Search the catalogue (live stock) and pick a product or one of its variants. */
export function ProductPicker({ onPick }: { onPick: (p: Product, variant?: ProductVariant) => void }) {
  const { t, money } = useI18n();
  const [q, setQ] = useState("");
  const products = useQuery({
    queryKey: keys.products(q),
    queryFn: () => api.products.list(q || undefined),
    enabled: q.length > 0,
    retry: false,
  });
  const pick = (p: Product, v?: ProductVariant) => {
    setQ("");
    onPick(p, v);
  };
  return (
    <div className="product-search">
      <input
        type="search"
        placeholder={t("order.addProduct")}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        data-testid="order-product-search"
      />
      {q && products.data ? (
        <ul className="pick-list floating">
          {products.data.items.length === 0 ? <li className="muted">{t("common.noResults")}</li> : null}
          {products.data.items.map((p) =>
            p.variants.length ? (
              p.variants.map((v) => (
                <li key={`${p.id}-${v.sku}`}>
                  <button type="button" onClick={() => pick(p, v)} disabled={v.stock <= 0}>
                    {p.name} - {v.name} · {money(v.price || p.price)} · {t("products.stock")}: {v.stock}
                  </button>
                </li>
              ))
            ) : (
              <li key={p.id}>
                <button type="button" onClick={() => pick(p)} data-product={p.sku}>
                  {p.name} · {money(p.price)} · {t("products.stock")}: {p.stock}
                </button>
              </li>
            ),
          )}
        </ul>
      ) : null}
    </div>
  );
}

export function OrderForm({
  conversation,
  prefill,
  onCreated,
}: {
  conversation: Conversation;
  prefill?: OrderPrefill;
  onCreated?: (o: Order) => void;
}) {
  const { t, money } = useI18n();
  const client = useQueryClient();
  // Shown the way staff read and type them: 0912345678, not +84912345678 (the server takes both).
  const phones = [
    ...new Set([...(prefill?.phone ? [prefill.phone] : []), ...(prefill?.phones ?? []), ...(conversation.contact.phones ?? [])].map(localPhone)),
  ];
  const addresses = [...new Set([...(prefill?.address ? [prefill.address] : []), ...(prefill?.addresses ?? []).map(addressText)])];
  const [name, setName] = useState(prefill?.customer_name ?? conversation.contact.name ?? "");
  const [phone, setPhone] = useState(phones[0] ?? "");
  const [address, setAddress] = useState(addresses[0] ?? "");
  const [structured, setStructured] = useState<StructuredIn | null>(
    prefill?.address && addresses[0] === prefill.address ? toInput(prefill.structured_address) : null,
  );
  const [items, setItems] = useState<DraftItem[]>([]);
  const [shipping, setShipping] = useState(prefill?.shipping_fee ? String(prefill.shipping_fee) : "");
  const [discount, setDiscount] = useState("");
  const [payment, setPayment] = useState("cod");
  const [note, setNote] = useState("");
  const [created, setCreated] = useState<Order | null>(null);
  const totals = orderTotals(items, parseMoney(shipping), parseMoney(discount));
  const create = useMutation({
    mutationFn: () =>
      api.orders.create({
        conversation_id: conversation.id,
        contact_id: conversation.contact.id,
        customer_name: name || null,
        phone: phone || null,
        address: address || null,
        structured_address: address ? structured : null,
        items: items.map((i) => ({ product_id: i.product_id!, variant_sku: i.variant_sku, quantity: i.quantity })),
        shipping_fee: parseMoney(shipping),
        discount: parseMoney(discount),
        payment_method: payment as OrderIn["payment_method"],
        note: note || null,
      }),
    onSuccess: (order) => {
      setCreated(order);
      setItems([]);
      void client.invalidateQueries({ queryKey: keys.orders });
      void client.invalidateQueries({ queryKey: keys.contact(conversation.contact.id) });
      void client.invalidateQueries({ queryKey: keys.orderDraft(conversation.id) });
      onCreated?.(order);
    },
  });

  const add = (p: Product, variant?: ProductVariant) => setItems((list) => withProduct(list, p, variant));

  return (
    <form
      className="order-form"
      data-testid="order-form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      {created ? (
        <div className="success" data-testid="order-created">
          {t("order.created", { code: created.code })}
        </div>
      ) : null}
      <label>
        {t("order.customerName")}
        <input name="customer_name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t("order.phone")}
        <input name="phone" list="order-phones" value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" />
        <datalist id="order-phones">
          {phones.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </label>
      <label>
        {t("order.address")}
        <textarea name="address" rows={2} value={address} onChange={(e) => setAddress(e.target.value)} />
      </label>
      <AddressPicker text={address} value={structured} onChange={setStructured} />
      {addresses.length > 1 ? (
        <select aria-label={t("order.address")} onChange={(e) => setAddress(e.target.value)} value="">
          <option value="">{t("order.pickAddress")}</option>
          {addresses.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      ) : null}
      <ProductPicker onPick={add} />
      <table className="items">
        <tbody>
          {items.map((item, idx) => (
            <tr key={`${item.product_id}-${item.variant_sku}`}>
              <td>{item.name}</td>
              <td>
                <input
                  type="number"
                  min={1}
                  className="qty"
                  aria-label={t("order.quantity")}
                  value={item.quantity}
                  onChange={(e) =>
                    setItems(items.map((i, j) => (j === idx ? { ...i, quantity: Math.max(1, Number(e.target.value) || 1) } : i)))
                  }
                />
              </td>
              <td className="num">{money(item.quantity * item.unit_price)}</td>
              <td>
                <button type="button" className="btn-link" onClick={() => setItems(items.filter((_, j) => j !== idx))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="two">
        <label>
          {t("order.shippingFee")}
          <input name="shipping_fee" value={shipping} onChange={(e) => setShipping(e.target.value)} placeholder="30k" />
        </label>
        <label>
          {t("order.discount")}
          <input name="discount" value={discount} onChange={(e) => setDiscount(e.target.value)} placeholder="0" />
        </label>
      </div>
      <label>
        {t("order.payment")}
        <select name="payment_method" value={payment} onChange={(e) => setPayment(e.target.value)}>
          <option value="cod">{t("payment.cod")}</option>
          <option value="bank_transfer">{t("payment.bank_transfer")}</option>
        </select>
      </label>
      <label>
        {t("order.note")}
        <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="totals">
        <span>{t("order.subtotal")}</span>
        <span className="num">{money(totals.subtotal)}</span>
        <strong>{t("order.total")}</strong>
        <strong className="num" data-testid="order-total">
          {money(totals.total)}
        </strong>
      </div>
      <ErrorText error={create.error} />
      <button type="submit" className="btn btn-primary" disabled={!items.length || create.isPending} data-testid="create-order">
        {t("order.create")}
      </button>
    </form>
  );
}
