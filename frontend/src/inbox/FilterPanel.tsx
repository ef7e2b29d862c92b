// The full filter panel: every filter of the API, combinable, applied to the URL on "Apply".
import { useState } from "react";
import { ChannelBadge } from "../app/ChannelBadge";
import { Modal } from "../app/ui";
import { useI18n } from "../i18n";
import { EMPTY_FILTERS, type InboxFilters } from "./filters";
import { useChannels, useMembers, useTags } from "./hooks";

type Tri = "" | "true" | "false";
const toTri = (v: boolean | undefined): Tri => (v === undefined ? "" : v ? "true" : "false");
const fromTri = (v: Tri): boolean | undefined => (v === "" ? undefined : v === "true");

export function FilterPanel({
  filters,
  setFilters,
  onClose,
}: {
  filters: InboxFilters;
  setFilters: (f: InboxFilters) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [f, setF] = useState<InboxFilters>(filters);
  const channels = useChannels();
  const tags = useTags({ fresh: true });
  const members = useMembers();
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const tri = (key: "unread" | "unreplied" | "has_phone" | "has_order") => (
    <label>
      {t(`filter.${key}`)}
      <select
        name={key}
        value={toTri(f[key])}
        onChange={(e) => setF({ ...f, [key]: fromTri(e.target.value as Tri) })}
      >
        <option value="">{t("filter.any")}</option>
        <option value="true">{t("filter.yes")}</option>
        <option value="false">{t("filter.no")}</option>
      </select>
    </label>
  );
  const tagFolders = new Map<string, NonNullable<typeof tags.data>["items"]>();
  for (const tag of tags.data?.items ?? []) {
    const folder = tag.folder || t("tags.noFolder");
    tagFolders.set(folder, [...(tagFolders.get(folder) ?? []), tag]);
  }
  const dateOnly = (iso?: string) => (iso ? iso.slice(0, 10) : "");
  return (
    <Modal title={t("inbox.filters")} onClose={onClose} wide>
      <div className="filter-grid" data-testid="filter-panel">
        <fieldset>
          <legend>{t("filter.channels")}</legend>
          {channels.data?.items.length ? null : <span className="muted">{t("filter.noChannels")}</span>}
          {channels.data?.items.map((c) => (
            <label key={c.id} className="check">
              <input
                type="checkbox"
                checked={f.channel_id.includes(String(c.id))}
                onChange={() => setF({ ...f, channel_id: toggle(f.channel_id, String(c.id)) })}
              />
              <ChannelBadge provider={c.provider} inline />
              {c.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("filter.kindAndState")}</legend>
          <label>
            {t("filter.kind")}
            <select
              name="kind"
              value={f.kind ?? ""}
              onChange={(e) => setF({ ...f, kind: (e.target.value || undefined) as InboxFilters["kind"] })}
            >
              <option value="">{t("filter.any")}</option>
              <option value="message">{t("kind.message")}</option>
              <option value="comment">{t("kind.comment")}</option>
            </select>
          </label>
          <label>
            {t("filter.status")}
            <select
              name="status"
              value={f.status ?? ""}
              onChange={(e) => setF({ ...f, status: (e.target.value || undefined) as InboxFilters["status"] })}
            >
              <option value="">{t("filter.any")}</option>
              <option value="open">{t("status.open")}</option>
              <option value="done">{t("status.done")}</option>
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              name="sort"
              checked={f.sort === "unread_first"}
              onChange={(e) => setF({ ...f, sort: e.target.checked ? "unread_first" : undefined })}
            />
            {t("filter.unreadFirst")}
          </label>
          {tri("unread")}
          {tri("unreplied")}
          {tri("has_phone")}
          {tri("has_order")}
        </fieldset>
        <fieldset>
          <legend>{t("filter.assignee")}</legend>
          <select
            name="assignee"
            value={f.assignee ?? ""}
            onChange={(e) => setF({ ...f, assignee: e.target.value || undefined })}
          >
            <option value="">{t("filter.any")}</option>
            <option value="me">{t("filter.me")}</option>
            <option value="none">{t("inbox.unassigned")}</option>
            {members.data?.items.map((m) => (
              <option key={m.user_id} value={String(m.user_id)}>
                {m.name}
              </option>
            ))}
          </select>
          <legend>{t("filter.dates")}</legend>
          <label>
            {t("filter.since")}
            <input
              type="date"
              value={dateOnly(f.since)}
              onChange={(e) => setF({ ...f, since: e.target.value ? `${e.target.value}T00:00:00Z` : undefined })}
            />
          </label>
          <label>
            {t("filter.until")}
            <input
              type="date"
              value={dateOnly(f.until)}
              onChange={(e) => setF({ ...f, until: e.target.value ? `${e.target.value}T23:59:59Z` : undefined })}
            />
          </label>
          {f.post_id ? (
            <p>
              {t("filter.post")} #{f.post_id}{" "}
              <button type="button" className="btn-link" onClick={() => setF({ ...f, post_id: undefined })}>
                ×
              </button>
            </p>
          ) : null}
          {f.contact_id ? (
            <p>
              {t("filter.contact")} #{f.contact_id}{" "}
              <button type="button" className="btn-link" onClick={() => setF({ ...f, contact_id: undefined })}>
                ×
              </button>
            </p>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>{t("filter.tags")}</legend>
          <label>
            <select
              value={f.tag_mode ?? "any"}
              onChange={(e) => setF({ ...f, tag_mode: e.target.value as "any" | "all" })}
              aria-label={t("filter.tagMode")}
            >
              <option value="any">{t("filter.tagAny")}</option>
              <option value="all">{t("filter.tagAll")}</option>
            </select>
          </label>
          {[...tagFolders].map(([folder, list]) => (
            <div key={folder} className="tag-folder">
              <div className="muted">{folder}</div>
              {list.map((tag) => (
                <label key={tag.id} className="check">
                  <input
                    type="checkbox"
                    data-filter-tag={tag.name}
                    checked={f.tag_id.includes(String(tag.id))}
                    onChange={() => setF({ ...f, tag_id: toggle(f.tag_id, String(tag.id)) })}
                  />
                  <span className="tag" style={{ background: tag.color }}>
                    {tag.name}
                  </span>
                </label>
              ))}
            </div>
          ))}
        </fieldset>
      </div>
      <div className="modal-actions">
        <button type="button" className="btn" onClick={() => setF({ ...EMPTY_FILTERS, q: f.q })}>
          {t("filter.clear")}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="apply-filters"
          onClick={() => {
            setFilters(f);
            onClose();
          }}
        >
          {t("filter.apply")}
        </button>
      </div>
    </Modal>
  );
}
