// Working hours, automatic messages and outgoing webhooks (settings sections of issue #17).
import { http } from "./client";
import type { components } from "./schema.gen";
import type { Page } from "./types";

type S = components["schemas"];
export type WorkingHours = S["WorkingHoursOut"];
export type WorkingHoursIn = S["WorkingHoursIn"];
export type AutoMessage = S["AutoMessageOut"];
export type AutoMessageIn = S["AutoMessageIn"];
export type AutoMessagePatch = S["AutoMessagePatch"];
export type AutoMessageSend = S["AutoMessageSendOut"];
export type Preview = S["PreviewOut"];
export type Webhook = S["WebhookOut"];
export type WebhookCreated = S["WebhookCreatedOut"];
export type WebhookIn = S["WebhookIn"];
export type WebhookPatch = S["WebhookPatch"];
export type Delivery = S["DeliveryOut"];

export const automationKeys = {
  workingHours: ["working-hours"] as const,
  autoMessages: ["auto-messages"] as const,
  autoMessageLog: ["auto-messages", "log"] as const,
  webhooks: ["webhooks"] as const,
  deliveries: (id: number) => ["webhooks", id, "deliveries"] as const,
};

export const workingHours = {
  get: () => http.get<WorkingHours>("/working-hours"),
  put: (body: WorkingHoursIn) => http.put<WorkingHours>("/working-hours", body),
};

export const autoMessages = {
  list: () => http.get<Page<AutoMessage>>("/auto-messages"),
  create: (body: AutoMessageIn) => http.post<AutoMessage>("/auto-messages", body),
  update: (id: number, body: AutoMessagePatch) => http.patch<AutoMessage>(`/auto-messages/${id}`, body),
  remove: (id: number) => http.delete(`/auto-messages/${id}`),
  preview: (text: string, kind: AutoMessage["kind"]) => http.post<Preview>("/auto-messages/preview", { text, kind }),
  log: () => http.get<Page<AutoMessageSend>>("/auto-messages/log", { limit: 20 }),
};

export const webhooks = {
  list: () => http.get<Page<Webhook>>("/webhooks"),
  create: (body: WebhookIn) => http.post<WebhookCreated>("/webhooks", body),
  update: (id: number, body: WebhookPatch) => http.patch<Webhook>(`/webhooks/${id}`, body),
  remove: (id: number) => http.delete(`/webhooks/${id}`),
  deliveries: (id: number) => http.get<Page<Delivery>>(`/webhooks/${id}/deliveries`, { limit: 20 }),
  redeliver: (id: number, deliveryId: number) => http.post<Delivery>(`/webhooks/${id}/deliveries/${deliveryId}/redeliver`),
  test: (id: number) => http.post<Delivery>(`/webhooks/${id}/test`),
};
