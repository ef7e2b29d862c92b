// Settings → customers: whether customers sharing a phone number are merged automatically
// (the owner's choice) or only suggested on the customer pane.
import { useQuery } from "@tanstack/react-query";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import { useSession } from "../app/session";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";
import { useSave } from "./useSave";

export function CustomerSettings() {
  const { t } = useI18n();
  const { me } = useSession();
  const isOwner = me?.role === "owner";
  const current = useQuery({ queryKey: keys.customerSettings, queryFn: api.customerSettings.get });
  const save = useSave(api.customerSettings.set, keys.customerSettings);
  return (
    <section data-testid="customer-settings">
      <h2>{t("settings.customers")}</h2>
      <ErrorText error={current.error ?? save.error} />
      {!isOwner ? <p className="muted">{t("customers.ownerOnly")}</p> : null}
      {current.data ? (
        <label className="check check-top">
          <input
            type="checkbox"
            name="auto_merge_by_phone"
            disabled={!isOwner || save.isPending}
            checked={current.data.auto_merge_by_phone}
            onChange={(e) => save.mutate({ auto_merge_by_phone: e.target.checked })}
          />
          <span>
            <strong>{t("customers.autoMerge")}</strong>
            <br />
            <span className="muted">{t("customers.autoMergeHelp")}</span>
          </span>
        </label>
      ) : null}
    </section>
  );
}
