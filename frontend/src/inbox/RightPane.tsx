// Right pane: the customer (phones, addresses, tags, notes, history, abandoned orders) and the
// order form prefilled from the chat.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import { navigate } from "../app/router";
import { ErrorText, TagChip } from "../app/ui";
import { useI18n } from "../i18n";
import { OrderForm, addressText } from "../orders/OrderForm";
import type { Conversation } from "../api/types";
import { useSession } from "../app/session";
import { applyConversation } from "../live/applyEvent";
import { useConversation, useTags } from "./hooks";
import { SameCustomers } from "./SameCustomers";

export function RightPane({
  conversationId,
  tab,
  setTab,
  onClose,
}: {
  conversationId: number;
  tab: "customer" | "order";
  setTab: (t: "customer" | "order") => void;
  onClose: () => void;
}) {
  const { t, money, dateTime } = useI18n();
  const conv = useConversation(conversationId);
  const contactId = conv.data?.contact.id;
  const contact = useQuery({
    queryKey: keys.contact(contactId ?? 0),
    queryFn: () => api.contacts.get(contactId!),
    enabled: !!contactId,
    retry: false,
  });
  const prefill = useQuery({
    queryKey: keys.orderDraft(conversationId),
    queryFn: () => api.conversations.orderDraft(conversationId),
    enabled: tab === "order",
    retry: false,
  });
  const history = useQuery({
    queryKey: keys.contactOrders(contactId ?? 0),
    queryFn: () => api.orders.list({ contact_id: contactId }),
    enabled: !!contactId,
    retry: false,
  });
  const c = contact.data;
  const client = useQueryClient();
  const [note, setNote] = useState("");
  const addNote = useMutation({
    mutationFn: () => api.contacts.addNote(contactId!, note.trim()),
    onSuccess: () => {
      setNote("");
      void client.invalidateQueries({ queryKey: keys.contact(contactId!) });
    },
  });
  const abandoned = c?.cancelled_orders_count ?? 0;
  return (
    <aside className="pane pane-right" aria-label={t("right.customer")}>
      <div className="tabs">
        <button type="button" className={tab === "customer" ? "on" : ""} onClick={() => setTab("customer")} data-tab="customer">
          {t("right.customer")}
        </button>
        <button type="button" className={tab === "order" ? "on" : ""} onClick={() => setTab("order")} data-tab="order">
          {t("right.order")}
        </button>
        <button type="button" className="btn-icon close-right" onClick={onClose} aria-label="close">
          ×
        </button>
      </div>
      {tab === "customer" ? (
        <div className="customer" data-testid="customer">
          <h3>{c?.name ?? conv.data?.contact.name}</h3>
          {abandoned > 0 ? (
            <div className="risk" data-testid="risk">
              ⚠ {t("customer.abandoned", { n: abandoned })}
            </div>
          ) : null}
          <ErrorText error={contact.error} />
          {contactId ? <SameCustomers contactId={contactId} /> : null}
          <dl>
            <dt>{t("customer.phones")}</dt>
            <dd>
              {(c?.phones ?? conv.data?.contact.phones ?? []).map((p) => (
                <div key={p}>
                  <a href={`tel:${p}`}>{p}</a>
                </div>
              ))}
              {!(c?.phones ?? conv.data?.contact.phones ?? []).length ? <span className="muted">—</span> : null}
            </dd>
            <dt>{t("customer.addresses")}</dt>
            <dd>
              {(c?.addresses ?? []).map((a) => (
                <div key={addressText(a)}>{addressText(a)}</div>
              ))}
              {!(c?.addresses ?? []).length ? <span className="muted">—</span> : null}
            </dd>
            <dt>{t("customer.tags")}</dt>
            <dd data-testid="customer-tags">
              {conv.data ? <CustomerTags conversation={conv.data} /> : null}
            </dd>
            <dt>{t("customer.orders")}</dt>
            <dd>
              {t("customer.ordersSummary", { n: c?.orders_count ?? 0, cancelled: abandoned })}
              {c?.total_spent ? ` · ${money(c.total_spent)}` : ""}
            </dd>
          </dl>
          <h4>{t("customer.notes")}</h4>
          {(c?.notes ?? []).map((n) => (
            <p key={n.id} className="note">
              {n.text}
            </p>
          ))}
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (note.trim() && contactId) addNote.mutate();
            }}
          >
            <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("customer.addNote")} maxLength={5000} />
            <button type="submit" className="btn" disabled={addNote.isPending}>
              {t("common.save")}
            </button>
          </form>
          <ErrorText error={addNote.error} />
          <h4>{t("customer.history")}</h4>
          <ErrorText error={history.error} />
          <ul className="history" data-testid="history">
            {history.data?.items.map((o) => (
              <li key={o.id}>
                <a
                  href={`/orders/${o.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/orders/${o.id}`);
                  }}
                >
                  {o.code}
                </a>{" "}
                <span className={`status status-${o.status}`}>{t(`orderStatus.${o.status}`)}</span> {money(o.total)}{" "}
                <span className="muted">{dateTime(o.created_at)}</span>
              </li>
            ))}
            {history.data && !history.data.items.length ? <li className="muted">{t("customer.noOrders")}</li> : null}
          </ul>
        </div>
      ) : conv.data && !prefill.isPending ? (
        <OrderForm key={prefill.data ? "prefilled" : "plain"} conversation={conv.data} prefill={prefill.data} />
      ) : (
        <p className="muted">{t("common.loading")}</p>
      )}
    </aside>
  );
}

/** Tags on the customer themself (all their conversations show them); pinned ones come first. */
function CustomerTags({ conversation }: { conversation: Conversation }) {
  const { t } = useI18n();
  const { meId } = useSession();
  const client = useQueryClient();
  const tags = useTags();
  const current = conversation.contact.tags ?? [];
  const change = useMutation({
    mutationFn: (v: { tagId: number; pinned?: boolean; remove?: boolean }) =>
      v.remove
        ? api.conversations.untagCustomer(conversation.id, v.tagId)
        : api.conversations.tagCustomer(conversation.id, v.tagId, !!v.pinned),
    onSuccess: (conv) => {
      applyConversation(client, conv, meId);
      void client.invalidateQueries({ queryKey: keys.contact(conversation.contact.id) });
    },
  });
  const attached = new Set(current.map((x) => x.id));
  return (
    <>
      <div className="customer-tags">
        {current.map((tag) => (
          <span key={tag.id} className="tag-with-pin">
            <TagChip tag={tag} onRemove={() => change.mutate({ tagId: tag.id, remove: true })} />
            <button
              type="button"
              className={`pin ${tag.pinned ? "on" : ""}`}
              aria-pressed={!!tag.pinned}
              title={tag.pinned ? t("customer.unpin") : t("customer.pin")}
              onClick={() => change.mutate({ tagId: tag.id, pinned: !tag.pinned })}
            >
              {tag.pinned ? t("customer.unpin") : t("customer.pin")}
            </button>
          </span>
        ))}
      </div>
      <select
        value=""
        aria-label={t("customer.addTag")}
        onChange={(e) => e.target.value && change.mutate({ tagId: Number(e.target.value) })}
      >
        <option value="">{t("customer.addTag")}</option>
        {tags.data?.items
          .filter((tag) => !attached.has(tag.id))
          .map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tag.name}
            </option>
          ))}
      </select>
      <ErrorText error={change.error} />
    </>
  );
}
