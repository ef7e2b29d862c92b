// Settings → notifications (sound, desktop), kept in this browser.
import { useI18n } from "../i18n";
import { useLive } from "../live/LiveProvider";

export function NotificationSettings() {
  const { t } = useI18n();
  const { notify, setNotify } = useLive();
  return (
    <section>
      <h2>{t("settings.notifications")}</h2>
      <label className="check">
        <input type="checkbox" checked={notify.sound} onChange={(e) => setNotify({ ...notify, sound: e.target.checked })} />
        {t("notify.sound")}
      </label>
      <label className="check">
        <input type="checkbox" checked={notify.desktop} onChange={(e) => setNotify({ ...notify, desktop: e.target.checked })} />
        {t("notify.desktop")}
      </label>
    </section>
  );
}
