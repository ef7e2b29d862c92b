// Every user-visible string, one file per area in messages/. Vietnamese is the reference; English
// must have every key (tsc and the i18n test enforce it). Placeholders are {name}.
// A new area is one file in messages/ exporting `vi` and `en`, added to both spreads below.
import * as app from "./messages/app";
import * as auth from "./messages/auth";
import * as inbox from "./messages/inbox";
import * as orders from "./messages/orders";
import * as livestream from "./messages/livestream";
import * as settings from "./messages/settings";
import * as errors from "./messages/errors";
import * as reports from "./messages/reports";
import * as channels from "./messages/channels";
import * as account from "./messages/account";
import * as shipping from "./messages/shipping";
import * as automations from "./messages/automations";

const vi = { ...app.vi, ...auth.vi, ...inbox.vi, ...orders.vi, ...livestream.vi, ...settings.vi, ...errors.vi, ...reports.vi, ...channels.vi, ...account.vi, ...shipping.vi, ...automations.vi };

export type MessageKey = keyof typeof vi;
export type Locale = "vi" | "en";

const en: Record<MessageKey, string> = { ...app.en, ...auth.en, ...inbox.en, ...orders.en, ...livestream.en, ...settings.en, ...errors.en, ...reports.en, ...channels.en, ...account.en, ...shipping.en, ...automations.en };

export const areas = { app, auth, inbox, orders, livestream, settings, errors, reports, channels, account, shipping, automations };

export const catalogues: Record<Locale, Record<MessageKey, string>> = { vi, en };
