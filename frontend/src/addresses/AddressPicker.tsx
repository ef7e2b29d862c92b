// The delivery address as official codes, next to the text staff type or paste from the chat:
// the text is read by the server's parser (old or 2025 forms, no diacritics, "p15 tan binh hcm")
// and the result shown; staff can correct it with the province → ward pickers (34 provinces,
// diacritics-insensitive ward search), and choose the new ward when an old one was split.
// What is shown is what the order stores (`structured_address`) and what carriers are sent.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { http } from "../api/client";
import type { components } from "../api/schema.gen";
import { useI18n } from "../i18n";

type S = components["schemas"];
export type StructuredIn = S["StructuredAddressIn"];
type Stored = S["StoredAddressOut"];
type Parsed = S["ParsedAddressOut"];

export const addressApi = {
  parse: (text: string) => http.post<Parsed>("/addresses/parse", { text }),
  provinces: () => http.get<S["ProvinceList"]>("/addresses/provinces?scheme=2025"),
  wards: (province: string, q: string) =>
    http.get<S["WardList"]>(`/addresses/provinces/${province}/wards?scheme=2025&limit=20&q=${encodeURIComponent(q)}`),
};

/** The request shape of a stored address (what an order or a customer's address returns). */
export function toInput(stored: Stored | null | undefined): StructuredIn | null {
  if (!stored) return null;
  const { street, ward, district, province, ward_code, province_code, scheme } = stored;
  return { street, ward, district, province, ward_code, province_code, scheme };
}

/** "Phường Tân Sơn, Thành phố Hồ Chí Minh" (and the old district for a legacy address). */
export function describe(a: StructuredIn | null): string {
  if (!a) return "";
  return [a.ward, a.district, a.province].filter(Boolean).join(", ");
}

function useDebounced(text: string, ms: number): string {
  const [value, setValue] = useState(text);
  useEffect(() => {
    const id = setTimeout(() => setValue(text), ms);
    return () => clearTimeout(id);
  }, [text, ms]);
  return value;
}

export function AddressPicker({
  text,
  value,
  onChange,
}: {
  text: string;
  value: StructuredIn | null;
  onChange: (v: StructuredIn | null) => void;
}) {
  const { t } = useI18n();
  // Picked by hand (or stored already): typing elsewhere in the form does not override it;
  // changing the address text reads it again.
  const [pickedFor, setPickedFor] = useState<string | null>(value ? text : null);
  const debounced = useDebounced(text.trim(), 400);
  const parsed = useQuery({
    queryKey: ["address-parse", debounced],
    queryFn: () => addressApi.parse(debounced),
    enabled: debounced.length >= 5,
    retry: false,
  });
  const [wardQ, setWardQ] = useState("");
  const provinces = useQuery({ queryKey: ["provinces-2025"], queryFn: addressApi.provinces, staleTime: Infinity });
  const province2025 = value?.scheme === "2025" ? value.province_code : (parsed.data?.address_2025?.province_code ?? null);
  const wards = useQuery({
    queryKey: ["wards-2025", province2025, wardQ],
    queryFn: () => addressApi.wards(province2025!, wardQ),
    enabled: !!province2025 && wardQ.length > 0,
  });

  useEffect(() => {
    if (pickedFor !== null && pickedFor === text) return;
    if (!parsed.data || debounced !== text.trim()) return;
    setPickedFor(null);
    onChange(parsed.data.found && parsed.data.address ? parsed.data.address : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [parsed.data, debounced]);

  function pick(next: StructuredIn) {
    setPickedFor(text);
    setWardQ("");
    onChange(next);
  }
  const street = value?.street ?? parsed.data?.address?.street ?? null;
  const choices = value?.scheme === "legacy" && parsed.data?.address?.ward_code === value.ward_code ? (parsed.data?.ward_choices ?? []) : [];
  const in2025 = value?.scheme === "legacy" ? parsed.data?.address_2025 : null;

  return (
    <div className="address-picker" data-testid="address-picker">
      <p className="muted" data-testid="address-structured">
        {value ? (
          <>
            {describe(value)}
            {value.scheme === "legacy" ? ` (${t("addr.legacy")})` : null}
            {in2025?.province ? ` → ${t("ship.address2025")}: ${describe({ ...in2025, district: null })}` : null}
          </>
        ) : (
          t("addr.unread")
        )}
      </p>
      {choices.length > 1 ? (
        <label className="field">
          {t("ship.chooseWard")}
          <select
            value=""
            data-testid="address-ward-choice"
            onChange={(e) => {
              const c = choices.find((x) => x.code === e.target.value);
              if (c && in2025)
                pick({ scheme: "2025", street, province_code: in2025.province_code, province: in2025.province, ward_code: c.code, ward: c.name });
            }}
          >
            <option value="">—</option>
            {choices.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="two">
        <label>
          {t("addr.province")}
          <select
            value={province2025 ?? ""}
            data-testid="address-province"
            onChange={(e) => {
              const p = provinces.data?.items.find((x) => x.code === e.target.value);
              if (p) pick({ scheme: "2025", street, province_code: p.code, province: p.name, ward_code: null, ward: null });
            }}
          >
            <option value="">—</option>
            {(provinces.data?.items ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("addr.ward")}
          <input
            type="search"
            value={wardQ}
            placeholder={t("addr.wardSearch")}
            disabled={!province2025}
            onChange={(e) => setWardQ(e.target.value)}
            data-testid="address-ward-search"
          />
        </label>
      </div>
      {wardQ && wards.data ? (
        <ul className="pick-list" data-testid="address-wards">
          {wards.data.items.length === 0 ? <li className="muted">{t("common.noResults")}</li> : null}
          {wards.data.items.map((w) => (
            <li key={w.code}>
              <button
                type="button"
                onClick={() =>
                  pick({
                    scheme: "2025",
                    street,
                    province_code: w.province_code,
                    province: provinces.data?.items.find((p) => p.code === w.province_code)?.name ?? null,
                    ward_code: w.code,
                    ward: w.name,
                  })
                }
              >
                {w.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
