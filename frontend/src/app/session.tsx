// Who is logged in, in which workspace, with which role; login / logout / switch workspace.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { getToken, onTokenChange, refreshSession, setSession, setToken, tokenWorkspace } from "../api/client";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { AuthOut, Me } from "../api/types";

interface Session {
  token: string | null;
  me: Me | undefined;
  meId: number | null;
  isAdmin: boolean;
  signIn: (auth: AuthOut) => void;
  signOut: () => void;
  switchWorkspace: (id: number) => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setTokenState] = useState(getToken);
  const client = useQueryClient();
  const shown = useRef(token);
  useEffect(
    () =>
      onTokenChange((next) => {
        // Another tab switched workspace (the tabs share the login): drop this one's data of the other.
        if (next && shown.current && tokenWorkspace(next) !== tokenWorkspace(shown.current)) client.clear();
        shown.current = next;
        setTokenState(next);
      }),
    [client],
  );
  const loggedIn = !!token;
  useEffect(() => {
    // Renew the 15-minute access token before it expires (the live socket reconnects with it).
    if (!loggedIn) return;
    const timer = window.setInterval(() => void refreshSession(), 10 * 60 * 1000);
    return () => window.clearInterval(timer);
  }, [loggedIn]);
  const me = useQuery({ queryKey: [...keys.me, token], queryFn: api.auth.me, enabled: !!token, staleTime: 60_000 });
  const value: Session = {
    token,
    me: me.data,
    meId: me.data?.user?.id ?? null,
    isAdmin: me.data ? me.data.role !== "agent" : false,
    signIn: (auth) => {
      client.clear();
      setSession(auth);
    },
    signOut: () => {
      // End the session on the server too (its tokens stop working), then forget it here.
      if (token) void api.auth.logout().catch(() => undefined);
      setToken(null);
      client.clear();
    },
    switchWorkspace: async (id) => {
      const auth = await api.auth.switchWorkspace(id);
      client.clear();
      setSession(auth);
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error("useSession outside SessionProvider");
  return ctx;
}
