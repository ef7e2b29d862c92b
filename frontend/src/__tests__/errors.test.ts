// Every error code the server can answer with reaches the user in Vietnamese: the backend is
// scanned for codes (core/errors.py classes, `code="..."` raised anywhere, error_response
// literals, bulk actions' skip `reason="..."`) and each must have its `err.<code>` text in i18n/messages/errors.ts.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { errorText, messageErrorText, previewText } from "../app/errorText";
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
