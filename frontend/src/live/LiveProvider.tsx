// Owns the WebSocket for the logged-in session and feeds its frames into the query cache.
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { refreshSession, setToken } from "../api/client";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { Presence } from "../api/types";
import { useSession } from "../app/session";
import { useI18n } from "../i18n";
import { applyEvent, resyncAll } from "./applyEvent";
import { coalesce } from "./coalesce";
import { presenceViewers } from "./presence";
import { loadNotifySettings, playChime, saveNotifySettings, showDesktopNotification, type NotifySettings } from "./notify";
import { LiveConnection, type LiveStatus } from "./socket";

interface Live {
  status: LiveStatus;
  /** conversation id -> user ids viewing it */
  viewers: Record<number, number[]>;
  online: number[];
  viewing: (conversationId: number | null) => void;
  notify: NotifySettings;
  setNotify: (s: NotifySettings) => void;
}

const LiveContext = createContext<Live | null>(null);

export function LiveProvider({ children }: { children: ReactNode }) {
  const { token, meId } = useSession();
  const client = useQueryClient();
  const { t } = useI18n();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [viewers, setViewers] = useState<Live["viewers"]>({});
  const [online, setOnline] = useState<Live["online"]>([]);
  const [notify, setNotifyState] = useState(loadNotifySettings);
  const conn = useRef<LiveConnection | null>(null);
  const meRef = useRef(meId);
  meRef.current = meId;
  const notifyRef = useRef(notify);
  notifyRef.current = notify;
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    if (!token) return;
    const onPresence = (p: Presence) => {
      const next = presenceViewers(p);
      if (p.online_user_ids) setOnline(p.online_user_ids);
      if (next) setViewers(next);
    };
    void api.presence.get().then(onPresence, () => undefined);
    const invalidate = coalesce((key) => void client.invalidateQueries({ queryKey: key }));
    const refetchOnScreen = () => {
      void client.invalidateQueries({ queryKey: keys.conversationLists, type: "active" });
      void client.invalidateQueries({ queryKey: ["messages"], type: "active" });
    };
    const connection = new LiveConnection({
      token,
      onStatus: setStatus,
      onFrame: (frame) =>
        applyEvent(client, frame, {
          meId: meRef.current,
          invalidate,
          onPresence,
          onNewIncoming: (m) => {
            if (notifyRef.current.sound) playChime();
            if (notifyRef.current.desktop) showDesktopNotification(tRef.current("notify.newMessage"), m.text ?? "📎");
          },
        }),
      onResume: () => {
        // Replay covers what we missed; refetching what is on screen is the safety net.
        void client.invalidateQueries({ queryKey: keys.counts });
        void api.presence.get().then(onPresence, () => undefined);
        refetchOnScreen();
      },
      // The lists were fetched before the socket was subscribed: an event published in
      // between would be lost (a new conversation never showing up) — fetch them again.
      onLive: () => {
        void client.invalidateQueries({ queryKey: keys.counts });
        refetchOnScreen();
      },
      onGap: () => resyncAll(client),
      // An expired access token is renewed (the socket reconnects with the new one); a session
      // that ended is left, and the login screen says why (refreshSession keeps the reason).
      onUnauthorized: () => void refreshSession().then((renewed) => renewed || setToken(null)),
    });
    conn.current = connection;
    connection.start();
    (window as unknown as { __chotdonLive?: LiveConnection }).__chotdonLive = connection;
    return () => {
      connection.stop();
      conn.current = null;
    };
  }, [token, client]);

  const viewing = useCallback((conversationId: number | null) => {
    conn.current?.send(
      conversationId === null ? { type: "presence.leave" } : { type: "presence.view", conversation_id: conversationId },
    );
  }, []);

  const setNotify = useCallback((s: NotifySettings) => {
    saveNotifySettings(s);
    setNotifyState(s);
    if (s.desktop && typeof Notification !== "undefined" && Notification.permission === "default")
      void Notification.requestPermission();
  }, []);

  return (
    <LiveContext.Provider value={{ status, viewers, online, viewing, notify, setNotify }}>{children}</LiveContext.Provider>
  );
}

export function useLive(): Live {
  const ctx = useContext(LiveContext);
  if (!ctx) throw new Error("useLive outside LiveProvider");
  return ctx;
}

