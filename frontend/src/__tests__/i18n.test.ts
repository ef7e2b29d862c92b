import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { areas, catalogues, type MessageKey } from "../i18n/catalogue";
import { translate } from "../i18n";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === "__tests__" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(name) && !name.endsWith(".gen.ts") ? [p] : [];
  });
}

describe("i18n catalogue", () => {
  const vi = catalogues.vi;
  const en = catalogues.en;

  it("English has exactly the Vietnamese keys, none empty", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, value] of [...Object.entries(vi), ...Object.entries(en)]) expect(value.trim(), key).not.toBe("");
  });

  it("no key is defined by two areas (a later spread would hide the earlier text)", () => {
    const counted = Object.values(areas).reduce((n, area) => n + Object.keys(area.vi).length, 0);
    expect(counted).toBe(Object.keys(vi).length);
  });

  it("placeholders agree between languages", () => {
    for (const key of Object.keys(vi) as MessageKey[]) expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
  });

  it("every literal key used in the code exists", () => {
    const root = path.resolve(__dirname, "..");
    const used = new Set<string>();
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bt\("([\w.-]+)"/g)) used.add(m[1]);
      for (const m of text.matchAll(/action: "(shortcut\.\w+)"/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !(k in vi));
    expect(missing).toEqual([]);
  });

  it("Vietnamese is really Vietnamese (spot check) and placeholders are filled", () => {
    expect(vi["state.replied"]).toBe("Đã trả lời");
    expect(translate("vi", "inbox.selected", { n: 3 })).toBe("Đã chọn 3");
    expect(translate("en", "order.created", { code: "DH000001" })).toBe("Order DH000001 created");
  });
});
