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
const META = new Set(["facebook", "instagram"]);

/** The channel a failed message went through: its provider's name and label ("Shopee"). */
export type SendChannel = { provider?: string | null; label?: string | null };

// What each marketplace's stored `error_code` means, as a `msgerr.*` key. Shopee and Lazada store
// their error name as it is; TikTok and Zalo prefix their numeric code ("tiktok_45101006",
// "zalo_-213"); codes with their own `err.<code>` text (channels.ts) are looked up before these.
const SHOPEE: Record<string, string> = {
  invalid_access_token: "token",
  invalid_acceess_token: "token",
  error_auth: "token",
  error_shop_refresh_token: "token",
  shop_access_expired: "token",
  error_permission: "permission",
  error_api_permission: "permission",
  api_suspended: "permission",
  error_rate_limit: "rateLimited",
  error_limit: "rateLimited",
  error_server: "down",
  error_busy: "down",
  error_inner: "down",
  error_param: "invalid",
  error_data: "invalid",
  error_not_found: "gone",
};
const LAZADA: Record<string, string> = {
  IllegalAccessToken: "token",
  InvalidAccessToken: "token",
  AccessTokenExpired: "token",
  ApiCallLimit: "rateLimited",
  AppCallLimit: "rateLimited",
  SellerCallLimit: "rateLimited",
  ServiceTimeout: "down",
  InternalError: "down",
  ServiceUnavailable: "down",
  "5xx": "down",
  no_session: "noSession", // ours: no chat session with this buyer yet (lazada/send.py)
  MissingParameter: "invalid",
  InvalidParameter: "invalid",
  InsufficientPermission: "permission",
  AppWhiteListLimit: "permission",
};
const ZALO: Record<string, string> = {
  "-201": "invalid",
  "-210": "invalid",
  "-211": "quota",
  "-213": "notFollower",
  "-217": "recipient",
  "-227": "recipient",
  "-232": "noInteraction",
  "-32": "rateLimited",
  "-429": "rateLimited",
  "-200": "down",
  "-204": "permission",
  "-205": "permission",
  "-209": "permission",
};

function tiktokReason(code: string): string {
  if (code.startsWith("105")) return "token"; // 105xxx: token errors (TikTok's SDK)
  if (code === "36009004") return "rateLimited";
  if (code === "36009003" || code === "45101001") return "down";
  return "providerOther";
}

function marketplaceReason(provider: string, code: string): string | null {
  if (provider === "shopee") return SHOPEE[code] ?? null;
  if (provider === "lazada") return LAZADA[code] ?? null;
  if (provider === "tiktok" && code.startsWith("tiktok_")) return tiktokReason(code.slice(7));
  if (provider === "zalo" && code.startsWith("zalo_")) return ZALO[code.slice(5)] ?? null;
  return null;
}

function graphReason(code: string): string {
  const [graph] = code.split("/");
  if (graph === "10") return "window";
  if (graph === "551") return "recipient";
  if (graph === "10900") return "privateReplyDone";
  if (graph === "10903") return "privateReply";
  if (GRAPH_TOKEN.has(graph)) return "token";
  if (GRAPH_RATE_LIMIT.has(graph)) return "rateLimited";
  if (graph === "network") return "network";
  return "providerOther";
}

/**
 * Why a message failed, in Vietnamese, from its `error_code`: our own codes (`err.<code>`, e.g.
 * a closed reply window), Graph's "code/subcode" (Facebook, Instagram), or a marketplace's error
 * name (Shopee, Lazada) or number (TikTok Shop, Zalo). The provider's raw `error` text is never
 * the explanation (the bubble keeps it under "Chi tiết" for support).
 */
export function messageErrorText(t: T, code: string | null | undefined, channel: SendChannel = {}): string {
  const provider = channel.provider ?? "facebook";
  const vars = { provider: channel.label || (META.has(provider) ? (provider === "instagram" ? "Instagram" : "Facebook") : provider) };
  if (!code) return t("msgerr.providerOther", vars);
  const own = known(t, `err.${code}`);
  if (own) return own;
  const reason = META.has(provider) ? graphReason(code) : (marketplaceReason(provider, code) ?? "providerOther");
  return t(`msgerr.${reason}` as MessageKey, vars);
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

// Outgoing webhooks: integrations/delivery.py `send_once` writes a delivery's `error` as one of
// these English forms (src/__tests__/errors.test.ts checks they are still the ones it writes).
const HOOK_ERRORS: [RegExp, (m: RegExpExecArray, t: T) => string][] = [
  [/^HTTP (\d{3})$/, (m, t) => hookHttpText(t, Number(m[1]))],
  [/^Redirect to (.*) not followed$/, (m, t) => t("hookerr.redirect", { url: m[1] })],
  [/^Refused: The URL must be/, (_m, t) => t("hookerr.badUrl")],
  [/^Refused: The host (\S+) cannot be resolved/, (m, t) => t("hookerr.unresolved", { host: m[1] })],
  [/^Refused: The host (\S+) resolves to a private/, (m, t) => t("hookerr.private", { host: m[1] })],
  [/^Timed out after ([\d.]+) s/, (m, t) => t("hookerr.timeout", { seconds: m[1] })],
  [/^ConnectError: .*(SSL|CERTIFICATE|certificate)/, (_m, t) => t("hookerr.tls")],
  [/^ConnectError\b/, (_m, t) => t("hookerr.connect")],
  [/^(RemoteProtocolError|ReadError|WriteError|LocalProtocolError)\b/, (_m, t) => t("hookerr.dropped")],
];

function hookHttpText(t: T, status: number): string {
  if (status === 401 || status === 403) return t("hookerr.http401", { status });
  if (status === 404 || status === 410) return t("hookerr.http404", { status });
  if (status === 413) return t("hookerr.http413", { status });
  if (status === 429) return t("hookerr.http429", { status });
  if (status >= 500) return t("hookerr.http5xx", { status });
  return t("hookerr.http", { status });
}

/** Why an outgoing webhook delivery failed, as a sentence (the raw `error` stays for support). */
export function deliveryErrorText(t: T, error: string | null | undefined): string {
  if (!error) return "";
  for (const [pattern, text] of HOOK_ERRORS) {
    const m = pattern.exec(error);
    if (m) return text(m, t);
  }
  return t("hookerr.other");
}

/** Why an endpoint was turned off: integrations' "Disabled after N failed deliveries in a row
 * (last: <error>)" as a sentence. */
export function webhookDisabledText(t: T, reason: string): string {
  const m = /^Disabled after (\d+) failed deliveries in a row \(last: (.*)\)$/s.exec(reason);
  if (!m) return t("hooks.disabledBecause", { reason: t("hookerr.other") });
  return t("hookerr.disabled", { n: m[1], last: deliveryErrorText(t, m[2]) });
}
