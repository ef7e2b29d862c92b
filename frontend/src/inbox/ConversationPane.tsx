// Middle pane: header with actions and presence, the message / comment timeline, the composer.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useLayoutEffect, useRef, useState, type MutableRefObject, type RefObject } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { Conversation, Message, Note, Post } from "../api/types";
import { useSession } from "../app/session";
import { Avatar, ErrorText, Icon, Media, TagChip } from "../app/ui";
import { useI18n } from "../i18n";
import { upsertMessage } from "../live/applyEvent";
import { useLive } from "../live/LiveProvider";
import { Composer, type ReplyTarget } from "./Composer";
import { useChannelOf, useChannels, useConversation, useConversationMutation, useMembers, useMessages } from "./hooks";
import { TagPicker } from "./TagPicker";
import { messageErrorText } from "../app/errorText";

interface Props {
  conversationId: number;
  composerRef: RefObject<HTMLTextAreaElement | null>;
  actionsRef: MutableRefObject<{ done?: () => void; unread?: () => void }>;
  onBack: () => void;
  onShowRight: (tab: "customer" | "order") => void;
  onFilterPost: (postId: number) => void;
  onFilterContact: (contactId: number) => void;
  onHelp: () => void;
}

export function ConversationPane(props: Props) {
  const { conversationId, composerRef, actionsRef } = props;
  const { t } = useI18n();
  const { meId } = useSession();
  const live = useLive();
  const conv = useConversation(conversationId);
  const c = conv.data;
  const members = useMembers();
  const channels = useChannels();
  const [replyTo, setReplyTo] = useState<ReplyTarget | null>(null);
  const [tagging, setTagging] = useState(false);

  const patch = useConversationMutation((body: Parameters<typeof api.conversations.patch>[1]) =>
    api.conversations.patch(conversationId, body),
  );
  const markRead = useConversationMutation(() => api.conversations.read(conversationId));
  const markUnread = useConversationMutation(() => api.conversations.unread(conversationId));
  const block = useConversationMutation((blocked: boolean) => api.conversations.block(conversationId, blocked));
  const sync = useMutation({ mutationFn: () => api.conversations.sync(conversationId) });

  // Opening a conversation reads it, and so does a customer's message arriving while staff are
  // looking at it (the tab visible): it does not turn unread under their eyes. Marking it
  // unread by hand stops this until the conversation is opened again.
  const autoRead = useRef(true);
  const unread = !!c?.unread;
  useEffect(() => {
    const readIfLooking = () => {
      if (unread && autoRead.current && !markRead.isPending && document.visibilityState === "visible") markRead.mutate(undefined);
    };
    readIfLooking();
    document.addEventListener("visibilitychange", readIfLooking);
    return () => document.removeEventListener("visibilitychange", readIfLooking);
  }, [unread, c?.last_message_at]); // eslint-disable-line react-hooks/exhaustive-deps
  const markUnreadByHand = () => {
    autoRead.current = false;
    markUnread.mutate(undefined);
  };
  useEffect(() => {
    live.viewing(conversationId);
    return () => live.viewing(null);
  }, [conversationId]); // eslint-disable-line react-hooks/exhaustive-deps

  actionsRef.current = {
    done: () => c && patch.mutate({ status: c.status === "done" ? "open" : "done", version: c.version }),
    unread: markUnreadByHand,
  };

  const viewers = (live.viewers[conversationId] ?? []).filter((id) => id !== meId);
  const channel = channels.data?.items.find((ch) => ch.id === c?.channel_id);

  if (conv.isError) {
    return (
      <section className="pane pane-conv">
        <ErrorText error={conv.error} />
      </section>
    );
  }
  return (
    <section className="pane pane-conv" aria-label={t("inbox.conversation")} data-testid="conversation-pane">
      <header className="conv-head">
        <button type="button" className="btn-icon back" onClick={props.onBack} aria-label={t("common.back")}>
          ←
        </button>
        {c ? (
          <>
            <Avatar name={c.contact.name} url={c.contact.picture_url} />
            <div className="conv-title">
              <strong data-testid="conv-name">{c.contact.name || t("inbox.noName")}</strong>
              <span className="muted">
                <Icon name={c.kind === "comment" ? "comment" : "message"} /> {t(`kind.${c.kind}`)} · {channel?.name ?? ""}
              </span>
            </div>
            <div className="conv-actions">
              <select
                aria-label={t("inbox.assignee")}
                value={c.assignee_id ?? ""}
                onChange={(e) =>
                  patch.mutate({ assignee_id: e.target.value ? Number(e.target.value) : null, version: c.version })
                }
              >
                <option value="">{t("inbox.unassigned")}</option>
                {members.data?.items.map((m) => (
                  <option key={m.user_id} value={m.user_id}>
                    {m.name}
                  </option>
                ))}
              </select>
              <button type="button" className="btn" data-testid="tag-button" onClick={() => setTagging(!tagging)}>
                {t("inbox.tag")}
              </button>
              <button
                type="button"
                className={`btn ${c.status === "done" ? "" : "btn-primary"}`}
                data-testid="done-button"
                onClick={actionsRef.current.done}
              >
                {c.status === "done" ? t("inbox.reopen") : t("inbox.markDone")}
              </button>
              <details className="menu">
                <summary className="btn">⋯</summary>
                <div className="menu-list">
                  <button type="button" onClick={markUnreadByHand}>
                    {t("inbox.markUnread")}
                  </button>
                  <button type="button" onClick={() => props.onFilterContact(c.contact.id)}>
                    {t("inbox.allOfCustomer")}
                  </button>
                  {c.post_id ? (
                    <button type="button" onClick={() => props.onFilterPost(c.post_id!)}>
                      {t("inbox.allOfPost")}
                    </button>
                  ) : null}
                  <button type="button" onClick={() => sync.mutate()}>
                    {t("inbox.syncConversation")}
                  </button>
                  <button type="button" onClick={() => block.mutate(!c.contact.blocked)}>
                    {c.contact.blocked ? t("inbox.unblock") : t("inbox.block")}
                  </button>
                  <button type="button" onClick={() => props.onShowRight("customer")}>
                    {t("right.customer")}
                  </button>
                  <button type="button" onClick={() => props.onShowRight("order")}>
                    {t("right.order")}
                  </button>
                  <button type="button" onClick={props.onHelp}>
                    {t("shortcut.title")}
                  </button>
                </div>
              </details>
            </div>
          </>
        ) : (
          <span className="muted">{t("common.loading")}</span>
        )}
      </header>
      {c ? (
        <div className="conv-tags">
          {viewers.length ? (
            <span className="viewers" data-testid="viewers" title={t("inbox.alsoViewing")}>
              <Icon name="eye" />{" "}
              {t("inbox.viewing", { names: viewers.map((id) => members.data?.items.find((m) => m.user_id === id)?.name ?? `#${id}`).join(", ") })}
            </span>
          ) : null}
          {c.tags.map((tag) => (
            <TagChip key={tag.id} tag={tag} />
          ))}
        </div>
      ) : null}
      {tagging && c ? <TagPicker conversation={c} onClose={() => setTagging(false)} /> : null}
      <ErrorText error={patch.error ?? block.error ?? sync.error} />
      {c?.kind === "comment" && c.post_id ? <PostHeader postId={c.post_id} channelId={c.channel_id} /> : null}
      {c ? <Timeline conversation={c} onReply={setReplyTo} /> : <div className="timeline" />}
      {c ? (
        <Composer
          conversation={c}
          textareaRef={composerRef}
          replyTo={replyTo}
          clearReply={() => setReplyTo(null)}
        />
      ) : null}
    </section>
  );
}

type Item = { kind: "message"; m: Message; at: number } | { kind: "note"; n: Note; at: number };

function Timeline({ conversation, onReply }: { conversation: Conversation; onReply: (r: ReplyTarget) => void }) {
  const { t } = useI18n();
  const messages = useMessages(conversation.id);
  const notes = useQuery({
    queryKey: keys.notes(conversation.id),
    queryFn: () => api.conversations.notes(conversation.id),
    retry: false,
  });
  const members = useMembers();
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const items: Item[] = [
    ...messages.messages.map((m) => ({ kind: "message" as const, m, at: Date.parse(m.created_at) })),
    ...(notes.data ?? []).map((n) => ({ kind: "note" as const, n, at: Date.parse(n.created_at) })),
  ].sort((a, b) => a.at - b.at);
  const byExternal = new Map(messages.messages.filter((m) => m.external_id).map((m) => [m.external_id!, m]));

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [items.length]);

  return (
    <div
      className="timeline"
      ref={scroller}
      data-testid="timeline"
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
    >
      {messages.hasNextPage ? (
        <button type="button" className="btn-link load-more" onClick={() => void messages.fetchNextPage()}>
          {t("inbox.loadOlder")}
        </button>
      ) : null}
      {messages.isLoading ? <div className="muted">{t("common.loading")}</div> : null}
      {items.map((item) =>
        item.kind === "note" ? (
          <div key={`n${item.n.id}`} className="note" data-testid="note">
            <span className="muted">
              📝 {t("inbox.note")} · {members.data?.items.find((m) => m.user_id === item.n.author_id)?.name ?? ""}
            </span>
            <p>{item.n.text}</p>
          </div>
        ) : (
          <Bubble
            key={item.m.id}
            m={item.m}
            conversation={conversation}
            parent={item.m.parent_external_id ? byExternal.get(item.m.parent_external_id) : undefined}
            onReply={onReply}
          />
        ),
      )}
    </div>
  );
}

function Ticks({ m }: { m: Message }) {
  const { t } = useI18n();
  const label = t(`msgStatus.${m.status}`);
  const glyph = { pending: "◷", sent: "✓", delivered: "✓✓", read: "✓✓", failed: "!" }[m.status];
  return (
    <span className={`ticks ticks-${m.status}`} data-status={m.status} title={label} aria-label={label}>
      {glyph}
    </span>
  );
}

function Attachments({ m }: { m: Message }) {
  const { t } = useI18n();
  return (
    <div className="attachments">
      {(m.attachments as { type?: string; url?: string; name?: string; payload?: { url?: string } }[]).map((a, i) => {
        const url = a.url ?? a.payload?.url;
        if (a.type === "image" || a.type === "sticker")
          return url ? <Media key={i} kind="image" url={url} alt={a.name ?? ""} /> : null;
        if (a.type === "video") return url ? <Media key={i} kind="video" url={url} /> : null;
        if (a.type === "audio") return url ? <Media key={i} kind="audio" url={url} /> : null;
        if (a.type === "product" || a.type === "template")
          return (
            <div key={i} className="product-card">
              🛍 {a.name ?? t("composer.product")}
            </div>
          );
        return (
          <a key={i} href={url} target="_blank" rel="noreferrer" className="file">
            📎 {a.name ?? t("inbox.file")}
          </a>
        );
      })}
    </div>
  );
}

/** Why a message failed, in Vietnamese (from its `error_code` and the channel's provider), with the
 * provider's raw text kept under "Chi tiết" for support; never the raw text as the explanation. */
function FailedLine({ m, provider, label, onRetry }: { m: Message; provider?: string; label: string; onRetry: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const reason = m.error || m.error_code ? messageErrorText(t, m.error_code, { provider, label }) : t("msgStatus.failed");
  const raw = [m.error_code ? `[${m.error_code}]` : "", m.error ?? ""].filter(Boolean).join(" ");
  return (
    <div className="failed-line" data-testid="failed">
      <Icon name="warn" />{" "}
      <span title={reason} data-testid="failed-reason">
        {reason}
      </span>{" "}
      <button type="button" className="btn-link" onClick={onRetry}>
        {t("inbox.retry")}
      </button>
      {raw ? (
        <>
          {" · "}
          <button type="button" className="btn-link" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t("msgerr.details")}
          </button>
          {open ? (
            <div className="failed-detail muted" data-testid="failed-detail">
              {t("msgerr.detailsHelp", { provider: label || "Facebook" })}
              <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: 0 }}>{raw}</pre>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function Bubble({
  m,
  conversation,
  parent,
  onReply,
}: {
  m: Message;
  conversation: Conversation;
  parent?: Message;
  onReply: (r: ReplyTarget) => void;
}) {
  const { t, time } = useI18n();
  const client = useQueryClient();
  const isComment = m.kind === "comment";
  const mine = m.direction === "out";
  // What the channel can do: Instagram cannot like a comment (no `comment_likes`).
  const channel = useChannelOf(conversation.channel_id);
  const apply = (updated: Message | void) => {
    if (!updated) return;
    client.setQueryData(keys.messages(conversation.id), (d: Parameters<typeof upsertMessage>[0] | undefined) =>
      d ? upsertMessage(d, updated) : d,
    );
  };
  const action = useMutation({
    mutationFn: async (a: "like" | "unlike" | "hide" | "unhide" | "delete" | "retry"): Promise<Message | void> => {
      // A failed send is queued again: the same message goes back to pending, then sent.
      if (a === "retry") return api.conversations.retry(m.id);
      if (a === "delete") await api.comments.remove(m.id);
      else await api.comments.action(m.id, a);
      // The provider confirms asynchronously; message.updated will follow. Show it now.
      const patch = { like: { is_liked: true }, unlike: { is_liked: false }, hide: { is_hidden: true }, unhide: { is_hidden: false }, delete: { is_deleted: true } }[a];
      return { ...m, ...patch };
    },
    onSuccess: apply,
  });
  const sender = mine ? t(`sender.${m.sender_type}`) : conversation.contact.name;
  return (
    <div
      className={`bubble-row ${mine ? "out" : "in"} ${parent ? "reply" : ""}`}
      data-message-id={m.id}
      data-direction={m.direction}
    >
      <div className={`bubble ${m.is_hidden ? "hidden-comment" : ""} ${m.is_deleted ? "deleted" : ""} ${m.status === "failed" ? "failed" : ""}`}>
        {isComment || m.is_private_reply ? (
          <div className="bubble-meta">
            {sender}
            {m.is_private_reply ? ` · ${t("inbox.privateReply")}` : ""}
            {m.is_hidden ? ` · ${t("comment.hidden")}` : ""}
          </div>
        ) : null}
        {m.is_deleted ? <em className="muted">{t("comment.deleted")}</em> : null}
        {m.text ? <p className="bubble-text">{m.text}</p> : null}
        {m.attachments.length ? <Attachments m={m} /> : null}
        <div className="bubble-foot">
          <span className="muted" title={m.created_at}>
            {time(m.created_at)}
          </span>
          {mine ? <Ticks m={m} /> : null}
        </div>
        {m.status === "failed" ? (
          <FailedLine m={m} provider={channel.channel?.provider} label={channel.label} onRetry={() => action.mutate("retry")} />
        ) : null}
        {isComment && !mine && !m.is_deleted ? (
          <div className="comment-actions">
            {channel.can("comment_likes") ? (
              <button type="button" onClick={() => action.mutate(m.is_liked ? "unlike" : "like")} aria-pressed={!!m.is_liked}>
                {m.is_liked ? t("comment.unlike") : t("comment.like")}
              </button>
            ) : null}
            <button type="button" onClick={() => onReply({ message: m, private: false })}>
              {t("comment.reply")}
            </button>
            {channel.can("private_replies") ? (
              <button type="button" onClick={() => onReply({ message: m, private: true })}>
                {t("comment.privateMessage")}
              </button>
            ) : null}
            {channel.can("comment_moderation") ? (
              <>
                <button type="button" onClick={() => action.mutate(m.is_hidden ? "unhide" : "hide")}>
                  {m.is_hidden ? t("comment.unhide") : t("comment.hide")}
                </button>
                <button
                  type="button"
                  onClick={() => window.confirm(t("comment.confirmDelete", { provider: channel.label })) && action.mutate("delete")}
                  className="danger"
                >
                  {t("comment.delete")}
                </button>
              </>
            ) : null}
          </div>
        ) : null}
        <ErrorText error={action.error} />
      </div>
    </div>
  );
}

/** The post (or live video) a comment thread hangs under: its text, picture and link. */
function PostHeader({ postId, channelId }: { postId: number; channelId: number }) {
  const { t } = useI18n();
  const channel = useChannelOf(channelId);
  const post = useQuery({
    queryKey: keys.post(postId),
    queryFn: () => api.posts.get(postId),
    staleTime: 5 * 60_000,
  });
  const p: Post | undefined = post.data;
  if (!p) return null;
  return (
    <div className="post-head" data-testid="post-header">
      {p.picture_url ? <img src={p.picture_url} alt="" className="post-thumb" /> : null}
      <div className="post-body">
        <span className="muted">{p.kind === "live_video" ? t("inbox.liveVideo") : t("inbox.postOf")}</span>
        <div className="post-text">{p.message || p.external_id}</div>
      </div>
      {p.permalink_url ? (
        <a className="btn" href={p.permalink_url} target="_blank" rel="noreferrer noopener">
          {t("inbox.openOn", { provider: channel.label })}
        </a>
      ) : null}
    </div>
  );
}
