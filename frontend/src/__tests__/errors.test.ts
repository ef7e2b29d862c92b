// Every error code the server can answer with reaches the user in Vietnamese: the backend is
// scanned for codes (core/errors.py classes, `code="..."` raised anywhere, error_response
// literals, bulk actions' skip `reason="..."`) and each must have its `err.<code>` text in i18n/messages/errors.ts.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { channelReasonText, errorText, messageErrorText, previewText } from "../app/errorText";
import { catalogues } from "../i18n/catalogue";
import { translate, type MessageKey } from "../i18n";

const backend = path.resolve(__dirname, "../../../backend/chotdon");

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === "simulator" || name === "__pycache__" ? [] : pythonFiles(p);
    return name.endsWith(".py") ? [p] : [];
  });
}

function serverErrorCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of pythonFiles(backend)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\b(?:code|reason)\s*=\s*"([a-z][a-z0-9_]*)"/g)) codes.add(m[1]);
    for (const m of text.matchAll(/error_(?:response|body)\(\s*(?:\d+\s*,\s*)?"([a-z][a-z0-9_]*)"/g)) codes.add(m[1]);
    if (file.endsWith(path.join("core", "errors.py"))) {
      for (const m of text.matchAll(/^\s*\d{3}:\s*"([a-z_]+)"/gm)) codes.add(m[1]);
    }
  }
  return codes;
}

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate("vi", key, vars);

/** The keys of a `NAME: dict[str, str] = {...}` table in a backend module. */
function tableKeys(file: string, name: string): string[] {
  const text = readFileSync(path.join(backend, file), "utf8");
  const body = text.split(`${name}: dict[str, str] = {`)[1]?.split("\n}")[0] ?? "";
  return [...body.matchAll(/^\s*"([a-z0-9_]+)":/gm)].map((m) => m[1]);
}

// Texts the server stores for the SPA to show (a channel's disconnection reason, why the bot's
// message was not sent) are codes: an English sentence assigned to one would reach the UI.
describe("server reasons reach the UI in Vietnamese", () => {
  const channelReasons = tableKeys("channels/reasons.py", "STATUS_REASONS");
  const botErrors = tableKeys("orders/bot_errors.py", "BOT_ERRORS");

  it("finds the tables", () => {
    expect(channelReasons).toContain("disconnected_by_user");
    expect(botErrors).toContain("no_messenger_conversation");
  });

  it("every channel status reason has its Vietnamese text", () => {
    const missing = channelReasons.filter((c) => !(`chanreason.${c}` in catalogues.vi));
    expect(missing, "add chanreason.<code> to frontend/src/i18n/messages/channels.ts").toEqual([]);
  });

  it("every bot error has its Vietnamese text", () => {
    const missing = botErrors.filter((c) => !(`err.${c}` in catalogues.vi));
    expect(missing, "add err.<code> to frontend/src/i18n/messages/errors.ts").toEqual([]);
  });

  it("the server assigns codes, never sentences, to status_reason and bot_error", () => {
    const assigned: string[] = [];
    for (const file of pythonFiles(backend)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\b(status_reason|bot_error)\s*=\s*(f?"[^"]*")/g)) assigned.push(`${m[1]}=${m[2]}`);
      for (const m of text.matchAll(/\bstatus_reason\s*=\s*\(\s*"([^"]*)"/g)) assigned.push(`status_reason=${m[1]}`);
    }
    const english = assigned.filter((a) => {
      const [field, raw] = a.split("=", 2);
      const code = raw.replace(/^f?"|"$/g, "");
      return field === "status_reason" ? !channelReasons.includes(code) : !botErrors.includes(code);
    });
    expect(english, "store a code (channels/reasons.py, orders/bot_errors.py), not text").toEqual([]);
  });

  it.each([
    ["token_expired", "Mã truy cập của trang đã hết hạn: hãy kết nối lại trang."],
    [null, "Kênh đã ngắt kết nối: hãy kết nối lại."],
    ["Some English sentence", "Kênh đã ngắt kết nối: hãy kết nối lại."],
  ])("channel reason %s", (code, text) => {
    expect(channelReasonText(t, code)).toBe(text);
  });

  it.each([
    ["no_messenger_conversation", "err.no_messenger_conversation"],
    ["after_24h", "err.after_24h"],
    ["private_reply_over", "err.private_reply_over"],
    ["phone_required", "err.phone_required"],
    ["10/2018278", "msgerr.window"],
  ] as const)("bot error %s", (code, key) => {
    expect(messageErrorText(t, code)).toBe(t(key as MessageKey));
  });
});

describe("server errors in Vietnamese", () => {
  const codes = serverErrorCodes();

  it("finds the server's codes", () => {
    for (const c of ["not_found", "validation_error", "forbidden", "tag_exists", "invalid_value", "method_not_allowed"]) expect(codes).toContain(c);
  });

  it("every code the server answers with has a Vietnamese text", () => {
    const missing = [...codes].filter((c) => !(`err.${c}` in catalogues.vi)).sort();
    expect(missing, "add err.<code> to frontend/src/i18n/messages/errors.ts").toEqual([]);
  });

  it.each([
    [new ApiError(403, "forbidden", "This needs the admin role or higher", { required_role: "admin" }), "Việc này cần quyền Quản trị trở lên."],
    [new ApiError(422, "validation_error", "Invalid input", [{ field: "name", message: "x" }]), "Dữ liệu nhập chưa hợp lệ: name."],
    [new ApiError(422, "validation_error", "Invalid input"), "Dữ liệu nhập chưa hợp lệ."],
    [new ApiError(409, "tag_exists", "A tag with this name already exists in this folder"), "Đã có nhãn cùng tên trong thư mục này."],
    [new ApiError(0, "network_error", "Failed to fetch"), "Không kết nối được máy chủ."],
    [new ApiError(418, "something_new", "English"), "Có lỗi xảy ra, vui lòng thử lại."],
    [new ApiError(502, "http_502", "Bad Gateway"), "Máy chủ gặp lỗi, vui lòng thử lại."],
    [new Error("boom"), "Có lỗi xảy ra, vui lòng thử lại."],
  ])("%s → Vietnamese", (error, text) => {
    expect(errorText(t, error)).toBe(text);
  });

  it.each([
    ["10/2018278", "msgerr.window"],
    ["10", "msgerr.window"],
    ["551", "msgerr.recipient"],
    ["190", "msgerr.token"],
    ["613", "msgerr.rateLimited"],
    ["10900", "msgerr.privateReplyDone"],
    ["network", "msgerr.network"],
    ["100/33", "msgerr.other"],
    [null, "msgerr.other"],
    ["channel_disconnected", "err.channel_disconnected"],
  ] as const)("failed send %s", (code, key) => {
    expect(messageErrorText(t, code)).toBe(t(key as MessageKey));
  });

  it.each([
    ["[image]", "[Hình ảnh]"],
    ["[product]", "[Sản phẩm]"],
    ["[something]", "[Tệp đính kèm]"],
    ["[Hình] áo đẹp", "[Hình] áo đẹp"],
    ["Chào shop", "Chào shop"],
  ])("preview %s", (text, shown) => {
    expect(previewText(t, text)).toBe(shown);
  });
});
