// The shell: login when signed out; otherwise the nav rail, the top bar and the current screen.
import { Suspense, lazy, useEffect } from "react";
import { AuthScreen } from "../auth/AuthScreen";
import { JoinScreen } from "../auth/JoinScreen";
import { PasswordResetScreen } from "../auth/PasswordResetScreen";
import { useI18n } from "../i18n";
import { useCounts } from "../inbox/hooks";
import { InboxScreen } from "../inbox/InboxScreen";
import { LiveProvider, useLive } from "../live/LiveProvider";
// The inbox is what agents open first: the other screens load on demand.
const OrdersScreen = lazy(() => import("../orders/OrdersScreen").then((m) => ({ default: m.OrdersScreen })));
const LivestreamScreen = lazy(() => import("../livestream/LivestreamScreen").then((m) => ({ default: m.LivestreamScreen })));
const ReportsScreen = lazy(() => import("../reports/ReportsScreen").then((m) => ({ default: m.ReportsScreen })));
const SettingsScreen = lazy(() => import("../settings/SettingsScreen").then((m) => ({ default: m.SettingsScreen })));
import { match, navigate, useLocation } from "./router";
import { useSession } from "./session";
import { Icon } from "./ui";

export function App() {
  const { token } = useSession();
  const { path } = useLocation();
  useEffect(() => {
    if (path === "/join" || path === "/forgot-password" || path === "/reset-password") return; // logged in or not
    if (!token && path !== "/login" && path !== "/register") navigate("/login", { replace: true });
    if (token && (path === "/login" || path === "/register" || path === "/")) navigate("/inbox", { replace: true });
  }, [token, path]);
  if (path === "/join") return <JoinScreen />;
  if (path === "/forgot-password") return <PasswordResetScreen mode="request" />;
  if (path === "/reset-password") return <PasswordResetScreen mode="reset" />;
  if (!token) return <AuthScreen mode={path === "/register" ? "register" : "login"} />;
  return (
    <LiveProvider>
      <Shell />
    </LiveProvider>
  );
}

function Shell() {
  const { path } = useLocation();
  const { t } = useI18n();
  const counts = useCounts();
  const unread = (counts.data as Record<string, number> | undefined)?.unread ?? 0;
  useEffect(() => {
    // Agents keep the inbox in a background tab: the title tells them something is waiting.
    document.title = unread ? `(${unread}) Chotdon` : "Chotdon";
  }, [unread]);
  const section = path.split("/")[1] || "inbox";
  const nav = [
    { id: "inbox", icon: "inbox", label: t("nav.inbox") },
    { id: "orders", icon: "orders", label: t("nav.orders") },
    { id: "livestream", icon: "live", label: t("nav.livestream") },
    { id: "reports", icon: "reports", label: t("nav.reports") },
    { id: "settings", icon: "settings", label: t("nav.settings") },
  ];
  let screen;
  if (section === "orders") screen = <OrdersScreen orderId={match("/orders/:id", path)?.id} />;
  else if (section === "livestream") screen = <LivestreamScreen livestreamId={match("/livestream/:id", path)?.id} />;
  else if (section === "reports") screen = <ReportsScreen tab={match("/reports/:tab", path)?.tab} />;
  else if (section === "settings") screen = <SettingsScreen section={match("/settings/:section", path)?.section} />;
  else screen = <InboxScreen />;
  return (
    <div className="shell">
      <nav className="rail" aria-label={t("nav.main")}>
        <div className="brand" title="Chotdon">
          CĐ
        </div>
        {nav.map((n) => (
          <a
            key={n.id}
            href={`/${n.id}`}
            className={`rail-item ${section === n.id ? "active" : ""}`}
            data-nav={n.id}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/${n.id}`);
            }}
          >
            <Icon name={n.icon} />
            <span>{n.label}</span>
          </a>
        ))}
      </nav>
      <div className="main">
        <TopBar />
        <div className="screen">
          <Suspense fallback={<div className="empty">{t("common.loading")}</div>}>{screen}</Suspense>
        </div>
      </div>
    </div>
  );
}

function TopBar() {
  const { me, switchWorkspace, signOut } = useSession();
  const { t, locale, setLocale } = useI18n();
  const { status } = useLive();
  return (
    <header className="topbar">
      <select
        className="ws-switch"
        aria-label={t("top.workspace")}
        value={me?.workspace.id ?? ""}
        onChange={(e) => void switchWorkspace(Number(e.target.value))}
      >
        {(me?.workspaces ?? (me ? [{ ...me.workspace, role: me.role }] : [])).map((w) => (
          <option key={w.id} value={w.id}>
            {w.name} · {t(`role.${w.role}` as "role.owner")}
          </option>
        ))}
      </select>
      <span className={`conn conn-${status}`} data-conn={status} title={t(`conn.${status}` as "conn.open")}>
        <span className="conn-dot" />
        {t(`conn.${status}` as "conn.open")}
      </span>
      <div className="topbar-right">
        <button type="button" className="btn-link" onClick={() => setLocale(locale === "vi" ? "en" : "vi")}>
          {locale === "vi" ? "English" : "Tiếng Việt"}
        </button>
        <span className="me-name">{me?.user?.name}</span>
        <button type="button" className="btn" onClick={signOut}>
          {t("top.logout")}
        </button>
      </div>
    </header>
  );
}
