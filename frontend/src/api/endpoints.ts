// Every backend path the SPA calls, in one place: when a route changes, only this file does.
import { http, type Query } from "./client";
import type {
  AccountChoice,
  ApiKey,
  ApiKeyCreated,
  AuthOut,
  AutoAssignment,
  BoardOrder,
  BulkIn,
  Channel,
  ChannelPatch,
  Contact,
  Conversation,
  ConversationReport,
  Counts,
  CustomerSettings,
  Invitation,
  InvitationCreated,
  InvitationPreview,
  LiveVideo,
  Livestream,
  LivestreamComment,
  LivestreamConfig,
  LivestreamConfigOut,
  LivestreamIn,
  LivestreamReport,
  LivestreamSummary,
  LivestreamTotals,
  Me,
  Media,
  Member,
  Message,
  MessageIn,
  Note,
  Order,
  OrderIn,
  OrderPatch,
  OrderPrefill,
  OrderReport,
  OrderSummary,
  Page,
  Post,
  Presence,
  Product,
  ProductIn,
  ProviderList,
  QuickReplyGroup,
  QuickReplyIn,
  Role,
  SameCustomer,
  SessionsEnded,
  UserSession,
  Tag,
  TagIn,
} from "./types";

export const auth = {
  login: (email: string, password: string) => http.post<AuthOut>("/auth/login", { email, password }),
  register: (body: { email: string; password: string; name: string; workspace_name: string }) =>
    http.post<AuthOut>("/auth/register", body),
  switchWorkspace: (workspace_id: number) => http.post<AuthOut>("/auth/switch-workspace", { workspace_id }),
  me: () => http.get<Me>("/me"),
  previewInvitation: (token: string) => http.post<InvitationPreview>("/auth/invitation", { token }),
  join: (body: { token: string; password?: string; name?: string }) => http.post<AuthOut>("/auth/join", body),
  logout: () => http.post<void>("/auth/logout"),
  sessions: () => http.get<Page<UserSession>>("/auth/sessions"),
  endSession: (id: number) => http.delete(`/auth/sessions/${id}`),
  logoutOthers: () => http.post<SessionsEnded>("/auth/logout-others"),
  changePassword: (current_password: string, new_password: string) =>
    http.post<void>("/auth/password", { current_password, new_password }),
  requestPasswordReset: (email: string) => http.post<void>("/auth/password-reset", { email }),
  resetPassword: (token: string, new_password: string) =>
    http.post<void>("/auth/password-reset/confirm", { token, new_password }),
};

export const members = {
  list: () => http.get<Page<Member>>("/members"),
  /** Invites: nobody joins until the invitee opens the answer's `url`. */
  add: (body: { email: string; name: string; role: Role }) => http.post<InvitationCreated>("/members", body),
  leave: () => http.delete("/members/me"),
  update: (id: number, body: { role?: Role; is_active?: boolean }) => http.patch<Member>(`/members/${id}`, body),
  remove: (id: number) => http.delete(`/members/${id}`),
  endSessions: (id: number) => http.delete<SessionsEnded>(`/members/${id}/sessions`),
};

export const invitations = {
  list: () => http.get<Page<Invitation>>("/invitations"),
  revoke: (id: number) => http.delete(`/invitations/${id}`),
};

export const autoAssignment = {
  get: () => http.get<AutoAssignment>("/auto-assignment"),
  set: (body: AutoAssignment) => http.put<AutoAssignment>("/auto-assignment", body),
};

export const apiKeys = {
  list: () => http.get<Page<ApiKey>>("/api-keys"),
  create: (name: string, scopes: readonly ("read" | "inbox" | "orders" | "admin")[] = ["admin"]) =>
    http.post<ApiKeyCreated>("/api-keys", { name, scopes: [...scopes] }),
  revoke: (id: number) => http.delete(`/api-keys/${id}`),
};

export const channels = {
  list: () => http.get<Page<Channel>>("/channels"),
  connectFacebook: (body: { page_id: string; access_token?: string; user_access_token?: string }) =>
    http.post<Channel>("/channels/facebook", body),
  facebookPages: (user_access_token: string) =>
    http.post<{ items: { page_id: string; name: string; connected_channel_id?: number | null }[] }>(
      "/channels/facebook/pages",
      { user_access_token },
    ),
  update: (id: number, body: ChannelPatch) => http.patch<Channel>(`/channels/${id}`, body),
  remove: (id: number) => http.delete(`/channels/${id}`),
  sync: (id: number) => http.post<Channel>(`/channels/${id}/sync`),
  providers: () => http.get<ProviderList>("/channels/providers"),
  authorize: (provider: string) => http.post<{ url: string; state: string }>(`/channels/${provider}/authorize`),
  /** What a login offered (Facebook: pages and their Instagram accounts) to tick. */
  selection: (provider: string, id: string) =>
    http.get<{ items: AccountChoice[] }>(`/channels/${provider}/selections/${encodeURIComponent(id)}`),
  connectSelection: (provider: string, id: string, external_ids: string[]) =>
    http.post<{ items: Channel[] }>(`/channels/${provider}/selections/${encodeURIComponent(id)}`, { external_ids }),
};

export const posts = {
  get: (id: number) => http.get<Post>(`/posts/${id}`),
  list: (query?: Query) => http.get<Page<Post>>("/posts", query),
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
  bulk: (body: BulkIn) => http.post<unknown>("/conversations/bulk", body),
  /** The whole message history (the list's `q` covers each conversation's recent words). */
  searchMessages: (q: string, limit = 20) => http.get<Page<Message>>("/messages/search", { q, limit }),
  block: (id: number, blocked: boolean) => http.post<Conversation>(`/conversations/${id}/${blocked ? "block" : "unblock"}`),
  messages: (id: number, cursor?: string | null) =>
    http.get<Page<Message>>(`/conversations/${id}/messages`, { cursor: cursor ?? undefined, limit: 50 }),
  send: (id: number, body: MessageIn) => http.post<Message>(`/conversations/${id}/messages`, body),
  retry: (messageId: number) => http.post<Message>(`/messages/${messageId}/retry`),
  sendQuickReply: (id: number, quick_reply_id: number) =>
    http.post<{ items: Message[] }>(`/conversations/${id}/quick-replies`, { quick_reply_id }),
  addTag: (id: number, tagId: number) => http.post<Conversation>(`/conversations/${id}/tags/${tagId}`),
  removeTag: (id: number, tagId: number) => http.delete<Conversation>(`/conversations/${id}/tags/${tagId}`),
  tagCustomer: (id: number, tagId: number, pinned: boolean) =>
    http.post<Conversation>(`/conversations/${id}/customer-tags/${tagId}`, { pinned }),
  untagCustomer: (id: number, tagId: number) => http.delete<Conversation>(`/conversations/${id}/customer-tags/${tagId}`),
  notes: (id: number) => http.get<Note[]>(`/conversations/${id}/notes`),
  addNote: (id: number, text: string) => http.post<Note>(`/conversations/${id}/notes`, { text }),
  sync: (id: number) => http.post<unknown>(`/conversations/${id}/sync`),
  orderDraft: (id: number) => http.get<OrderPrefill>(`/conversations/${id}/order-draft`),
};

export const comments = {
  action: (messageId: number, action: "like" | "unlike" | "hide" | "unhide") =>
    http.post<unknown>(`/comments/${messageId}/${action}`),
  remove: (messageId: number) => http.delete<unknown>(`/comments/${messageId}`),
};

export const contacts = {
  get: (id: number) => http.get<Contact>(`/contacts/${id}`),
  addNote: (id: number, text: string) => http.post<unknown>(`/contacts/${id}/notes`, { text }),
  addPhone: (id: number, phone: string) => http.post<Contact>(`/contacts/${id}/phones`, { phone }),
  blacklist: (id: number, reason?: string) => http.post<Contact>(`/contacts/${id}/blacklist`, { reason }),
  /** Customers sharing a phone with this one (other channels / pages): suggested merges. */
  sameCustomers: (id: number) => http.get<{ items: SameCustomer[] }>(`/contacts/${id}/same-customers`),
  merge: (id: number, otherId: number) => http.post<Contact>(`/contacts/${id}/merge`, { other_id: otherId }),
  dismissSame: (id: number, otherId: number) => http.post<{ items: SameCustomer[] }>(`/contacts/${id}/same-customers/${otherId}/dismiss`),
};

export const customerSettings = {
  get: () => http.get<CustomerSettings>("/customer-settings"),
  set: (body: CustomerSettings) => http.put<CustomerSettings>("/customer-settings", body),
};

export const tags = {
  list: () => http.get<Page<Tag>>("/tags", { limit: 200 }),
  create: (body: TagIn) => http.post<Tag>("/tags", body),
  update: (id: number, body: Partial<TagIn>) => http.patch<Tag>(`/tags/${id}`, body),
  remove: (id: number) => http.delete(`/tags/${id}`),
};

export const quickReplies = {
  list: () => http.get<Page<QuickReplyGroup>>("/quick-replies", { limit: 200 }),
  suggest: (q: string, channel_id?: number) =>
    http.get<Page<QuickReplyGroup>>("/quick-replies/suggest", { q, channel_id }),
  create: (body: QuickReplyIn) => http.post<QuickReplyGroup>("/quick-replies", body),
  update: (id: number, body: Partial<QuickReplyIn>) => http.patch<QuickReplyGroup>(`/quick-replies/${id}`, body),
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
  create: (body: ProductIn) => http.post<Product>("/products", body),
  update: (id: number, body: Partial<ProductIn>) => http.patch<Product>(`/products/${id}`, body),
  remove: (id: number) => http.delete(`/products/${id}`),
};

export const presence = {
  get: () => http.get<Presence>("/presence"),
};

export const orders = {
  list: (query: Query, cursor?: string | null) =>
    http.get<Page<OrderSummary>>("/orders", { ...query, cursor: cursor ?? undefined, limit: 100 }),
  get: (id: number) => http.get<Order>(`/orders/${id}`),
  create: (body: OrderIn) => http.post<Order>("/orders", body),
  update: (id: number, body: OrderPatch) => http.patch<Order>(`/orders/${id}`, body),
  transition: (id: number, to: string, reason?: string) =>
    http.post<Order>(`/orders/${id}/transition`, { to, reason }),
  printHtml: (id: number) => http.get<string>(`/orders/${id}/print`),
  exportXlsx: (query: Query) => http.blob("/orders/export.xlsx", query),
};

export const livestreams = {
  list: () => http.get<Page<LivestreamSummary>>("/livestreams"),
  get: (id: number) => http.get<Livestream>(`/livestreams/${id}`),
  liveVideos: (channel_id?: number) => http.get<Page<LiveVideo>>("/livestreams/live-videos", { channel_id }),
  create: (body: LivestreamIn) => http.post<Livestream>("/livestreams", body),
  update: (id: number, body: { title?: string; accepting_orders?: boolean }) =>
    http.patch<Livestream>(`/livestreams/${id}`, body),
  configure: (id: number, body: LivestreamConfig) => http.put<LivestreamConfigOut>(`/livestreams/${id}/config`, body),
  comments: (id: number, outcome?: string) =>
    http.get<Page<LivestreamComment>>(`/livestreams/${id}/comments`, { limit: 200, outcome }),
  resolveComment: (
    id: number,
    commentId: number,
    body: { phone?: string | null; items?: { item_id: number; variant_id?: number | null; quantity?: number | null }[] },
  ) => http.post<LivestreamComment>(`/livestreams/${id}/comments/${commentId}/resolve`, body),
  end: (id: number) => http.post<Livestream>(`/livestreams/${id}/end`),
  board: (id: number) => http.get<Page<BoardOrder>>(`/livestreams/${id}/orders`, { limit: 200 }),
  totals: (id: number) => http.get<LivestreamTotals>(`/livestreams/${id}/totals`),
  printOrders: (id: number, ids: number[]) => http.post<string>(`/livestreams/${id}/orders/print`, { ids }),
  bulk: (id: number, ids: number[], action: "confirm" | "close" | "cancel" | "complete", reason?: string) =>
    http.post<{ done: number[]; failed: { id: number; code: string; message?: string }[] }>(
      `/livestreams/${id}/orders/bulk`,
      { ids, action, reason },
    ),
};

export interface ReportQuery extends Query {
  from: string;
  to: string;
  group_by: string;
  channel_id?: number;
}

export const reports = {
  conversations: (q: ReportQuery) => http.get<ConversationReport>("/reports/conversations", q),
  orders: (q: ReportQuery) => http.get<OrderReport>("/reports/orders", q),
  livestream: (id: number) => http.get<LivestreamReport>(`/reports/livestreams/${id}`),
  xlsx: (path: "conversations" | "orders" | `livestreams/${number}`, q: Query = {}) =>
    http.blob(`/reports/${path}`, { ...q, format: "xlsx" }),
};
