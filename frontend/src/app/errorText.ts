// The one place that turns what the server said into the user's language: API errors by their
// `code` (texts in i18n/messages/errors.ts), failed-send reasons by `error_code`, and the
// list's "[image]"-style previews. The server's English `message` is never shown.
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n";

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const ROLE_NAMES: Record<string, MessageKey> = { owner: "role.owner", admin: "role.admin", agent: "role.agent" };

function known(t: T, key: string): string | null {
  const text = t(key as MessageKey);
  return text === key ? null : text;
}

function fieldsOf(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details
    .map((d) => (d && typeof d === "object" && "field" in d ? String((d as { field: unknown }).field) : ""))
    .filter(Boolean);
}

export function errorText(t: T, error: unknown): string {
  if (!(error instanceof ApiError)) return t("error.generic");
  if (error.status === 0) return t("error.network");
  const details = error.details as Record<string, unknown> | undefined;
  if (error.code === "forbidden" && details && typeof details.required_role === "string") {
    const role = ROLE_NAMES[details.required_role];
    return t("err.role_required", { role: role ? t(role) : details.required_role });
  }
  if (error.code === "validation_error") {
    const fields = fieldsOf(error.details);
    if (fields.length) return t("err.validation_fields", { fields: [...new Set(fields)].join(", ") });
  }
  return known(t, `err.${error.code}`) ?? (error.status >= 500 ? t("err.internal_error") : t("error.generic"));
}

const GRAPH_RATE_LIMIT = new Set(["4", "17", "32", "613", "80001", "80006"]);
const GRAPH_TOKEN = new Set(["190", "102"]);

/** Why a message failed, from its `error_code` (our codes, or Graph's "code/subcode"). */
export function messageErrorText(t: T, code: string | null | undefined): string {
  if (!code) return t("msgerr.other");
  const own = known(t, `err.${code}`);
  if (own) return own;
  const [graph] = code.split("/");
  if (graph === "10") return t("msgerr.window");
  if (graph === "551") return t("msgerr.recipient");
  if (graph === "10900") return t("msgerr.privateReplyDone");
  if (graph === "10903") return t("msgerr.privateReply");
  if (GRAPH_TOKEN.has(graph)) return t("msgerr.token");
  if (GRAPH_RATE_LIMIT.has(graph)) return t("msgerr.rateLimited");
  if (graph === "network") return t("msgerr.network");
  return t("msgerr.other");
}

/** Why a channel is disconnected, from its `status_reason_code` (never the English reason). */
export function channelReasonText(t: T, code: string | null | undefined): string {
  return (code && known(t, `chanreason.${code}`)) || t("chanreason.other");
}

/** A message preview: the server writes "[image]" for a message without text. */
export function previewText(t: T, text: string | null | undefined): string {
  if (!text) return "";
  const m = /^\[([a-z_]+)\]$/.exec(text);
  if (!m) return text;
  return known(t, `preview.${m[1]}`) ?? t("inbox.attachment");
}
