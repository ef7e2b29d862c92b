// Every backend path the SPA calls, in one place: when a route changes, only this file does.
import { http, type Query } from "./client";
import type {
  ApiKey,
  ApiKeyCreated,
  AuthOut,
  Channel,
  Contact,
  Conversation,
  Counts,
  LiveVideo,
  Livestream,
  LivestreamComment,
  LivestreamConfig,
  Me,
  Media,
  Member,
  Message,
  Note,
  Order,
  OrderIn,
  Page,
  Post,
  Product,
  QuickReplyGroup,
  Role,
  Tag,
} from "./types";

export const auth = {
  login: (email: string, password: string) => http.post<AuthOut>("/auth/login", { email, password }),
  register: (body: { email: string; password: string; name: string; workspace_name: string }) =>
    http.post<AuthOut>("/auth/register", body),
  switchWorkspace: (workspace_id: number) => http.post<AuthOut>("/auth/switch-workspace", { workspace_id }),
  me: () => http.get<Me>("/me"),
};

export const members = {
  list: () => http.get<Page<Member>>("/members"),
  add: (body: { email: string; name: string; password: string; role: Role }) => http.post<Member>("/members", body),
  update: (id: number, body: { role?: Role; is_active?: boolean }) => http.patch<Member>(`/members/${id}`, body),
  remove: (id: number) => http.delete(`/members/${id}`),
};

export const apiKeys = {
  list: () => http.get<Page<ApiKey>>("/api-keys"),
  create: (name: string) => http.post<ApiKeyCreated>("/api-keys", { name }),
  revoke: (id: number) => http.delete(`/api-keys/${id}`),
};

export const channels = {
  list: () => http.get<Page<Channel>>("/channels"),
  connectFacebook: (page_id: string, access_token: string) =>
    http.post<Channel>("/channels/facebook", { page_id, access_token }),
  update: (id: number, body: Partial<Channel> & { settings?: Record<string, unknown> }) =>
    http.patch<Channel>(`/channels/${id}`, body),
  remove: (id: number) => http.delete(`/channels/${id}`),
  sync: (id: number) => http.post<unknown>(`/channels/${id}/sync`),
  liveVideos: (id: number) => http.get<Page<LiveVideo>>(`/channels/${id}/live-videos`),
};

export const conversations = {
  list: (query: Query, cursor?: string | null, signal?: AbortSignal) =>
    http.get<Page<Conversation>>("/conversations", { ...query, cursor: cursor ?? undefined, limit: 50 }, signal),
  counts: (query?: Query) => http.get<Counts>("/conversations/counts", query),
  get: (id: number) => http.get<Conversation>(`/conversations/${id}`),
  patch: (id: number, body: { status?: "open" | "done"; assignee_id?: number | null; version?: number }) =>
    http.patch<Conversation>(`/conversations/${id}`, body),
  read: (id: number) => http.post<Conversation>(`/conversations/${id}/read`),
  unread: (id: number) => http.post<Conversation>(`/conversations/${id}/unread`),
  bulk: (body: { ids: number[]; action: string; tag_id?: number; assignee_id?: number | null }) =>
    http.post<unknown>("/conversations/bulk", body),
  messages: (id: number, cursor?: string | null) =>
    http.get<Page<Message>>(`/conversations/${id}/messages`, { cursor: cursor ?? undefined, limit: 50 }),
  send: (
    id: number,
    body: { text?: string; attachment_ids?: number[]; product_id?: number; private_reply?: boolean; reply_to_message_id?: number },
  ) => http.post<Message>(`/conversations/${id}/messages`, body),
  retry: (id: number, messageId: number) => http.post<Message>(`/conversations/${id}/messages/${messageId}/retry`),
  addTag: (id: number, tagId: number) => http.post<unknown>(`/conversations/${id}/tags/${tagId}`),
  removeTag: (id: number, tagId: number) => http.delete(`/conversations/${id}/tags/${tagId}`),
  notes: (id: number) => http.get<Page<Note>>(`/conversations/${id}/notes`),
  addNote: (id: number, text: string) => http.post<Note>(`/conversations/${id}/notes`, { text }),
  sync: (id: number) => http.post<unknown>(`/conversations/${id}/sync`),
  post: (postId: number) => http.get<Post>(`/posts/${postId}`),
};

export const comments = {
  action: (messageId: number, action: "like" | "unlike" | "hide" | "unhide") =>
    http.post<Message>(`/comments/${messageId}/${action}`),
  remove: (messageId: number) => http.delete(`/comments/${messageId}`),
};

export const contacts = {
  get: (id: number) => http.get<Contact>(`/contacts/${id}`),
  block: (id: number, blocked: boolean) => http.patch<Contact>(`/contacts/${id}`, { blocked }),
};

export const tags = {
  list: () => http.get<Page<Tag>>("/tags", { limit: 200 }),
  create: (body: Omit<Tag, "id">) => http.post<Tag>("/tags", body),
  update: (id: number, body: Partial<Tag>) => http.patch<Tag>(`/tags/${id}`, body),
  remove: (id: number) => http.delete(`/tags/${id}`),
};

export const quickReplies = {
  list: () => http.get<Page<QuickReplyGroup>>("/quick-replies", { limit: 200 }),
  suggest: (q: string, channel_id?: number) =>
    http.get<Page<QuickReplyGroup>>("/quick-replies/suggest", { q, channel_id }),
  create: (body: Omit<QuickReplyGroup, "id">) => http.post<QuickReplyGroup>("/quick-replies", body),
  update: (id: number, body: Partial<QuickReplyGroup>) => http.patch<QuickReplyGroup>(`/quick-replies/${id}`, body),
  remove: (id: number) => http.delete(`/quick-replies/${id}`),
};

export const media = {
  list: () => http.get<Page<Media>>("/media", { limit: 60 }),
  upload: (file: File) => {
    const form = new FormData();
    form.append("file", file);
    return http.upload<Media>("/media", form);
  },
};

export const products = {
  list: (q?: string) => http.get<Page<Product>>("/products", { q, limit: 100 }),
  create: (body: Omit<Product, "id">) => http.post<Product>("/products", body),
  update: (id: number, body: Partial<Product>) => http.patch<Product>(`/products/${id}`, body),
  remove: (id: number) => http.delete(`/products/${id}`),
};

export const orders = {
  list: (query: Query, cursor?: string | null) =>
    http.get<Page<Order>>("/orders", { ...query, cursor: cursor ?? undefined, limit: 100 }),
  get: (id: number) => http.get<Order>(`/orders/${id}`),
  create: (body: OrderIn) => http.post<Order>("/orders", body),
  update: (id: number, body: Partial<OrderIn>) => http.patch<Order>(`/orders/${id}`, body),
  transition: (id: number, to: string, reason?: string) =>
    http.post<Order>(`/orders/${id}/transition`, { to, reason }),
  printHtml: (id: number) => http.get<string>(`/orders/${id}/print`),
  exportXlsx: (query: Query) => http.blob("/orders/export.xlsx", query),
};

export const livestreams = {
  list: () => http.get<Page<Livestream>>("/livestreams"),
  get: (id: number) => http.get<Livestream>(`/livestreams/${id}`),
  create: (body: { channel_id: number; live_video_id?: string; post_id?: number; title: string }) =>
    http.post<Livestream>("/livestreams", body),
  update: (id: number, body: Partial<Livestream>) => http.patch<Livestream>(`/livestreams/${id}`, body),
  configure: (id: number, body: LivestreamConfig) => http.put<Livestream>(`/livestreams/${id}/config`, body),
  comments: (id: number) => http.get<Page<LivestreamComment>>(`/livestreams/${id}/comments`, { limit: 200 }),
};
