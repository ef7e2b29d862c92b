// The one HTTP client: bearer token, JSON in/out, the API's error shape turned into ApiError.

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const TOKEN_KEY = "chotdon.token";
let token: string | null = typeof localStorage !== "undefined" ? localStorage.getItem(TOKEN_KEY) : null;
const listeners = new Set<(token: string | null) => void>();

export function getToken(): string | null {
  return token;
}

export function setToken(value: string | null): void {
  token = value;
  if (value) localStorage.setItem(TOKEN_KEY, value);
  else {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(REFRESH_KEY);
    refreshToken = null;
  }
  listeners.forEach((fn) => fn(value));
}

// Access tokens live 15 minutes; the refresh token (single use) renews them. The server takes a
// spent refresh token sent again for a stolen copy and ends the whole session, so the tabs of a
// browser (which share these tokens through localStorage) renew one at a time and each picks up
// what another one renewed.
const REFRESH_KEY = "chotdon.refresh";
const ENDED_KEY = "chotdon.ended";
let refreshToken: string | null = typeof localStorage !== "undefined" ? localStorage.getItem(REFRESH_KEY) : null;
let refreshing: Promise<boolean> | null = null;

/** Keep the tokens of a login answer (access + refresh). */
export function setSession(auth: { access_token: string; refresh_token?: string | null }): void {
  refreshToken = auth.refresh_token ?? null;
  if (refreshToken) localStorage.setItem(REFRESH_KEY, refreshToken);
  else localStorage.removeItem(REFRESH_KEY);
  localStorage.removeItem(ENDED_KEY);
  setToken(auth.access_token);
}

/** Why the last session ended without a logout here (`session_ended`'s `details.reason`), for the login screen. */
export function endedReason(): string | null {
  return typeof localStorage !== "undefined" ? localStorage.getItem(ENDED_KEY) : null;
}

function sessionEnded(reason: string): void {
  localStorage.setItem(ENDED_KEY, reason);
  setToken(null);
}

/** The workspace an access token is for (its `wid` claim); null when unreadable. */
export function tokenWorkspace(value: string | null): number | null {
  try {
    const payload = JSON.parse(atob((value ?? "").split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))) as { wid?: unknown };
    return typeof payload.wid === "number" ? payload.wid : Number(payload.wid) || null;
  } catch {
    return null;
  }
}

if (typeof window !== "undefined") {
  // Another tab renewed, switched workspace, logged in or out: follow it.
  window.addEventListener("storage", (e) => {
    if (e.key !== null && e.key !== TOKEN_KEY && e.key !== REFRESH_KEY) return;
    refreshToken = localStorage.getItem(REFRESH_KEY);
    const stored = localStorage.getItem(TOKEN_KEY);
    if (stored !== token) {
      token = stored;
      listeners.forEach((fn) => fn(stored));
    }
  });
}

function oneTabAtATime(fn: () => Promise<boolean>): Promise<boolean> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  // The lock is held until fn settles (the request gives its promise back, hence the `then`).
  return locks ? locks.request("chotdon.refresh", fn).then((renewed) => renewed) : fn();
}

/** Trade the refresh token for new tokens (one request at a time); false when the session ended. */
export function refreshSession(): Promise<boolean> {
  if (!refreshToken) return Promise.resolve(false);
  const used = refreshToken;
  refreshing ??= oneTabAtATime(async () => {
    try {
      const stored = localStorage.getItem(REFRESH_KEY);
      if (stored !== used) {
        // Another tab renewed while this one waited: use its tokens, never resend the spent one.
        refreshToken = stored;
        const access = localStorage.getItem(TOKEN_KEY);
        if (!stored || !access) return false;
        if (access !== token) setToken(access);
        return true;
      }
      const res = await fetch(`${API_BASE}/auth/refresh`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refresh_token: used }),
      });
      if (!res.ok) {
        if (res.status === 401 && refreshToken === used) {
          const body = (await res.json().catch(() => null)) as ErrorBody | null;
          const details = body?.error.details as { reason?: string } | undefined;
          sessionEnded(details?.reason ?? "session_ended");
        }
        return false;
      }
      setSession((await res.json()) as { access_token: string; refresh_token: string });
      return true;
    } catch {
      return false;
    }
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

export function onTokenChange(fn: (token: string | null) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export type Query = Record<string, string | number | boolean | string[] | number[] | null | undefined>;

export function buildQuery(query?: Query): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  raw?: boolean;
  signal?: AbortSignal;
  retried?: boolean;
}

export const API_BASE = "/api/v1";
// Where a 401 means wrong credentials or an unusable link, not an access token to renew (every
// other path, /auth/sessions included, renews and retries once).
const SIGN_IN_PATHS = /^\/auth\/(login|register|refresh|join|invitation|password-reset)\b/;

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${buildQuery(opts.query)}`, {
      method,
      headers,
      body,
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "network_error", (err as Error).message);
  }
  if (!response.ok) {
    let payload: ErrorBody | null = null;
    try {
      payload = (await response.json()) as ErrorBody;
    } catch {
      payload = null;
    }
    const error = payload?.error;
    if (response.status === 401 && token) {
      const renewable = !SIGN_IN_PATHS.test(path) && !opts.retried;
      if (renewable && (await refreshSession())) return request<T>(method, path, { ...opts, retried: true });
      setToken(null);
    }
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  if (opts.raw) return response as unknown as T;
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  return (type.includes("json") ? await response.json() : await response.text()) as T;
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>("GET", path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>("POST", path, { body, query }),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, { body }),
  delete: <T = void>(path: string, query?: Query) => request<T>("DELETE", path, { query }),
  upload: <T>(path: string, form: FormData) => request<T>("POST", path, { form }),
  blob: async (path: string, query?: Query): Promise<Blob> => {
    const response = await request<Response>("GET", path, { query, raw: true });
    return response.blob();
  },
};
