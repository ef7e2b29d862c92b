// Our own files (`/api/v1/media/{id}/file`) need the bearer token, which <img src> cannot send:
// fetch them once with the token and hand out an object URL. Other URLs (Facebook's CDN) pass through.
import { useEffect, useState } from "react";
import { API_BASE, getToken } from "../api/client";

const cache = new Map<string, Promise<string>>();

function load(url: string): Promise<string> {
  let hit = cache.get(url);
  if (!hit) {
    const token = getToken();
    hit = fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
      .then((b) => URL.createObjectURL(b));
    hit.catch(() => cache.delete(url));
    cache.set(url, hit);
  }
  return hit;
}

export function needsAuth(url: string | null | undefined): boolean {
  return !!url && url.startsWith(API_BASE);
}

export function useAuthedUrl(url: string | null | undefined): string | undefined {
  const [resolved, setResolved] = useState<string | undefined>(needsAuth(url) ? undefined : (url ?? undefined));
  useEffect(() => {
    if (!url || !needsAuth(url)) {
      setResolved(url ?? undefined);
      return;
    }
    let alive = true;
    load(url).then(
      (u) => alive && setResolved(u),
      () => alive && setResolved(undefined),
    );
    return () => {
      alive = false;
    };
  }, [url]);
  return resolved;
}
