// Settings › Vận chuyển: per carrier, on/off, token (write-only), pickup address (text plus its
// official codes through the same pickers as orders: quotes and bookings use the codes), webhook URL.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { AddressPicker, toInput, type StructuredIn } from "../addresses/AddressPicker";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";
import { CARRIER_NAMES, shipping, shippingKeys, type CarrierAccount, type CarrierName } from "./api";

export function CarrierSettings() {
  const { t } = useI18n();
  const carriers = useQuery({ queryKey: shippingKeys.carriers, queryFn: shipping.carriers });
  return (
    <div data-testid="carrier-settings">
      <h2>{t("settings.shipping")}</h2>
      <p className="muted">{t("ship.settingsHelp")}</p>
      <ErrorText error={carriers.error} />
      {carriers.data?.items.map((c) => <CarrierForm key={c.carrier} account={c} />)}
    </div>
  );
}

function CarrierForm({ account }: { account: CarrierAccount }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [enabled, setEnabled] = useState(account.enabled);
  const [token, setToken] = useState("");
  const [shopId, setShopId] = useState("");
  const [pickup, setPickup] = useState(account.pickup);
  const [structured, setStructured] = useState<StructuredIn | null>(toInput(account.pickup.structured_address));
  const save = useMutation({
    mutationFn: () =>
      shipping.saveCarrier(account.carrier as CarrierName, {
        enabled,
        credentials: token ? { token, shop_id: shopId } : null,
        pickup: {
          name: pickup.name,
          phone: pickup.phone,
          address: pickup.address,
          structured_address: pickup.address ? structured : null,
        },
      }),
    onSuccess: () => {
      setToken("");
      void client.invalidateQueries({ queryKey: shippingKeys.carriers });
    },
  });
  return (
    <form
      className="card"
      data-carrier={account.carrier}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3>{CARRIER_NAMES[account.carrier]}</h3>
      <label>
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t("ship.enabled")}
      </label>
      <label className="field">
        {t("ship.token")} {account.credentials_set ? <span className="muted">({t("ship.tokenSet")})</span> : null}
        <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" name="token" />
      </label>
      <label className="field">
        {t("ship.shopId")}
        <input value={shopId} onChange={(e) => setShopId(e.target.value)} name="shop_id" />
      </label>
      <label className="field">
        {t("ship.pickupName")}
        <input value={pickup.name ?? ""} onChange={(e) => setPickup({ ...pickup, name: e.target.value })} name="pickup_name" />
      </label>
      <label className="field">
        {t("ship.pickupPhone")}
        <input value={pickup.phone ?? ""} onChange={(e) => setPickup({ ...pickup, phone: e.target.value })} name="pickup_phone" />
      </label>
      <label className="field">
        {t("ship.pickupAddress")}
        <input value={pickup.address ?? ""} onChange={(e) => setPickup({ ...pickup, address: e.target.value })} name="pickup_address" />
      </label>
      <AddressPicker text={pickup.address ?? ""} value={structured} onChange={setStructured} />
      {account.webhook_url ? (
        <p className="muted">
          {t("ship.webhookUrl")}: <code>{account.webhook_url}</code>
          {account.carrier === "viettelpost" ? (
            <>
              {" "}
              · Authorization: <code>{account.webhook_secret}</code>
            </>
          ) : null}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {t("common.save")}
      </button>
      {save.isSuccess ? <span className="muted" data-testid="carrier-saved"> {t("ship.saved")}</span> : null}
      <ErrorText error={save.error} />
    </form>
  );
}
