// On the customer pane: other customers with one of this customer's phone numbers (the same
// buyer on Facebook and on Lazada / Shopee / TikTok...), offered as one person: one click
// (owner/admin) merges them, so orders and "bùng đơn" follow the person; "Không phải cùng người"
// (owner/admin too: both decide who a customer is for the whole workspace) stops suggesting
// that pair, and automatic merging leaves it apart.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import { useSession } from "../app/session";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";

export function SameCustomers({ contactId }: { contactId: number }) {
  const { t } = useI18n();
  const { isAdmin } = useSession();
  const client = useQueryClient();
  const same = useQuery({
    queryKey: keys.sameCustomers(contactId),
    queryFn: () => api.contacts.sameCustomers(contactId),
    retry: false,
  });
  const merge = useMutation({
    mutationFn: (otherId: number) => api.contacts.merge(contactId, otherId),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.contact(contactId) });
      void client.invalidateQueries({ queryKey: keys.contactOrders(contactId) });
      void client.invalidateQueries({ queryKey: keys.conversationLists });
    },
  });
  const dismiss = useMutation({
    mutationFn: (otherId: number) => api.contacts.dismissSame(contactId, otherId),
    onSuccess: (remaining) => client.setQueryData(keys.sameCustomers(contactId), remaining),
  });
  const items = same.data?.items ?? [];
  if (!items.length) return null;
  return (
    <div className="same-customers" data-testid="same-customers">
      <h4>{t("customer.sameTitle")}</h4>
      {items.map((s) => (
        <div key={s.contact.id} className="same-customer" data-contact={s.contact.id}>
          <div>
            <strong>{s.contact.name || t("customer.noName")}</strong>{" "}
            <span className="muted">
              {t("customer.sameOn", {
                channels: [...new Set(s.channels.map((c) => c.name))].join(", ") || "—",
                phone: s.shared_phones.join(", "),
              })}
            </span>
          </div>
          <div className="muted">
            {t("customer.ordersSummary", { n: s.contact.orders_count, cancelled: s.contact.cancelled_orders_count })}
          </div>
          {isAdmin ? (
            <button
              type="button"
              className="btn"
              data-action="merge"
              disabled={merge.isPending}
              onClick={() => merge.mutate(s.contact.id)}
            >
              {t("customer.merge")}
            </button>
          ) : null}
          {isAdmin ? (
            <button
              type="button"
              className="btn-link"
              data-action="dismiss"
              disabled={dismiss.isPending}
              onClick={() => dismiss.mutate(s.contact.id)}
            >
              {t("customer.notSame")}
            </button>
          ) : (
            <span className="muted">{t("customer.mergeAdminOnly")}</span>
          )}
        </div>
      ))}
      <ErrorText error={merge.error ?? dismiss.error} />
    </div>
  );
}
