// Shapes the SPA consumes. Where openapi.yaml already describes a schema, the generated type is
// used (via `Schema`), so a drift between backend and SPA fails `tsc`. Shapes the backend has not
// published yet mirror API.md and backend/chotdon/*/schemas.py until it does.
import type { components } from "./schema.gen";

type Schemas = components["schemas"];
/** The generated schema `N` when openapi.yaml has it, else the API.md mirror `Fallback`. */
type Schema<N extends string, Fallback> = N extends keyof Schemas ? Schemas[N] : Fallback;

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export type Role = "owner" | "admin" | "agent";

export type User = Schema<"UserOut", { id: number; email: string; name: string; locale: string }>;
export type Workspace = Schema<"WorkspaceOut", { id: number; name: string }>;
export type WorkspaceWithRole = Schema<"WorkspaceWithRole", Workspace & { role: Role }>;
export type AuthOut = Schema<
  "AuthOut",
  { access_token: string; user: User; workspace: Workspace; role: Role }
>;
export type Me = Schema<
  "MeOut",
  { user: User | null; workspace: Workspace; role: Role; workspaces: WorkspaceWithRole[] }
>;
export type Member = Schema<
  "MemberOut",
  { id: number; user_id: number; email: string; name: string; role: Role; is_active: boolean; created_at: string }
>;
export type ApiKey = Schema<
  "ApiKeyOut",
  {
    id: number;
    name: string;
    prefix: string;
    role: string;
    scopes: string[];
    created_by_id: number | null;
    created_at: string;
    last_used_at: string | null;
  }
>;
export type ApiKeyCreated = Schema<"ApiKeyCreated", ApiKey & { key: string }>;
export type Invitation = Schema<
  "InvitationOut",
  { id: number; email: string; name: string; role: Role; expires_at: string; created_at: string }
>;
export type InvitationCreated = Schema<"InvitationCreated", Invitation & { token: string; url: string; emailed: boolean }>;
export type UserSession = Schema<
  "SessionOut",
  {
    id: number;
    user_agent: string | null;
    ip: string | null;
    created_at: string;
    last_used_at: string | null;
    expires_at: string;
    current: boolean;
  }
>;
export type SessionsEnded = Schema<"SessionsEnded", { ended: number }>;
export type InvitationPreview = Schema<
  "InvitationPreview",
  { workspace: Workspace; email: string; name: string; role: Role; expires_at: string }
>;

export type AutoAssignMode = "off" | "round_robin" | "first_reply";
export type AutoAssignment = Schema<"AutoAssignmentOut", { mode: AutoAssignMode; member_ids: number[]; channel_ids: number[] }>;

export type ConversationKind = "message" | "comment";
export type MessageStatus = "pending" | "sent" | "delivered" | "read" | "failed";

export type TagRef = Schema<
  "TagRef",
  { id: number; name: string; color: string; folder?: string | null; visible?: boolean }
>;

export type Tag = Schema<
  "TagOut",
  { id: number; name: string; color: string; folder?: string | null; visible?: boolean; position?: number; source?: string }
>;
export type TagIn = Schema<"TagIn", Omit<Tag, "id">>;

export type ContactRef = Schema<
  "ContactRef",
  { id: number; name: string; phones?: string[]; picture_url?: string | null; blocked?: boolean }
>;

export type LastMessage = Schema<
  "LastMessage",
  { id: number | null; text: string | null; direction: "in" | "out" | null; sender_type: string | null; created_at: string }
>;

export type Conversation = Schema<
  "ConversationOut",
  {
    id: number;
    channel_id: number;
    kind: ConversationKind;
    post_id: number | null;
    contact: ContactRef;
    status: "open" | "done";
    assignee_id: number | null;
    unread: boolean;
    replied: boolean;
    has_phone: boolean;
    has_order: boolean;
    tags: TagRef[];
    last_message: LastMessage | null;
    last_message_at: string;
    last_incoming_at?: string | null;
    version: number;
    created_at: string;
  }
>;

export type Message = Schema<
  "MessageOut",
  {
    id: number;
    conversation_id: number;
    channel_id: number;
    kind: ConversationKind;
    direction: "in" | "out";
    sender_type: "contact" | "agent" | "bot" | "page";
    sender_user_id?: number | null;
    text: string | null;
    attachments: { [key: string]: unknown }[];
    status: MessageStatus;
    error: string | null;
    error_code?: string | null;
    external_id: string | null;
    parent_external_id?: string | null;
    is_private_reply?: boolean;
    is_hidden?: boolean;
    is_deleted?: boolean;
    is_liked?: boolean;
    meta?: { [key: string]: unknown };
    created_at: string;
  }
>;
export type MessageIn = Schema<
  "MessageIn",
  { text?: string | null; attachment_ids?: number[]; product_id?: number | null; private_reply?: boolean; reply_to_message_id?: number | null }
>;

/** `GET /conversations/counts`: one number per quick filter. */
export type Counts = Schema<"Counts", Record<string, number>>;
export type BulkIn = Schema<
  "chotdon__inbox__schemas__BulkIn",
  { ids: number[]; action: string; tag_ids?: number[]; assignee_id?: number | null }
>;

export type Note = Schema<
  "chotdon__inbox__schemas__NoteOut",
  { id: number; text: string; author_id?: number | null; conversation_id?: number | null; created_at: string }
>;

export type QuickReplyGroup = Schema<
  "QuickReplyOut",
  {
    id: number;
    name: string;
    shortcut?: string | null;
    enabled?: boolean;
    channel_ids: number[];
    messages: { text?: string | null; attachment_ids?: number[] }[];
  }
>;
export type QuickReplyIn = Schema<"QuickReplyIn", Omit<QuickReplyGroup, "id">>;

export type Media = Schema<
  "MediaOut",
  { id: number; filename: string; content_type: string; kind: string; size: number; url?: string | null; created_at?: string }
>;

export type SameCustomer = Schema<
  "SameCustomerOut",
  {
    contact: { id: number; name: string; phones: string[]; orders_count: number; cancelled_orders_count: number };
    shared_phones: string[];
    channels: { id: number; provider: string; name: string }[];
  }
>;
export type CustomerSettings = Schema<"CustomerSettingsOut", { auto_merge_by_phone: boolean }>;

export type Contact = Schema<
  "ContactDetailOut",
  {
    id: number;
    name: string;
    picture_url?: string | null;
    phones: string[];
    addresses: { text: string; province?: string | null; district?: string | null; ward?: string | null }[];
    orders_count: number;
    cancelled_orders_count: number;
    total_spent?: number;
    blocked?: boolean;
    tags: TagRef[];
    notes?: { id: number; text: string }[];
  }
>;

export type OrderPrefill = Schema<
  "OrderPrefillOut",
  {
    conversation_id: number;
    contact_id: number;
    customer_name?: string | null;
    phone?: string | null;
    phones: string[];
    address?: string | null;
    addresses: { text: string }[];
    orders_count: number;
    cancelled_orders_count: number;
    shipping_fee?: number | null;
  }
>;

export type ProductVariant = Schema<"VariantOut", { id?: number; sku: string; name: string; price: number; stock: number }>;
export type Product = Schema<
  "ProductOut",
  {
    id: number;
    sku: string;
    name: string;
    price: number;
    stock: number;
    images?: string[];
    variants: ProductVariant[];
    listings?: ProductListing[];
  }
>;
/** A product's own listing on a channel with the `listings` capability (a Shopee item ID). */
export type ProductListing = Schema<"ListingOut", { channel_id: number; external_id: string }>;
export type ProductIn = Schema<
  "ProductIn",
  { sku: string; name: string; price: number; stock: number; variants: Omit<ProductVariant, "id">[]; listings?: ProductListing[] }
>;

export type OrderStatus = "draft" | "confirmed" | "closed" | "completed" | "cancelled";
export const ORDER_STATUSES: OrderStatus[] = ["draft", "confirmed", "closed", "completed", "cancelled"];

export type OrderItem = Schema<
  "OrderItemOut",
  { product_id: number | null; variant_sku?: string | null; name: string; quantity: number; unit_price: number }
>;
export type OrderItemIn = Schema<
  "OrderItemIn",
  { product_id: number; variant_sku?: string | null; name?: string | null; quantity: number; unit_price?: number | null }
>;

export type Order = Schema<
  "OrderDetailOut",
  {
    id: number;
    code: string;
    status: string;
    contact_id: number | null;
    conversation_id: number | null;
    livestream_id: number | null;
    phone: string | null;
    customer_name: string | null;
    address: string | null;
    items: OrderItem[];
    shipping_fee: number;
    discount: number;
    total: number;
    payment_method: string;
    note: string | null;
    source: string;
    cancel_reason?: string | null;
    bot_status?: string | null;
    bot_error?: string | null;
    bot_error_code?: string | null;
    allowed_transitions?: string[];
    created_at: string;
  }
>;
export type OrderSummary = Schema<"OrderOut", Order>;
export type OrderPatch = Schema<
  "OrderPatch",
  {
    customer_name?: string | null;
    phone?: string | null;
    address?: string | null;
    items?: OrderItemIn[] | null;
    shipping_fee?: number | null;
    discount?: number | null;
    note?: string | null;
    version?: number | null;
  }
>;
export type OrderIn = Schema<
  "OrderIn",
  {
    contact_id?: number | null;
    conversation_id?: number | null;
    phone?: string | null;
    customer_name?: string | null;
    address?: string | null;
    items: OrderItemIn[];
    shipping_fee: number;
    discount: number;
    payment_method: string;
    note?: string | null;
  }
>;

export type Channel = Schema<
  "ChannelOut",
  {
    id: number;
    provider: string;
    external_id: string;
    name: string;
    status: string;
    status_reason: string | null;
    status_reason_code?: string | null;
    settings: { label_sync?: boolean; auto_livestream?: boolean };
    sync?: { status: "idle" | "running" | "done" | "failed"; conversations?: number; comments?: number; error?: string | null };
    last_synced_at?: string | null;
  }
>;
export type ChannelPatch = Schema<"ChannelPatch", { name?: string | null; settings?: Partial<Channel["settings"]> | null }>;

export type LivestreamItem = Schema<
  "ConfigItemIn",
  { keyword: string; product_id: number; variant_sku?: string | null; price?: number | null; quantity_limit?: number | null; stock_limit?: number | null }
>;
export type LivestreamConfig = Schema<
  "ConfigIn",
  { items: LivestreamItem[]; confirm_by_message: boolean; hide_phone_comments: boolean; phone_only_single_product?: boolean }
>;
export type LivestreamConfigOut = Schema<"ConfigOut", LivestreamConfig>;
export type Livestream = Schema<
  "LivestreamDetailOut",
  {
    id: number;
    channel_id: number;
    title: string;
    status: string;
    accepting_orders?: boolean;
    not_taking_orders?: "ended" | "stopped" | "no_products" | null;
    config?: LivestreamConfigOut;
  }
>;
export type LivestreamSummary = Schema<"LivestreamOut", Livestream>;
export type LivestreamIn = Schema<
  "LivestreamIn",
  { channel_id: number; live_video_id?: string | null; post_id?: number | null; title: string }
>;
export type LiveVideo = Schema<
  "LiveVideoOut",
  { post_id: number; channel_id: number; live_video_id?: string | null; title?: string | null; status: string; livestream_id?: number | null }
>;
export type LivestreamComment = Schema<
  "LiveCommentOut",
  { id: number; message_id: number; customer_name?: string | null; order_code?: string | null; outcome: string; text?: string | null; created_at: string }
>;
export type BoardOrder = Schema<"BoardOrderOut", { order: OrderSummary; history?: unknown }>;
export type LivestreamTotals = Schema<
  "TotalsOut",
  { orders: number; items: number; revenue: number; confirmed_rate: number; customers?: number; comments?: number }
>;

/** Presence: the REST snapshot lists viewers per conversation; the live event maps them. */
export interface Presence {
  online_user_ids?: number[];
  viewers?: Record<string, number[]> | { conversation_id: number; user_ids: number[] }[];
}

export type Post = Schema<
  "PostOut",
  {
    id: number;
    channel_id: number;
    external_id: string;
    kind: "post" | "live_video";
    message: string | null;
    picture_url: string | null;
    permalink_url: string | null;
    status_type: string | null;
    live_status: string | null;
    posted_at: string | null;
    created_at: string;
  }
>;

// Reports (backend/chotdon/reports/schemas.py).
export type Durations = Schema<"Durations", never>;
export type ConversationReport = Schema<"ConversationReport", never>;
export type ConversationRow = Schema<"ConversationRow", never>;
export type OrderReport = Schema<"OrderReport", never>;
export type OrderRow = Schema<"OrderRow", never>;
export type LivestreamReport = Schema<"LivestreamReport", never>;

export type ChannelProvider = Schema<
  "ProviderOut",
  { name: string; label: string; capabilities: string[]; connect_modes: string[] }
>;
export type ProviderList = Schema<"ProviderList", { items: ChannelProvider[] }>;
export type AccountChoice = Schema<
  "AccountChoice",
  {
    external_id: string;
    provider: string;
    name: string;
    picture_url?: string | null;
    linked_to?: string | null;
    missing_permissions?: string[];
    connected_channel_id?: number | null;
  }
>;
