// Tag one conversation: tick tags (grouped by folder), or create a new one on the spot.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { Conversation } from "../api/types";
import { useSession } from "../app/session";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";
import { applyConversation } from "../live/applyEvent";
import { useTags } from "./hooks";

export const TAG_COLORS = ["#ef4444", "#f97316", "#eab308", "#22c55e", "#14b8a6", "#3b82f6", "#8b5cf6", "#ec4899", "#6b7280"];

export function TagPicker({ conversation, onClose }: { conversation: Conversation; onClose: () => void }) {
  const { t } = useI18n();
  const { meId } = useSession();
  const tags = useTags({ fresh: true });
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [color, setColor] = useState(TAG_COLORS[5]);
  const attached = new Set(conversation.tags.map((tag) => tag.id));

  const toggle = useMutation({
    mutationFn: async (tagId: number) => {
      if (attached.has(tagId)) await api.conversations.removeTag(conversation.id, tagId);
      else await api.conversations.addTag(conversation.id, tagId);
      return api.conversations.get(conversation.id);
    },
    onSuccess: (conv) => {
      applyConversation(client, conv, meId);
      void client.invalidateQueries({ queryKey: keys.counts });
    },
  });
  const create = useMutation({
    mutationFn: () => api.tags.create({ name: name.trim(), color, folder: null, visible: true }),
    onSuccess: (tag) => {
      setName("");
      void client.invalidateQueries({ queryKey: keys.tags });
      toggle.mutate(tag.id);
    },
  });

  const folders = new Map<string, NonNullable<typeof tags.data>["items"]>();
  for (const tag of tags.data?.items ?? []) {
    const folder = tag.folder || t("tags.noFolder");
    folders.set(folder, [...(folders.get(folder) ?? []), tag]);
  }
  return (
    <div className="popover tag-picker" data-testid="tag-picker">
      <div className="popover-head">
        <strong>{t("inbox.tag")}</strong>
        <button type="button" className="btn-icon" onClick={onClose} aria-label="close">
          ×
        </button>
      </div>
      {[...folders].map(([folder, list]) => (
        <div key={folder}>
          <div className="muted">{folder}</div>
          <div className="tag-options">
            {list.map((tag) => (
              <button
                key={tag.id}
                type="button"
                className={`tag tag-option ${attached.has(tag.id) ? "on" : "off"}`}
                style={{ background: tag.color }}
                data-tag-option={tag.name}
                aria-pressed={attached.has(tag.id)}
                disabled={toggle.isPending}
                onClick={() => toggle.mutate(tag.id)}
              >
                {attached.has(tag.id) ? "✓ " : ""}
                {tag.name}
              </button>
            ))}
          </div>
        </div>
      ))}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) create.mutate();
        }}
      >
        <input placeholder={t("tags.newName")} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        <select value={color} onChange={(e) => setColor(e.target.value)} aria-label={t("tags.color")} style={{ background: color }}>
          {TAG_COLORS.map((c) => (
            <option key={c} value={c} style={{ background: c }}>
              {c}
            </option>
          ))}
        </select>
        <button type="submit" className="btn">
          {t("tags.create")}
        </button>
      </form>
      <ErrorText error={toggle.error ?? create.error} />
    </div>
  );
}
