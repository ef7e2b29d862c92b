// One catalogue for every string the user sees; Vietnamese by default, English available.
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { catalogues, type Locale, type MessageKey } from "./catalogue";

export type { Locale, MessageKey };

const LOCALE_KEY = "chotdon.locale";

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  let text: string = catalogues[locale][key] ?? catalogues.vi[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.split(`{${k}}`).join(String(v));
  return text;
}

interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  money: (vnd: number) => string;
  time: (iso: string) => string;
  dateTime: (iso: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem(LOCALE_KEY) : null;
  return saved === "en" || saved === "vi" ? saved : "vi";
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const value = useMemo<I18n>(() => {
    const tag = locale === "vi" ? "vi-VN" : "en-GB";
    const moneyFmt = new Intl.NumberFormat(tag);
    const timeFmt = new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit" });
    const dayFmt = new Intl.DateTimeFormat(tag, { day: "2-digit", month: "2-digit" });
    const fullFmt = new Intl.DateTimeFormat(tag, { dateStyle: "short", timeStyle: "short" });
    return {
      locale,
      setLocale: (l) => {
        localStorage.setItem(LOCALE_KEY, l);
        document.documentElement.lang = l;
        setLocaleState(l);
      },
      t: (key, vars) => translate(locale, key, vars),
      money: (vnd) => `${moneyFmt.format(vnd)} ₫`,
      time: (iso) => {
        const d = new Date(iso);
        const today = new Date();
        return d.toDateString() === today.toDateString() ? timeFmt.format(d) : dayFmt.format(d);
      },
      dateTime: (iso) => fullFmt.format(new Date(iso)),
    };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}
