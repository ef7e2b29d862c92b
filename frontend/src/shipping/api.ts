// Shipping endpoints (API.md "Shipping") and their generated types.
import { API_BASE, ApiError, getToken, http } from "../api/client";
import type { components } from "../api/schema.gen";

type S = components["schemas"];
export type CarrierName = "ghn" | "ghtk" | "viettelpost";
export type CarrierAccount = S["CarrierAccountOut"];
export type CarrierAccountIn = S["CarrierAccountIn"];
export type Quotes = S["QuotesOut"];
export type Shipment = S["ShipmentOut"];

export const CARRIERS: CarrierName[] = ["ghn", "ghtk", "viettelpost"];
export const CARRIER_NAMES: Record<string, string> = { ghn: "GHN", ghtk: "GHTK", viettelpost: "Viettel Post" };

export const shippingKeys = {
  carriers: ["carriers"] as const,
  shipments: (orderId: number) => ["shipments", orderId] as const,
};

async function pdf(method: string, path: string, body?: unknown): Promise<Blob> {
  const token = getToken();
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(`${API_BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!r.ok) {
    const err = (await r.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(r.status, err?.error?.code ?? "bad_request", err?.error?.message ?? r.statusText);
  }
  return r.blob();
}

export const shipping = {
  carriers: () => http.get<{ items: CarrierAccount[] }>("/carriers"),
  saveCarrier: (carrier: CarrierName, body: CarrierAccountIn) => http.put<CarrierAccount>(`/carriers/${carrier}`, body),
  quotes: (orderId: number, newWardCode?: string | null) =>
    http.post<Quotes>(`/orders/${orderId}/shipping-quotes`, { new_ward_code: newWardCode ?? null }),
  shipments: (orderId: number) => http.get<{ items: Shipment[] }>(`/orders/${orderId}/shipments`),
  book: (orderId: number, carrier: string, serviceId: string | null, newWardCode?: string | null) =>
    http.post<Shipment>(`/orders/${orderId}/shipments`, { carrier, service_id: serviceId, new_ward_code: newWardCode ?? null }),
  cancel: (id: number) => http.post<Shipment>(`/shipments/${id}/cancel`),
  label: (id: number) => pdf("GET", `/shipments/${id}/label`),
  labels: (ids: number[]) => pdf("POST", "/shipments/labels", { shipment_ids: ids }),
  // Every carrier's labels of the livestream in one PDF (the server merges them).
  labelsOfLivestream: (livestreamId: number) => pdf("POST", "/shipments/labels", { livestream_id: livestreamId }),
  bulk: (carrier: string, body: { order_ids?: number[]; livestream_id?: number }) =>
    http.post<{ queued: number[] }>("/shipments/bulk", { carrier, ...body }),
};

/** Open a PDF label in a new tab (the browser's own print dialog prints it). */
export function openPdf(blob: Blob): string {
  const url = URL.createObjectURL(blob);
  window.open(url, "_blank");
  return url;
}
