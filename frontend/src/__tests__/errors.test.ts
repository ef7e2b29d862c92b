// Every error code the server can answer with reaches the user in Vietnamese: the backend is
// scanned for codes (core/errors.py classes, `code="..."` raised anywhere, error_response
// literals, bulk actions' skip `reason="..."`) and each must have its `err.<code>` text in i18n/messages/errors.ts.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { channelReasonText, deliveryErrorText, errorText, messageErrorText, previewText, webhookDisabledText } from "../app/errorText";
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
    expect(messageErrorText(t, code)).toBe(t(key as MessageKey, { provider: "Facebook" }));
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
    ["100/33", "msgerr.providerOther"],
    [null, "msgerr.providerOther"],
    ["channel_disconnected", "err.channel_disconnected"],
  ] as const)("failed send %s", (code, key) => {
    expect(messageErrorText(t, code)).toBe(t(key as MessageKey, { provider: "Facebook" }));
  });
});

// Issue: a failed message's tooltip showed the provider's raw text ("(#10) This message is sent
// outside of allowed window", a JSON blob). The codes below are what each provider's send stores
// in `error_code` (channels/<provider>/send.py verdicts, channels/sending.py).
describe("why a message failed, per provider", () => {
  const fail = (provider: string, label: string, code: string | null) => messageErrorText(t, code, { provider, label });

  it.each([
    ["facebook", "Facebook", "10/2018278", "Facebook từ chối: đã quá thời hạn nhắn tin (24 giờ kể từ tin cuối của khách)."],
    ["instagram", "Instagram", "10", "Instagram từ chối: đã quá thời hạn nhắn tin (24 giờ kể từ tin cuối của khách)."],
    ["instagram", "Instagram", "190", "Instagram không còn chấp nhận mã truy cập của kênh: vui lòng kết nối lại trong Cài đặt → Kênh."],
    ["shopee", "Shopee", "invalid_acceess_token", "Shopee không còn chấp nhận mã truy cập của kênh: vui lòng kết nối lại trong Cài đặt → Kênh."],
    ["shopee", "Shopee", "error_rate_limit", "Shopee đang giới hạn số lượt gửi, vui lòng thử lại sau."],
    ["shopee", "Shopee", "error_param", "Shopee không nhận nội dung này (sai định dạng, quá dài hoặc tệp quá lớn)."],
    ["shopee", "Shopee", "error_something_new", "Shopee từ chối gửi tin này."],
    ["lazada", "Lazada", "IllegalAccessToken", "Lazada không còn chấp nhận mã truy cập của kênh: vui lòng kết nối lại trong Cài đặt → Kênh."],
    ["lazada", "Lazada", "ServiceUnavailable", "Lazada đang gặp sự cố, vui lòng gửi lại sau ít phút."],
    ["lazada", "Lazada", "no_session", "Chưa có phiên chat Lazada với khách này: chờ khách nhắn cho shop trước."],
    ["lazada", "Lazada", "lazada_reply_over", "Đã quá hạn trả lời tin cuối của khách trên Lazada."],
    ["tiktok", "TikTok Shop", "tiktok_45101006", "TikTok Shop chặn tin này vì có từ ngữ nhạy cảm."],
    ["tiktok", "TikTok Shop", "tiktok_105002", "TikTok Shop không còn chấp nhận mã truy cập của kênh: vui lòng kết nối lại trong Cài đặt → Kênh."],
    ["tiktok", "TikTok Shop", "tiktok_cannot_send", "Khách chưa nhắn trong 30 ngày (và chưa mua trong 60 ngày): TikTok Shop không cho shop nhắn trước. Chờ khách nhắn lại."],
    ["tiktok", "TikTok Shop", "tiktok_12345", "TikTok Shop từ chối gửi tin này."],
    ["zalo", "Zalo OA", "zalo_-213", "Zalo OA từ chối: khách chưa quan tâm OA hoặc tài khoản không còn tồn tại."],
    ["zalo", "Zalo OA", "zalo_-216", "Mã truy cập Zalo OA hết hạn hoặc bị thu hồi: hãy kết nối lại OA."],
    ["zalo", "Zalo OA", "zalo_-201", "Zalo OA không nhận nội dung này (sai định dạng, quá dài hoặc tệp quá lớn)."],
    ["zalo", "Zalo OA", "zalo_window_closed", "Đã quá 48 giờ kể từ tin cuối của khách: Zalo không còn cho phản hồi miễn phí. Chờ khách nhắn lại."],
    ["shopee", "Shopee", "maybe_sent", "Mất kết nối khi đang gửi: khách có thể đã nhận một phần tin này. Kiểm tra trên ứng dụng của kênh trước khi gửi lại."],
    ["zalo", "Zalo OA", "disconnected", "Kênh đã mất kết nối: hãy kết nối lại trong Cài đặt → Kênh rồi gửi lại."],
    ["tiktok", "TikTok Shop", null, "TikTok Shop từ chối gửi tin này."],
  ])("%s %s", (provider, label, code, text) => {
    expect(fail(provider, label, code)).toBe(text);
  });

  it("never blames Facebook for a marketplace's refusal", () => {
    for (const provider of ["shopee", "lazada", "tiktok", "zalo"]) {
      for (const code of ["10", "190", "error_auth", "IllegalAccessToken", "tiktok_1", "zalo_-1", "network", null]) {
        expect(fail(provider, provider.toUpperCase(), code)).not.toContain("Facebook");
      }
    }
  });

  it("every reason a provider maps to has a Vietnamese and an English text", () => {
    const keys = Object.keys(catalogues.vi).filter((k) => k.startsWith("msgerr."));
    for (const k of keys) expect(k in catalogues.en, k).toBe(true);
    for (const k of keys) expect(catalogues.vi[k as keyof typeof catalogues.vi], k).not.toMatch(/refused|error/i);
  });
});

// Settings → Webhooks showed a delivery's raw exception ("ConnectError: [Errno 111] ...").
describe("why a webhook delivery failed", () => {
  it.each([
    ["HTTP 500", "Máy nhận đang gặp lỗi (HTTP 500); sự kiện sẽ được gửi lại."],
    ["HTTP 404", "Máy nhận không có địa chỉ này (HTTP 404): kiểm tra lại URL."],
    ["HTTP 401", "Máy nhận từ chối (HTTP 401): kiểm tra khoá bí mật và cách kiểm tra chữ ký bên nhận."],
    ["HTTP 418", "Máy nhận trả lời lỗi HTTP 418."],
    ["Redirect to https://erp.example/new not followed", "Máy nhận chuyển hướng sang https://erp.example/new: Chotdon không đi theo chuyển hướng, hãy nhập thẳng URL cuối."],
    ["Refused: The host erp.invalid cannot be resolved", "Không tìm thấy tên miền erp.invalid: kiểm tra lại URL."],
    ["Refused: The host intra.example resolves to a private, loopback or link-local address (10.0.0.1)", "Tên miền intra.example trỏ tới địa chỉ nội bộ: Chotdon không gửi tới mạng nội bộ."],
    ["Refused: The URL must be http:// or https:// with a host", "URL phải bắt đầu bằng http:// hoặc https:// và có tên máy."],
    ["Timed out after 10 s", "Máy nhận không trả lời trong 10 giây."],
    ["ConnectError: [Errno 111] Connection refused", "Không kết nối được tới máy nhận (máy tắt, sai cổng hoặc bị tường lửa chặn)."],
    ["ConnectError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed", "Chứng chỉ HTTPS của máy nhận không hợp lệ."],
    ["RemoteProtocolError: Server disconnected without sending a response.", "Máy nhận ngắt kết nối giữa chừng."],
    ["Something else entirely", "Gửi không thành công."],
  ])("%s", (error, text) => {
    expect(deliveryErrorText(t, error)).toBe(text);
  });

  it("an endpoint turned off says why in a sentence", () => {
    expect(webhookDisabledText(t, "Disabled after 20 failed deliveries in a row (last: HTTP 503)")).toBe(
      "Đã tự động tắt sau 20 lần gửi lỗi liên tiếp. Lỗi gần nhất: Máy nhận đang gặp lỗi (HTTP 503); sự kiện sẽ được gửi lại.",
    );
  });

  it("matches the forms integrations/delivery.py writes", () => {
    const source = readFileSync(path.join(backend, "integrations", "delivery.py"), "utf8");
    for (const form of [
      'f"HTTP {status}"',
      'f"Redirect to {location} not followed"',
      'f"Refused: {exc}"',
      '"The URL must be http:// or https:// with a host"',
      'f"The host {host} cannot be resolved"',
      'f"The host {host} resolves to a private, loopback or link-local address ({bad[0]})"',
      'f"Timed out after {settings.webhook_timeout_seconds:g} s"',
      'f"{type(exc).__name__}: {exc}"',
      'f"Disabled after {sub.consecutive_failures} failed deliveries in a row "',
      'f"(last: {attempt.error})"',
    ]) {
      expect(source, form).toContain(form);
    }
  });
});

describe("previews", () => {
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
