// The screen agents live in: list | conversation | customer & order form.
// State lives in the URL (`?unread=true&tag_id=3&c=42`), so reload and back/forward keep it.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Conversation } from "../api/types";
import { navigate, useLocation } from "../app/router";
import { Modal } from "../app/ui";
import { useI18n } from "../i18n";
import { ConversationList } from "./ConversationList";
import { ConversationPane } from "./ConversationPane";
import { type InboxFilters, filtersFromSearch, filtersToSearch } from "./filters";
import { RightPane } from "./RightPane";

export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: "J / ↓", action: "shortcut.next" },
  { keys: "K / ↑", action: "shortcut.prev" },
  { keys: "/", action: "shortcut.search" },
  { keys: "R", action: "shortcut.reply" },
  { keys: "E", action: "shortcut.done" },
  { keys: "U", action: "shortcut.unread" },
  { keys: "O", action: "shortcut.order" },
  { keys: "Enter", action: "shortcut.send" },
  { keys: "Shift+Enter", action: "shortcut.newline" },
  { keys: "Alt+N", action: "shortcut.note" },
  { keys: "?", action: "shortcut.help" },
  { keys: "Esc", action: "shortcut.close" },
];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

export function InboxScreen() {
  const { t } = useI18n();
  const { search } = useLocation();
  const filters = filtersFromSearch(search);
  const selected = Number(new URLSearchParams(search).get("c")) || null;
  const [rightTab, setRightTab] = useState<"customer" | "order">("customer");
  const [showRight, setShowRight] = useState(false);
  const [help, setHelp] = useState(false);
  const items = useRef<Conversation[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const paneActions = useRef<{ done?: () => void; unread?: () => void }>({});

  const setFilters = useCallback(
    (f: InboxFilters) => navigate(`/inbox${filtersToSearch(f, { c: selected ? String(selected) : undefined })}`, { replace: true }),
    [selected],
  );
  const open = useCallback(
    (id: number | null) => navigate(`/inbox${filtersToSearch(filters, { c: id ? String(id) : undefined })}`),
    [filters],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setHelp(false);
        (document.activeElement as HTMLElement | null)?.blur?.();
        return;
      }
      if (e.altKey && e.key.toLowerCase() === "n") {
        e.preventDefault();
        composerRef.current?.dispatchEvent(new CustomEvent("toggle-note"));
        composerRef.current?.focus();
        return;
      }
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const list = items.current;
      const index = list.findIndex((c) => c.id === selected);
      switch (e.key) {
        case "j":
        case "ArrowDown":
          if (list.length) open(list[Math.min(list.length - 1, index + 1)].id);
          break;
        case "k":
        case "ArrowUp":
          if (list.length) open(list[Math.max(0, index - 1)].id);
          break;
        case "/":
          searchRef.current?.focus();
          break;
        case "r":
          composerRef.current?.focus();
          break;
        case "e":
          paneActions.current.done?.();
          break;
        case "u":
          paneActions.current.unread?.();
          break;
        case "o":
          setRightTab("order");
          setShowRight(true);
          break;
        case "?":
          setHelp(true);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [selected, open]);

  return (
    <div className={`inbox ${selected ? "has-selection" : ""} ${showRight ? "show-right" : ""}`}>
      <ConversationList
        filters={filters}
        setFilters={setFilters}
        selectedId={selected}
        onOpen={(id) => open(id)}
        onItems={(list) => (items.current = list)}
        searchRef={searchRef}
      />
      {selected ? (
        <ConversationPane
          key={selected}
          conversationId={selected}
          composerRef={composerRef}
          actionsRef={paneActions}
          onBack={() => open(null)}
          onShowRight={(tab) => {
            setRightTab(tab);
            setShowRight(true);
          }}
          onFilterPost={(postId) => setFilters({ ...filters, post_id: String(postId) })}
          onFilterContact={(contactId) => setFilters({ channel_id: [], tag_id: [], contact_id: String(contactId) })}
          onHelp={() => setHelp(true)}
        />
      ) : (
        <section className="pane pane-conv pane-empty">
          <div className="empty">
            <p>{t("inbox.pick")}</p>
            <button type="button" className="btn-link" onClick={() => setHelp(true)}>
              {t("shortcut.title")} (?)
            </button>
          </div>
        </section>
      )}
      {selected ? (
        <RightPane
          key={`r${selected}`}
          conversationId={selected}
          tab={rightTab}
          setTab={setRightTab}
          onClose={() => setShowRight(false)}
        />
      ) : (
        <aside className="pane pane-right pane-empty" />
      )}
      {help ? (
        <Modal title={t("shortcut.title")} onClose={() => setHelp(false)}>
          <table className="shortcuts" data-testid="shortcut-help">
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.keys}>
                  <td>
                    <kbd>{s.keys}</kbd>
                  </td>
                  <td>{t(s.action as "shortcut.next")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t("shortcut.quickReplyHint")}</p>
        </Modal>
      ) : null}
    </div>
  );
}
