// Settings → products: catalogue with variants, price and stock.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { Product, ProductIn } from "../api/types";
import { ErrorText, Modal } from "../app/ui";
import { useI18n } from "../i18n";
import { parseMoney } from "../orders/totals";
import { useSave } from "./useSave";

export function ProductSettings() {
  const { t, money } = useI18n();
  const [q, setQ] = useState("");
  const products = useQuery({ queryKey: keys.products(q), queryFn: () => api.products.list(q || undefined) });
  const channels = useQuery({ queryKey: keys.channels, queryFn: api.channels.list });
  // Channels whose products have their own listing (a Shopee shop's item id) to link to.
  const listingChannels = (channels.data?.items ?? []).filter((c) => (c.capabilities ?? []).includes("listings"));
  const [editing, setEditing] = useState<(Partial<ProductIn> & { id?: number }) | null>(null);
  const save = useSave(
    (p: Partial<ProductIn> & { id?: number }) => {
      const variants = (p.variants ?? []).map((v) => ({ id: v.id ?? undefined, sku: v.sku, name: v.name, price: v.price, stock: v.stock }));
      const listings = (p.listings ?? []).filter((l) => l.external_id.trim()).map((l) => ({ ...l, external_id: l.external_id.trim() }));
      const body: ProductIn = { sku: p.sku ?? "", name: p.name ?? "", price: p.price ?? 0, stock: p.stock ?? 0, variants, listings };
      return p.id ? api.products.update(p.id, body) : api.products.create(body);
    },
    ["products"],
    () => setEditing(null),
  );
  const remove = useSave((id: number) => api.products.remove(id), ["products"]);
  const variants = editing?.variants ?? [];
  const listings = editing?.listings ?? [];
  const setListing = (channelId: number, externalId: string) =>
    editing &&
    setEditing({
      ...editing,
      listings: [...listings.filter((l) => l.channel_id !== channelId), { channel_id: channelId, external_id: externalId }],
    });
  return (
    <section>
      <div className="toolbar">
        <h2>{t("settings.products")}</h2>
        <input type="search" placeholder={t("products.search")} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="button" className="btn btn-primary" onClick={() => setEditing({ variants: [] })} data-testid="new-product">
          {t("products.new")}
        </button>
      </div>
      <ErrorText error={products.error ?? remove.error} />
      <table className="table">
        <thead>
          <tr>
            <th>{t("products.sku")}</th>
            <th>{t("products.name")}</th>
            <th className="num">{t("products.price")}</th>
            <th className="num">{t("products.stock")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {products.data?.items.map((p) => (
            <tr key={p.id}>
              <td>{p.sku}</td>
              <td>
                {p.name}
                {p.variants.length ? <div className="muted">{p.variants.map((v) => `${v.name} (${v.stock})`).join(", ")}</div> : null}
              </td>
              <td className="num">{money(p.price)}</td>
              <td className="num">{p.stock}</td>
              <td className="row-actions">
                <button type="button" className="btn-link" onClick={() => setEditing(productToEdit(p))}>
                  {t("common.edit")}
                </button>
                <button type="button" className="btn-link danger" onClick={() => window.confirm(t("common.confirmDelete")) && remove.mutate(p.id)}>
                  {t("common.delete")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? (
        <Modal title={editing.id ? t("common.edit") : t("products.new")} onClose={() => setEditing(null)} wide>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(editing);
            }}
          >
            <div className="two">
              <label>
                {t("products.sku")}
                <input name="sku" value={editing.sku ?? ""} onChange={(e) => setEditing({ ...editing, sku: e.target.value })} required />
              </label>
              <label>
                {t("products.name")}
                <input name="product_name" value={editing.name ?? ""} onChange={(e) => setEditing({ ...editing, name: e.target.value })} required />
              </label>
              <label>
                {t("products.price")}
                <input name="price" value={editing.price ?? ""} onChange={(e) => setEditing({ ...editing, price: parseMoney(e.target.value) })} required />
              </label>
              <label>
                {t("products.stock")}
                <input name="stock" type="number" min={0} value={editing.stock ?? 0} onChange={(e) => setEditing({ ...editing, stock: Number(e.target.value) })} />
              </label>
            </div>
            <h4>{t("products.variants")}</h4>
            {variants.map((v, i) => (
              <div className="variant-row" key={i}>
                {(["sku", "name"] as const).map((k) => (
                  <input
                    key={k}
                    placeholder={k === "sku" ? t("products.sku") : t("products.variantName")}
                    value={v[k]}
                    onChange={(e) => setEditing({ ...editing, variants: variants.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)) })}
                  />
                ))}
                <input
                  placeholder={t("products.price")}
                  value={v.price || ""}
                  onChange={(e) => setEditing({ ...editing, variants: variants.map((x, j) => (j === i ? { ...x, price: parseMoney(e.target.value) } : x)) })}
                />
                <input
                  type="number"
                  min={0}
                  placeholder={t("products.stock")}
                  value={v.stock}
                  onChange={(e) => setEditing({ ...editing, variants: variants.map((x, j) => (j === i ? { ...x, stock: Number(e.target.value) } : x)) })}
                />
                <button type="button" className="btn-link" onClick={() => setEditing({ ...editing, variants: variants.filter((_, j) => j !== i) })}>
                  ×
                </button>
              </div>
            ))}
            <button type="button" className="btn" onClick={() => setEditing({ ...editing, variants: [...variants, { sku: "", name: "", price: 0, stock: 0 }] })}>
              + {t("products.addVariant")}
            </button>
            {listingChannels.length ? (
              <>
                <h4>{t("products.listings")}</h4>
                <p className="muted">{t("products.listingsHint")}</p>
                <div className="two">
                  {listingChannels.map((c) => (
                    <label key={c.id}>
                      {t("products.listingOn", { channel: c.name })}
                      <input
                        name={`listing-${c.id}`}
                        inputMode="numeric"
                        pattern="[0-9]*"
                        placeholder={t("products.listingPlaceholder")}
                        value={listings.find((l) => l.channel_id === c.id)?.external_id ?? ""}
                        onChange={(e) => setListing(c.id, e.target.value)}
                      />
                    </label>
                  ))}
                </div>
              </>
            ) : null}
            <ErrorText error={save.error} />
            <button type="submit" className="btn btn-primary">
              {t("common.save")}
            </button>
          </form>
        </Modal>
      ) : null}
    </section>
  );
}

function productToEdit(p: Product): ProductIn & { id: number } {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    price: p.price,
    stock: p.stock,
    variants: p.variants.map((v) => ({ id: v.id, sku: v.sku, name: v.name, price: v.price, stock: v.stock })),
    listings: (p.listings ?? []).map((l) => ({ channel_id: l.channel_id, external_id: l.external_id })),
  };
}
