// Settings → tags: folders, colours, show/hide.
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { Tag } from "../api/types";
import { ErrorText, Modal } from "../app/ui";
import { useI18n } from "../i18n";
import { useTags } from "../inbox/hooks";
import { TAG_COLORS } from "../inbox/TagPicker";
import { useSave } from "./useSave";

export function TagsSettings() {
  const { t } = useI18n();
  const tags = useTags({ fresh: true });
  const [editing, setEditing] = useState<Partial<Tag> | null>(null);
  const save = useSave(
    (tag: Partial<Tag>) =>
      tag.id
        ? // PATCH is partial: only what the form edits (the tag's read-only fields are refused).
          api.tags.update(tag.id, { name: tag.name, color: tag.color, folder: tag.folder || null, visible: tag.visible ?? true })
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
