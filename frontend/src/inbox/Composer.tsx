// The reply box: text, emoji, files, media library, product cards, quick replies ("/" or a
// keyword), internal notes, public or private replies to comments.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type RefObject } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { Conversation, Media, Message, Product, QuickReplyGroup } from "../api/types";
import { ErrorText, Icon, Media as MediaView, Modal } from "../app/ui";
import { useI18n } from "../i18n";
import { upsertMessage } from "../live/applyEvent";
import { useSendMessage } from "./hooks";
import { quickReplyQuery, fillVariables } from "./quickReply";
import { windowNotes } from "./replyWindow";
import { messageErrorText } from "../app/errorText";

export interface ReplyTarget {
  message: Message;
  private: boolean;
}

const EMOJI = "😀 😁 😂 🥰 😍 😘 😊 😉 🤗 🤔 😅 😭 😡 👍 👎 👏 🙏 💪 ❤️ 💖 🔥 🎉 ✨ 🌸 🛍️ 📦 🚚 💰 ✅ ❌ ⏰ 📞".split(" ");

export function Composer({
  conversation,
  textareaRef,
  replyTo,
  clearReply,
}: {
  conversation: Conversation;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  replyTo: ReplyTarget | null;
  clearReply: () => void;
}) {
  const { t, money } = useI18n();
  const client = useQueryClient();
  const [text, setText] = useState("");
  const [noteMode, setNoteMode] = useState(false);
  const [attachments, setAttachments] = useState<Media[]>([]);
  const [group, setGroup] = useState<QuickReplyGroup | null>(null);
  const [panel, setPanel] = useState<"emoji" | "media" | "product" | null>(null);
  const [highlight, setHighlight] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const send = useSendMessage(conversation.id);
  const note = useMutation({
    mutationFn: (value: string) => api.conversations.addNote(conversation.id, value),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.notes(conversation.id) }),
  });
  const quick = useMutation({
    mutationFn: (groupId: number) => api.conversations.sendQuickReply(conversation.id, groupId),
    onSuccess: (res) => {
      client.setQueryData(keys.messages(conversation.id), (d: Parameters<typeof upsertMessage>[0] | undefined) =>
        d ? res.items.reduce(upsertMessage, d) : d,
      );
    },
  });
  const upload = useMutation({
    mutationFn: (files: File[]) => Promise.all(files.map((f) => api.media.upload(f))),
    onSuccess: (media) => {
      setAttachments((a) => [...a, ...media]);
      void client.invalidateQueries({ queryKey: keys.media });
    },
  });

  const q = noteMode ? null : quickReplyQuery(text);
  const suggestQ = q !== null && q !== dismissed ? q : null;
  const [debounced, setDebounced] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(suggestQ), 150);
    return () => clearTimeout(timer);
  }, [suggestQ]);
  const suggestions = useQuery({
    queryKey: keys.suggest(debounced ?? ""),
    queryFn: () => api.quickReplies.suggest(debounced ?? "", conversation.channel_id),
    enabled: debounced !== null,
    staleTime: 30_000,
    retry: false,
  });
  const options = debounced !== null && suggestQ !== null ? (suggestions.data?.items ?? []).filter((g) => g.enabled !== false) : [];

  useEffect(() => {
    const el = textareaRef.current;
    if (!el) return;
    const toggle = () => setNoteMode((v) => !v);
    el.addEventListener("toggle-note", toggle);
    return () => el.removeEventListener("toggle-note", toggle);
  }, [textareaRef]);

  function pick(g: QuickReplyGroup) {
    setGroup(g);
    setText(fillVariables(g.messages[0]?.text ?? "", conversation));
    setDismissed(null);
    setHighlight(0);
    textareaRef.current?.focus();
  }

  async function submit() {
    const value = text.trim();
    if (noteMode) {
      if (!value) return;
      await note.mutateAsync(value);
      setText("");
      return;
    }
    if (group && !replyTo && !attachments.length && text === fillVariables(group.messages[0]?.text ?? "", conversation)) {
      // Unchanged quick reply: the server sends the whole group with variables filled.
      await quick.mutateAsync(group.id);
      setText("");
      setGroup(null);
      return;
    }
    const ids = [...attachments.map((a) => a.id), ...(group?.messages[0]?.attachment_ids ?? [])];
    if (!value && !ids.length) return;
    const extra = replyTo ? { private_reply: replyTo.private, reply_to_message_id: replyTo.message.id } : {};
    await send.mutateAsync({ text: value || undefined, attachment_ids: ids.length ? ids : undefined, ...extra });
    for (const m of group?.messages.slice(1) ?? [])
      await send.mutateAsync({
        text: m.text ? fillVariables(m.text, conversation) : undefined,
        attachment_ids: m.attachment_ids?.length ? m.attachment_ids : undefined,
        ...extra,
      });
    setText("");
    setAttachments([]);
    setGroup(null);
    clearReply();
  }

  async function sendProduct(p: Product) {
    setPanel(null);
    await send.mutateAsync({ product_id: p.id, ...(replyTo ? { private_reply: replyTo.private } : {}) });
  }

  // The channel's own rules, computed by the server (channels.contract.ReplyWindow): no
  // provider arithmetic here; past `closes_at` the window is in its `then` state.
  // A provider that names its rule (`code`, e.g. Zalo's free replies used) gets its own text;
  // one that counts messages (`remaining`) shows how many more may go.
  const chat = conversation.kind === "message" && !replyTo;
  const notes = windowNotes(conversation.reply_window, Date.now(), !!conversation.last_incoming_at);
  const windowNote = !chat
    ? null
    : notes.note === "closed"
      ? t("composer.windowClosed")
      : notes.note === "human_only"
        ? t("composer.windowHumanAgent")
        : notes.note
          ? messageErrorText(t, notes.note.code)
          : null;
  const quotaNote = chat && notes.remaining != null ? t("composer.freeRepliesLeft", { n: notes.remaining }) : null;

  return (
    <div className={`composer ${noteMode ? "composer-note" : ""}`} data-testid="composer">
      {replyTo ? (
        <div className="reply-target">
          {replyTo.private ? t("composer.privateTo") : t("composer.replyTo")}: “{replyTo.message.text?.slice(0, 80)}”
          <button type="button" className="btn-link" onClick={clearReply}>
            ×
          </button>
        </div>
      ) : null}
      {windowNote ? <div className="window-note">{windowNote}</div> : null}
      {quotaNote ? (
        <div className="quota-note muted" data-testid="quota-note">
          {quotaNote}
        </div>
      ) : null}
      {options.length ? (
        <ul className="suggestions" role="listbox" data-testid="quick-suggestions">
          {options.map((g, i) => (
            <li
              key={g.id}
              role="option"
              aria-selected={i === highlight}
              className={i === highlight ? "on" : ""}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(g);
              }}
            >
              <strong>{g.shortcut ? `/${g.shortcut}` : g.name}</strong> <span className="muted">{g.name}</span>
              <div className="suggestion-text">{g.messages[0]?.text}</div>
              {g.messages.length > 1 ? <span className="muted">+{g.messages.length - 1}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {attachments.length || group ? (
        <div className="pending">
          {attachments.map((a) => (
            <span key={a.id} className="pending-file">
              📎 {a.filename}
              <button type="button" className="btn-link" onClick={() => setAttachments(attachments.filter((x) => x.id !== a.id))}>
                ×
              </button>
            </span>
          ))}
          {group && group.messages.length > 1 ? (
            <span className="pending-file">
              {t("composer.groupMore", { n: group.messages.length - 1, name: group.name })}
              <button type="button" className="btn-link" onClick={() => setGroup(null)}>
                ×
              </button>
            </span>
          ) : null}
        </div>
      ) : null}
      <textarea
        ref={textareaRef}
        value={text}
        rows={2}
        placeholder={noteMode ? t("composer.notePlaceholder") : t("composer.placeholder")}
        aria-label={t("composer.placeholder")}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value) setGroup(null);
          setHighlight(0);
        }}
        onPaste={(e) => {
          const files = [...e.clipboardData.files];
          if (files.length) {
            e.preventDefault();
            upload.mutate(files);
          }
        }}
        onKeyDown={(e) => {
          if (options.length) {
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              setHighlight((h) => (h + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
              return;
            }
            if (e.key === "Enter" || e.key === "Tab") {
              e.preventDefault();
              pick(options[Math.min(highlight, options.length - 1)]);
              return;
            }
            if (e.key === "Escape") {
              e.stopPropagation();
              setDismissed(q);
              return;
            }
          }
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void submit().catch(() => undefined);
          }
        }}
      />
      <div className="composer-bar">
        <button type="button" className="btn-icon" title={t("composer.emoji")} onClick={() => setPanel(panel === "emoji" ? null : "emoji")}>
          😊
        </button>
        <button type="button" className="btn-icon" title={t("composer.upload")} onClick={() => fileRef.current?.click()}>
          <Icon name="clip" />
        </button>
        <input
          ref={fileRef}
          type="file"
          multiple
          hidden
          accept="image/*,video/*,audio/*,.pdf,.doc,.docx,.xls,.xlsx,.zip"
          onChange={(e) => {
            if (e.target.files?.length) upload.mutate([...e.target.files]);
            e.target.value = "";
          }}
        />
        <button type="button" className="btn-icon" title={t("composer.media")} onClick={() => setPanel("media")}>
          <Icon name="image" />
        </button>
        <button type="button" className="btn-icon" title={t("composer.product")} onClick={() => setPanel("product")}>
          <Icon name="bag" />
        </button>
        <label className="note-toggle">
          <input type="checkbox" checked={noteMode} onChange={(e) => setNoteMode(e.target.checked)} />
          {t("composer.noteMode")}
        </label>
        <span className="muted hint">{t("composer.hint")}</span>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="send"
          disabled={send.isPending || upload.isPending}
          onClick={() => void submit().catch(() => undefined)}
        >
          {noteMode ? t("composer.addNote") : t("composer.send")}
        </button>
      </div>
      {panel === "emoji" ? (
        <div className="emoji-grid" role="listbox">
          {EMOJI.map((e) => (
            <button
              key={e}
              type="button"
              onClick={() => {
                setText((v) => v + e);
                textareaRef.current?.focus();
              }}
            >
              {e}
            </button>
          ))}
        </div>
      ) : null}
      {panel === "media" ? (
        <MediaLibrary
          onClose={() => setPanel(null)}
          onPick={(m) => {
            setAttachments((a) => [...a, m]);
            setPanel(null);
          }}
        />
      ) : null}
      {panel === "product" ? (
        <ProductPicker onClose={() => setPanel(null)} onPick={(p) => void sendProduct(p)} money={money} />
      ) : null}
      <ErrorText error={send.error ?? upload.error ?? note.error ?? quick.error} />
    </div>
  );
}

function MediaLibrary({ onClose, onPick }: { onClose: () => void; onPick: (m: Media) => void }) {
  const { t } = useI18n();
  const media = useQuery({ queryKey: keys.media, queryFn: api.media.list, retry: false });
  return (
    <Modal title={t("composer.media")} onClose={onClose} wide>
      <ErrorText error={media.error} />
      {media.data && !media.data.items.length ? <p className="muted">{t("composer.noMedia")}</p> : null}
      <div className="media-grid">
        {media.data?.items.map((m) => (
          <button key={m.id} type="button" className="media-item" onClick={() => onPick(m)} title={m.filename}>
            {m.kind === "image" && m.url ? <MediaView kind="image" url={m.url} alt={m.filename} /> : <span>{m.filename}</span>}
          </button>
        ))}
      </div>
    </Modal>
  );
}

export function ProductPicker({
  onClose,
  onPick,
  money,
}: {
  onClose: () => void;
  onPick: (p: Product) => void;
  money: (v: number) => string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const products = useQuery({ queryKey: keys.products(q), queryFn: () => api.products.list(q || undefined), retry: false });
  return (
    <Modal title={t("composer.product")} onClose={onClose}>
      <input autoFocus type="search" placeholder={t("products.search")} value={q} onChange={(e) => setQ(e.target.value)} />
      <ErrorText error={products.error} />
      <ul className="pick-list">
        {products.data?.items.map((p) => (
          <li key={p.id}>
            <button type="button" onClick={() => onPick(p)}>
              <strong>{p.name}</strong> <span className="muted">{p.sku}</span> · {money(p.price)} ·{" "}
              {t("products.stock")}: {p.stock}
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
