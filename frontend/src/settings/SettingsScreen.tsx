// Settings: one file per section; this screen is only the navigation between them.
// A new section is one file plus one row in SECTIONS (its title is the key `settings.<path>`).
import { AccountSettings } from "./AccountSettings";
import type { ComponentType } from "react";
import { navigate } from "../app/router";
import { useI18n, type MessageKey } from "../i18n";
import { ApiKeySettings } from "./ApiKeySettings";
import { AssignmentSettings } from "./AssignmentSettings";
import { AutoMessageSettings } from "./AutoMessageSettings";
import { ChannelSettings } from "./ChannelSettings";
import { CustomerSettings } from "./CustomerSettings";
import { MemberSettings } from "./MemberSettings";
import { NotificationSettings } from "./NotificationSettings";
import { ProductSettings } from "./ProductSettings";
import { QuickReplySettings } from "./QuickReplySettings";
import { TagsSettings } from "./TagsSettings";
import { CarrierSettings } from "../shipping/CarrierSettings";
import { WebhookSettings } from "./WebhookSettings";
import { WorkingHoursSettings } from "./WorkingHoursSettings";

interface Section {
  path: string;
  title: MessageKey;
  Screen: ComponentType;
}

const SECTIONS: Section[] = [
  { path: "channels", title: "settings.channels", Screen: ChannelSettings },
  { path: "assignment", title: "settings.assignment", Screen: AssignmentSettings },
  { path: "tags", title: "settings.tags", Screen: TagsSettings },
  { path: "customers", title: "settings.customers", Screen: CustomerSettings },
  { path: "quick-replies", title: "settings.quick-replies", Screen: QuickReplySettings },
  { path: "products", title: "settings.products", Screen: ProductSettings },
  { path: "shipping", title: "settings.shipping", Screen: CarrierSettings },
  { path: "members", title: "settings.members", Screen: MemberSettings },
  { path: "working-hours", title: "settings.working-hours", Screen: WorkingHoursSettings },
  { path: "auto-messages", title: "settings.auto-messages", Screen: AutoMessageSettings },
  { path: "api-keys", title: "settings.api-keys", Screen: ApiKeySettings },
  { path: "webhooks", title: "settings.webhooks", Screen: WebhookSettings },
  { path: "notifications", title: "settings.notifications", Screen: NotificationSettings },
  { path: "account", title: "settings.account", Screen: AccountSettings },
];

export function SettingsScreen({ section = "channels" }: { section?: string }) {
  const { t } = useI18n();
  const current = SECTIONS.find((s) => s.path === section) ?? SECTIONS[0];
  return (
    <div className="settings">
      <nav className="settings-nav">
        {SECTIONS.map((s) => (
          <a
            key={s.path}
            href={`/settings/${s.path}`}
            className={s === current ? "on" : ""}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/settings/${s.path}`);
            }}
          >
            {t(s.title)}
          </a>
        ))}
      </nav>
      <div className="settings-body">
        <current.Screen />
      </div>
    </div>
  );
}
