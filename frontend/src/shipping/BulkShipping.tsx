// Bulk shipping for a livestream's closed orders (shown on the orders list filtered by a
// livestream): book them all with one carrier, then print every label of the livestream —
// whatever carrier each was booked with — in one PDF.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";
import { CARRIER_NAMES, CARRIERS, openPdf, shipping } from "./api";

export function BulkShipping({ livestreamId }: { livestreamId: number }) {
  const { t } = useI18n();
  const [carrier, setCarrier] = useState<string>(CARRIERS[0]);
  const book = useMutation({ mutationFn: () => shipping.bulk(carrier, { livestream_id: livestreamId }) });
  const labels = useMutation({
    mutationFn: () => shipping.labelsOfLivestream(livestreamId),
    onSuccess: (b) => openPdf(b),
  });
  return (
    <div className="bulk-shipping" data-testid="bulk-shipping">
      <select value={carrier} onChange={(e) => setCarrier(e.target.value)} aria-label={t("ship.filter")}>
        {CARRIERS.map((c) => (
          <option key={c} value={c}>
            {CARRIER_NAMES[c]}
          </option>
        ))}
      </select>
      <button type="button" className="btn" disabled={book.isPending} onClick={() => book.mutate()} data-testid="bulk-book">
        {t("ship.bulkBook")}
      </button>
      <button type="button" className="btn" disabled={labels.isPending} onClick={() => labels.mutate()} data-testid="bulk-labels">
        {t("ship.bulkLabels")}
      </button>
      {book.data ? <span className="muted">{t("ship.bulkQueued", { count: book.data.queued.length })}</span> : null}
      <ErrorText error={book.error ?? labels.error} />
    </div>
  );
}
