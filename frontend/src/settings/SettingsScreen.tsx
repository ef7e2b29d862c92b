// Settings: channels (connect, label sync, automatic assignment), tags, quick replies, products,
// members, API keys, notifications.
import { useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { ApiKeyCreated, Channel, ChannelPatch, Product, ProductIn, QuickReplyGroup, Role, Tag } from "../api/types";
import { navigate } from "../app/router";
import { useSession } from "../app/session";
import { ErrorText, Modal } from "../app/ui";
import { useI18n } from "../i18n";
import { useChannels, useMembers, useTags } from "../inbox/hooks";
import { TAG_COLORS } from "../inbox/TagPicker";
import { useLive } from "../live/LiveProvider";
import { parseMoney } from "../orders/totals";

const SECTIONS = ["channels", "tags", "quick-replies", "products", "members", "api-keys", "notifications"] as const;

export function SettingsScreen({ section = "channels" }: { section?: string }) {
  const { t } = useI18n();
  return (
    <div className="settings">
      <nav className="settings-nav">
        {SECTIONS.map((s) => (
          <a
            key={s}
            href={`/settings/${s}`}
            className={s === section ? "on" : ""}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/settings/${s}`);
            }}
          >
            {t(`settings.${s}` as "settings.channels")}
          </a>
        ))}
      </nav>
      <div className="settings-body">
        {section === "tags" ? (
          <TagsSettings />
        ) : section === "quick-replies" ? (
          <QuickReplySettings />
        ) : section === "products" ? (
          <ProductSettings />
        ) : section === "members" ? (
          <MemberSettings />
        ) : section === "api-keys" ? (
          <ApiKeySettings />
        ) : section === "notifications" ? (
          <NotificationSettings />
        ) : (
          <ChannelSettings />
        )}
      </div>
    </div>
  );
}

function useSave<V, R>(fn: (v: V) => Promise<R>, invalidate: QueryKey, onDone?: (r: R) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: invalidate });
      onDone?.(r);
    },
  });
}

function ChannelSettings() {
  const { t, dateTime } = useI18n();
  const channels = useChannels();
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
  const setting = (c: Channel, key: "label_sync" | "auto_assign", value: boolean) => update.mutate({ id: c.id, settings: { [key]: value } });
  return (
    <section>
      <h2>{t("settings.channels")}</h2>
      <ErrorText error={channels.error ?? update.error ?? sync.error ?? remove.error} />
      <ul className="cards" data-testid="channels">
        {channels.data?.items.map((c) => (
          <li key={c.id} className="card" data-channel={c.name}>
            <div className="card-head">
              <strong>{c.name}</strong>
              <span className={`pill ${c.status === "connected" ? "pill-ok" : "pill-bad"}`}>{t(`channel.${c.status}` as "channel.connected")}</span>
            </div>
            {c.status_reason ? <p className="error">{c.status_reason}</p> : null}
            {c.sync && c.sync.status !== "idle" ? (
              <p className="muted" data-testid="sync-status">
                {t("channel.syncStatus", {
                  status: t(`sync.${c.sync.status}` as "sync.done"),
                  conversations: c.sync.conversations ?? 0,
                  comments: c.sync.comments ?? 0,
                })}
                {c.sync.error ? ` — ${c.sync.error}` : ""}
              </p>
            ) : null}
            <p className="muted">
              Facebook · {c.external_id}
              {c.last_synced_at ? ` · ${t("channel.lastSync")} ${dateTime(c.last_synced_at)}` : ""}
            </p>
            <label className="check">
              <input type="checkbox" checked={!!c.settings?.label_sync} onChange={(e) => setting(c, "label_sync", e.target.checked)} />
              {t("channel.labelSync")}
            </label>
            <label className="check">
              <input type="checkbox" checked={!!c.settings?.auto_assign} onChange={(e) => setting(c, "auto_assign", e.target.checked)} />
              {t("channel.autoAssign")}
            </label>
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
      <h3>{t("channel.connect")}</h3>
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
    </section>
  );
}

function TagsSettings() {
  const { t } = useI18n();
  const tags = useTags({ fresh: true });
  const [editing, setEditing] = useState<Partial<Tag> | null>(null);
  const save = useSave(
    (tag: Partial<Tag>) =>
      tag.id
        ? api.tags.update(tag.id, tag)
        : api.tags.create({ name: tag.name ?? "", color: tag.color ?? TAG_COLORS[5], folder: tag.folder || null, visible: tag.visible ?? true }),
    keys.tags,
    () => setEditing(null),
  );
  const remove = useSave((id: number) => api.tags.remove(id), keys.tags);
  const toggle = useSave((tag: Tag) => api.tags.update(tag.id, { visible: !(tag.visible ?? true) }), keys.tags);
  const folders = new Map<string, Tag[]>();
  for (const tag of tags.data?.items ?? []) folders.set(tag.folder || t("tags.noFolder"), [...(folders.get(tag.folder || t("tags.noFolder")) ?? []), tag]);
  return (
    <section>
      <div className="toolbar">
        <h2>{t("settings.tags")}</h2>
        <button type="button" className="btn btn-primary" onClick={() => setEditing({ color: TAG_COLORS[5], visible: true })} data-testid="new-tag">
          {t("tags.new")}
        </button>
      </div>
      <ErrorText error={tags.error ?? remove.error ?? toggle.error} />
      {[...folders].map(([folder, list]) => (
        <div key={folder}>
          <h3>{folder}</h3>
          <table className="table">
            <tbody>
              {list.map((tag) => (
                <tr key={tag.id} data-tag-row={tag.name}>
                  <td>
                    <span className="tag" style={{ background: tag.color }}>
                      {tag.name}
                    </span>
                  </td>
                  <td>
                    <label className="check">
                      <input type="checkbox" checked={tag.visible ?? true} onChange={() => toggle.mutate(tag)} />
                      {t("tags.visible")}
                    </label>
                  </td>
                  <td className="row-actions">
                    <button type="button" className="btn-link" onClick={() => setEditing(tag)}>
                      {t("common.edit")}
                    </button>
                    <button type="button" className="btn-link danger" onClick={() => window.confirm(t("common.confirmDelete")) && remove.mutate(tag.id)}>
                      {t("common.delete")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {editing ? (
        <Modal title={editing.id ? t("common.edit") : t("tags.new")} onClose={() => setEditing(null)}>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(editing);
            }}
          >
            <label>
              {t("tags.name")}
              <input name="tag_name" value={editing.name ?? ""} onChange={(e) => setEditing({ ...editing, name: e.target.value })} required maxLength={100} />
            </label>
            <label>
              {t("tags.folder")}
              <input name="tag_folder" value={editing.folder ?? ""} onChange={(e) => setEditing({ ...editing, folder: e.target.value })} list="tag-folders" />
              <datalist id="tag-folders">
                {[...new Set((tags.data?.items ?? []).map((x) => x.folder).filter(Boolean))].map((f) => (
                  <option key={f} value={f!} />
                ))}
              </datalist>
            </label>
            <div className="color-row">
              {TAG_COLORS.map((c) => (
                <button
                  key={c}
                  type="button"
                  className={`swatch ${editing.color === c ? "on" : ""}`}
                  style={{ background: c }}
                  onClick={() => setEditing({ ...editing, color: c })}
                  aria-label={c}
                />
              ))}
            </div>
            <label className="check">
              <input type="checkbox" checked={editing.visible ?? true} onChange={(e) => setEditing({ ...editing, visible: e.target.checked })} />
              {t("tags.visible")}
            </label>
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

function QuickReplySettings() {
  const { t } = useI18n();
  const groups = useQuery({ queryKey: keys.quickReplies, queryFn: api.quickReplies.list });
  const channels = useChannels();
  const [editing, setEditing] = useState<Partial<QuickReplyGroup> | null>(null);
  const save = useSave(
    (g: Partial<QuickReplyGroup>) => {
      const body = {
        name: g.name ?? "",
        shortcut: g.shortcut || null,
        enabled: g.enabled ?? true,
        channel_ids: g.channel_ids ?? [],
        messages: (g.messages ?? []).filter((m) => m.text?.trim() || m.attachment_ids?.length),
      };
      return g.id ? api.quickReplies.update(g.id, body) : api.quickReplies.create(body);
    },
    keys.quickReplies,
    () => setEditing(null),
  );
  const remove = useSave((id: number) => api.quickReplies.remove(id), keys.quickReplies);
  const toggle = useSave((g: QuickReplyGroup) => api.quickReplies.update(g.id, { enabled: !(g.enabled ?? true) }), keys.quickReplies);
  const msgs = editing?.messages ?? [];
  return (
    <section>
      <div className="toolbar">
        <h2>{t("settings.quick-replies")}</h2>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="new-quick-reply"
          onClick={() => setEditing({ enabled: true, channel_ids: [], messages: [{ text: "", attachment_ids: [] }] })}
        >
          {t("qr.new")}
        </button>
      </div>
      <p className="muted">{t("qr.help")}</p>
      <ErrorText error={groups.error ?? remove.error ?? toggle.error} />
      <table className="table">
        <tbody>
          {groups.data?.items.map((g) => (
            <tr key={g.id}>
              <td>
                <strong>{g.name}</strong> {g.shortcut ? <code>/{g.shortcut}</code> : null}
                <div className="muted">{g.messages.map((m) => m.text).join(" · ")}</div>
              </td>
              <td>
                <label className="check">
                  <input type="checkbox" checked={g.enabled ?? true} onChange={() => toggle.mutate(g)} />
                  {t("qr.enabled")}
                </label>
              </td>
              <td className="row-actions">
                <button type="button" className="btn-link" onClick={() => setEditing(g)}>
                  {t("common.edit")}
                </button>
                <button type="button" className="btn-link danger" onClick={() => window.confirm(t("common.confirmDelete")) && remove.mutate(g.id)}>
                  {t("common.delete")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? (
        <Modal title={editing.id ? t("common.edit") : t("qr.new")} onClose={() => setEditing(null)} wide>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(editing);
            }}
          >
            <label>
              {t("qr.name")}
              <input name="qr_name" value={editing.name ?? ""} onChange={(e) => setEditing({ ...editing, name: e.target.value })} required />
            </label>
            <label>
              {t("qr.shortcut")}
              <input
                name="qr_shortcut"
                value={editing.shortcut ?? ""}
                onChange={(e) => setEditing({ ...editing, shortcut: e.target.value.replace(/^\//, "") })}
                placeholder="gia"
              />
            </label>
            <fieldset>
              <legend>{t("qr.channels")}</legend>
              {channels.data?.items.map((c) => (
                <label key={c.id} className="check">
                  <input
                    type="checkbox"
                    checked={(editing.channel_ids ?? []).includes(c.id)}
                    onChange={(e) =>
                      setEditing({
                        ...editing,
                        channel_ids: e.target.checked ? [...(editing.channel_ids ?? []), c.id] : (editing.channel_ids ?? []).filter((x) => x !== c.id),
                      })
                    }
                  />
                  {c.name}
                </label>
              ))}
              <span className="muted">{t("qr.allChannels")}</span>
            </fieldset>
            {msgs.map((m, i) => (
              <label key={i}>
                {t("qr.message", { n: i + 1 })}
                <textarea
                  name={`qr_message_${i}`}
                  rows={2}
                  value={m.text ?? ""}
                  onChange={(e) => setEditing({ ...editing, messages: msgs.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })}
                />
              </label>
            ))}
            {msgs.length < 10 ? (
              <button type="button" className="btn" onClick={() => setEditing({ ...editing, messages: [...msgs, { text: "", attachment_ids: [] }] })}>
                + {t("qr.addMessage")}
              </button>
            ) : (
              <p className="muted">{t("qr.max")}</p>
            )}
            <p className="muted">{t("qr.variables")}</p>
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

function ProductSettings() {
  const { t, money } = useI18n();
  const [q, setQ] = useState("");
  const products = useQuery({ queryKey: keys.products(q), queryFn: () => api.products.list(q || undefined) });
  const [editing, setEditing] = useState<(Partial<ProductIn> & { id?: number }) | null>(null);
  const save = useSave(
    (p: Partial<ProductIn> & { id?: number }) => {
      const variants = (p.variants ?? []).map((v) => ({ id: v.id ?? undefined, sku: v.sku, name: v.name, price: v.price, stock: v.stock }));
      const body: ProductIn = { sku: p.sku ?? "", name: p.name ?? "", price: p.price ?? 0, stock: p.stock ?? 0, variants };
      return p.id ? api.products.update(p.id, body) : api.products.create(body);
    },
    ["products"],
    () => setEditing(null),
  );
  const remove = useSave((id: number) => api.products.remove(id), ["products"]);
  const variants = editing?.variants ?? [];
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

function MemberSettings() {
  const { t } = useI18n();
  const { isAdmin, meId } = useSession();
  const { online } = useLive();
  const members = useMembers();
  const [form, setForm] = useState({ email: "", name: "", password: "", role: "agent" as Role });
  const add = useSave(() => api.members.add(form), keys.members, () => setForm({ email: "", name: "", password: "", role: "agent" }));
  const update = useSave((v: { id: number; role?: Role; is_active?: boolean }) => api.members.update(v.id, v), keys.members);
  const remove = useSave((id: number) => api.members.remove(id), keys.members);
  const onlineIds = new Set(online);
  return (
    <section>
      <h2>{t("settings.members")}</h2>
      <ErrorText error={members.error ?? update.error ?? remove.error} />
      <table className="table" data-testid="members">
        <tbody>
          {members.data?.items.map((m) => (
            <tr key={m.id}>
              <td>
                {onlineIds.has(m.user_id) ? <span className="online-dot" title={t("members.online")} /> : null} <strong>{m.name}</strong>
                <div className="muted">{m.email}</div>
              </td>
              <td>
                <select
                  value={m.role}
                  disabled={!isAdmin || m.user_id === meId}
                  onChange={(e) => update.mutate({ id: m.id, role: e.target.value as Role })}
                  aria-label={t("members.role")}
                >
                  {(["owner", "admin", "agent"] as Role[]).map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>{m.is_active ? t("members.active") : t("members.inactive")}</td>
              <td className="row-actions">
                {isAdmin && m.user_id !== meId ? (
                  <>
                    <button type="button" className="btn-link" onClick={() => update.mutate({ id: m.id, is_active: !m.is_active })}>
                      {m.is_active ? t("members.deactivate") : t("members.activate")}
                    </button>
                    <button type="button" className="btn-link danger" onClick={() => window.confirm(t("common.confirmDelete")) && remove.mutate(m.id)}>
                      {t("common.delete")}
                    </button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {isAdmin ? (
        <>
          <h3>{t("members.add")}</h3>
          <form
            className="form two"
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate(undefined);
            }}
          >
            <label>
              {t("auth.name")}
              <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
            </label>
            <label>
              {t("auth.email")}
              <input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required />
            </label>
            <label>
              {t("auth.password")}
              <input type="password" minLength={8} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required />
            </label>
            <label>
              {t("members.role")}
              <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
                {(["agent", "admin", "owner"] as Role[]).map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <ErrorText error={add.error} />
            <button type="submit" className="btn btn-primary">
              {t("members.add")}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}

function ApiKeySettings() {
  const { t, dateTime } = useI18n();
  const list = useQuery({ queryKey: keys.apiKeys, queryFn: api.apiKeys.list, retry: false });
  const [name, setName] = useState("");
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const create = useSave(() => api.apiKeys.create(name), keys.apiKeys, (k) => {
    setCreated(k);
    setName("");
  });
  const revoke = useSave((id: number) => api.apiKeys.revoke(id), keys.apiKeys);
  return (
    <section>
      <h2>{t("settings.api-keys")}</h2>
      <p className="muted">{t("keys.help")}</p>
      <ErrorText error={list.error ?? revoke.error} />
      {created ? (
        <div className="success" data-testid="new-key">
          {t("keys.shownOnce")} <code>{created.key}</code>
        </div>
      ) : null}
      <table className="table">
        <tbody>
          {list.data?.items.map((k) => (
            <tr key={k.id}>
              <td>
                <strong>{k.name}</strong> <code>{k.prefix}…</code>
              </td>
              <td className="muted">
                {t("keys.created")} {dateTime(k.created_at)}
                {k.last_used_at ? ` · ${t("keys.lastUsed")} ${dateTime(k.last_used_at)}` : ""}
              </td>
              <td>
                <button type="button" className="btn-link danger" onClick={() => window.confirm(t("keys.confirmRevoke")) && revoke.mutate(k.id)}>
                  {t("keys.revoke")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined);
        }}
      >
        <input placeholder={t("keys.name")} value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit" className="btn btn-primary">
          {t("keys.create")}
        </button>
      </form>
      <ErrorText error={create.error} />
    </section>
  );
}

function NotificationSettings() {
  const { t } = useI18n();
  const { notify, setNotify } = useLive();
  return (
    <section>
      <h2>{t("settings.notifications")}</h2>
      <label className="check">
        <input type="checkbox" checked={notify.sound} onChange={(e) => setNotify({ ...notify, sound: e.target.checked })} />
        {t("notify.sound")}
      </label>
      <label className="check">
        <input type="checkbox" checked={notify.desktop} onChange={(e) => setNotify({ ...notify, desktop: e.target.checked })} />
        {t("notify.desktop")}
      </label>
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
  };
}
