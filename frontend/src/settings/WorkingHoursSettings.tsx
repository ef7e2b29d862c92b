// Settings → working hours: open periods per weekday and closed dates (used by away messages).
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { automationKeys, workingHours, type WorkingHours } from "../api/automations";
import { ApiError } from "../api/client";
import { ErrorText } from "../app/ui";
import { useI18n, type MessageKey } from "../i18n";
import { useSave } from "./useSave";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const PERIOD = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/;

/** "08:00-12:00, 13:30-21:00" -> [["08:00","12:00"],["13:30","21:00"]]; null when unreadable. */
export function parsePeriods(text: string): string[][] | null {
  const parts = text.split(",").map((p) => p.trim()).filter(Boolean);
  const out: string[][] = [];
  for (const part of parts) {
    const m = PERIOD.exec(part);
    if (!m) return null;
    out.push([m[1].padStart(5, "0"), m[2].padStart(5, "0")]);
  }
  return out;
}

export function formatPeriods(periods: string[][] | undefined): string {
  return (periods ?? []).map(([a, b]) => `${a}-${b}`).join(", ");
}

function toForm(hours: WorkingHours) {
  return {
    timezone: hours.timezone,
    days: Object.fromEntries(DAYS.map((d) => [d, formatPeriods(hours.days[d])])) as Record<string, string>,
    closed: hours.closed_dates.join(", "),
  };
}

export function WorkingHoursSettings() {
  const { t } = useI18n();
  const query = useQuery({ queryKey: automationKeys.workingHours, queryFn: workingHours.get, retry: false });
  const [form, setForm] = useState<ReturnType<typeof toForm> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (query.data && form === null) setForm(toForm(query.data));
  }, [query.data, form]);
  const save = useSave(
    () => {
      const days: Record<string, string[][]> = {};
      for (const d of DAYS) {
        const periods = parsePeriods(form?.days[d] ?? "");
        if (periods === null) throw new Error(t("hours.badPeriods", { day: t(`hours.day.${d}` as MessageKey) }));
        days[d] = periods;
      }
      const closed_dates = (form?.closed ?? "").split(/[\s,]+/).filter(Boolean);
      return workingHours.put({ timezone: form?.timezone || "Asia/Ho_Chi_Minh", days, closed_dates });
    },
    automationKeys.workingHours,
    (h) => {
      setForm(toForm(h));
      setSaved(true);
    },
  );
  const data = query.data;
  return (
    <section data-testid="working-hours">
      <h2>{t("settings.working-hours")}</h2>
      <p className="muted">{t("hours.help")}</p>
      {data ? (
        <p>
          <span className={`pill ${data.open_now ? "pill-ok" : "pill-bad"}`}>
            {data.open_now ? t("hours.openNow") : t("hours.closedNow")}
          </span>{" "}
          {!data.configured ? <span className="muted">{t("hours.alwaysOpen")}</span> : null}
        </p>
      ) : null}
      <ErrorText error={query.error} />
      {form ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(false);
            setProblem(null);
            save.mutate(undefined, { onError: (err) => setProblem(err instanceof Error ? err.message : null) });
          }}
        >
          <label>
            {t("hours.timezone")}
            <input value={form.timezone} onChange={(e) => setForm({ ...form, timezone: e.target.value })} />
          </label>
          <p className="muted">{t("hours.periods")}</p>
          {DAYS.map((d) => (
            <label key={d}>
              {t(`hours.day.${d}` as MessageKey)}
              <input
                name={`day-${d}`}
                value={form.days[d]}
                placeholder={t("hours.closedDay")}
                onChange={(e) => setForm({ ...form, days: { ...form.days, [d]: e.target.value } })}
              />
            </label>
          ))}
          <label>
            {t("hours.closedDates")}
            <input name="closed-dates" value={form.closed} onChange={(e) => setForm({ ...form, closed: e.target.value })} />
          </label>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t("hours.save")}
          </button>
          {saved ? <p className="success">{t("hours.saved")}</p> : null}
          {problem && !(save.error instanceof ApiError) ? <p className="error">{problem}</p> : null}
          <ErrorText error={save.error instanceof ApiError ? save.error : null} />
        </form>
      ) : null}
    </section>
  );
}
