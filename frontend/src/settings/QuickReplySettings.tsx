// Settings → quick replies: groups of up to 10 messages per channel, shortcuts.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { QuickReplyGroup } from "../api/types";
import { ErrorText, Modal } from "../app/ui";
import { useI18n } from "../i18n";
import { useChannels } from "../inbox/hooks";
import { useSave } from "./useSave";

export function QuickReplySettings() {
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
