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
  { id: number; name: string; prefix: string; role: string; created_at: string; last_used_at: string | null }
>;
export type ApiKeyCreated = Schema<"ApiKeyCreated", ApiKey & { key: string }>;

export type ConversationKind = "message" | "comment";
export type MessageStatus = "pending" | "sent" | "delivered" | "read" | "failed";

export type TagRef = Schema<
  "TagRef",
  { id: number; name: string; color: string; folder?: string | null; visible?: boolean }
>;

export interface Tag {
  id: number;
  name: string;
  color: string;
  folder?: string | null;
  visible?: boolean;
  position?: number;
  source?: string;
}

export type ContactRef = Schema<
  "ContactRef",
  { id: number; name: string; phones?: string[]; picture_url?: string | null; blocked?: boolean }
>;

export type LastMessage = Schema<
  "LastMessage",
  {
    id: number | null;
    text: string | null;
    direction: "in" | "out" | null;
    sender_type: string | null;
    created_at: string;
  }
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

export interface Attachment {
  type?: string;
  url?: string | null;
  name?: string | null;
  size?: number | null;
  media_id?: number | null;
  [key: string]: unknown;
}

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
    reply_to_external_id?: string | null;
    parent_external_id?: string | null;
    is_private_reply?: boolean;
    is_hidden?: boolean;
    is_deleted?: boolean;
    is_liked?: boolean;
    edited_at?: string | null;
    meta?: { [key: string]: unknown };
    created_at: string;
  }
>;

/** `GET /conversations/counts`: one number per quick filter. */
export type Counts = Record<string, number>;

export interface Note {
  id: number;
  text: string;
  author_id?: number | null;
  author_name?: string | null;
  conversation_id?: number | null;
  contact_id?: number | null;
  created_at: string;
}

export interface Post {
  id: number;
  message?: string | null;
  picture_url?: string | null;
  permalink_url?: string | null;
  kind?: string;
}

export interface QuickReplyGroup {
  id: number;
  name: string;
  shortcut?: string | null;
  enabled?: boolean;
  channel_ids: number[];
  messages: { text?: string | null; attachment_ids?: number[] }[];
}

export interface Media {
  id: number;
  filename: string;
  content_type: string;
  kind: string;
  size: number;
  url?: string | null;
  created_at?: string;
}

export interface Contact {
  id: number;
  name: string;
  picture_url?: string | null;
  phones: (string | { phone: string })[];
  addresses: (string | { text: string; province?: string | null; district?: string | null; ward?: string | null })[];
  orders_count: number;
  completed_orders_count?: number;
  cancelled_orders_count: number;
  total_spent?: number;
  blocked?: boolean;
  tags: TagRef[];
  notes?: Note[];
}

export interface ProductVariant {
  id?: number;
  sku: string;
  name: string;
  price: number;
  stock: number;
}

export interface Product {
  id: number;
  sku: string;
  name: string;
  price: number;
  stock: number;
  images?: string[];
  variants: ProductVariant[];
}

export type OrderStatus = "draft" | "confirmed" | "closed" | "completed" | "cancelled";
export const ORDER_STATUSES: OrderStatus[] = ["draft", "confirmed", "closed", "completed", "cancelled"];

export interface OrderItem {
  product_id: number | null;
  variant_sku?: string | null;
  name: string;
  quantity: number;
  unit_price: number;
}

export interface Order {
  id: number;
  code: string;
  status: OrderStatus;
  contact_id: number | null;
  conversation_id: number | null;
  livestream_id: number | null;
  phone: string | null;
  customer_name: string | null;
  address: string | null;
  items: OrderItem[];
  subtotal?: number;
  shipping_fee: number;
  discount: number;
  total: number;
  payment_method: string;
  note: string | null;
  source: "manual" | "chat_auto" | "livestream";
  cancel_reason?: string | null;
  bot_status?: string | null;
  bot_error?: string | null;
  created_at: string;
  updated_at?: string;
}

export interface OrderIn {
  contact_id?: number | null;
  conversation_id?: number | null;
  phone?: string | null;
  customer_name?: string | null;
  address?: string | null;
  items: OrderItem[];
  shipping_fee: number;
  discount: number;
  payment_method: string;
  note?: string | null;
}

export interface Channel {
  id: number;
  provider: string;
  external_id: string;
  name: string;
  picture_url?: string | null;
  status: "connected" | "disconnected";
  status_reason: string | null;
  settings?: { [key: string]: unknown };
  last_synced_at?: string | null;
}

export interface LivestreamItem {
  keyword: string;
  product_id: number;
  variant_sku?: string | null;
  price?: number | null;
  quantity_limit?: number | null;
}

export interface Livestream {
  id: number;
  channel_id: number;
  post_id?: number | null;
  live_video_id?: string | null;
  live_video_external_id?: string | null;
  title: string;
  status: string;
  accepting_orders?: boolean;
  confirm_by_message?: boolean;
  hide_phone_comments?: boolean;
  phone_only_single_product?: boolean;
  items?: LivestreamItem[];
  created_at?: string;
}

export interface LivestreamConfig {
  items: LivestreamItem[];
  confirm_by_message: boolean;
  hide_phone_comments: boolean;
  phone_only_single_product?: boolean;
}

export type CommentOutcome = "order_created" | "order_updated" | "missing_phone" | "not_understood" | string;

export interface LivestreamComment {
  id: number;
  message_id: number;
  contact_id?: number | null;
  contact_name?: string | null;
  order_id?: number | null;
  outcome: CommentOutcome;
  text?: string | null;
  parsed?: { [key: string]: unknown };
  created_at: string;
}

export interface LiveVideo {
  id: string;
  title?: string | null;
  status?: string | null;
  post_id?: number | null;
}

export interface Presence {
  conversation_id?: number | null;
  user_id?: number;
  viewers?: { user_id: number; name?: string }[];
  online?: { user_id: number; name?: string }[];
}
