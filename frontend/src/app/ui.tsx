// Small shared pieces: icons, modal, error text, tag chip.
import { useEffect, useState, type ReactNode } from "react";
import type { TagRef } from "../api/types";
import { useAuthedUrl } from "./authedUrl";
import { errorText } from "./errorText";
import { useI18n } from "../i18n";

export function Icon({ name, title }: { name: string; title?: string }) {
  const paths: Record<string, ReactNode> = {
    tick: <path d="M4 10.5l4 4 8-9" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />,
    dot: <circle cx="10" cy="10" r="5" fill="currentColor" />,
    message: (
      <path d="M3 5a2 2 0 012-2h10a2 2 0 012 2v7a2 2 0 01-2 2H8l-4 3v-3H5a2 2 0 01-2-2z" fill="currentColor" />
    ),
    comment: (
      <path d="M2 4h16v9H9l-4 3v-3H2z M5 7h10 M5 10h7" fill="none" stroke="currentColor" strokeWidth="1.6" />
    ),
    facebook: (
      <path
        d="M11 18v-6h2.2l.4-2.6H11V7.8c0-.8.3-1.3 1.3-1.3h1.4V4.2c-.3 0-1.1-.1-2-.1-2 0-3.3 1.2-3.3 3.4v1.9H6.2V12h2.2v6z"
        fill="currentColor"
      />
    ),
    shopee: (
      <path
        d="M5 7h10l-1 10H6z M7.5 7V5.5a2.5 2.5 0 015 0V7 M11.6 10.2c-.4-.4-1-.6-1.6-.6-.8 0-1.5.5-1.5 1.1 0 1.4 3.2.8 3.2 2.4 0 .7-.7 1.2-1.7 1.2-.7 0-1.3-.3-1.7-.7"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
      />
    ),
    tiktok: (
      <path
        d="M11 3h2.4c.2 1.7 1.3 2.9 3 3.1v2.4a5.6 5.6 0 01-3-.9v5.2a4.3 4.3 0 11-4.3-4.3h.4v2.5h-.4a1.8 1.8 0 101.9 1.8z"
        fill="currentColor"
      />
    ),
    inbox: <path d="M3 4h14v12H3z M3 11h4l1 2h4l1-2h4" fill="none" stroke="currentColor" strokeWidth="1.6" />,
    orders: <path d="M5 3h10v14H5z M7 7h6 M7 10h6 M7 13h4" fill="none" stroke="currentColor" strokeWidth="1.6" />,
    live: (
      <g fill="none" stroke="currentColor" strokeWidth="1.6">
        <circle cx="10" cy="10" r="2.5" fill="currentColor" />
        <path d="M5.5 5.5a6.4 6.4 0 000 9 M14.5 5.5a6.4 6.4 0 010 9" />
      </g>
    ),
    reports: <path d="M3 17h14 M5 14V9 M9 14V4 M13 14v-7 M17 14v-3" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />,
    settings: (
      <g fill="none" stroke="currentColor" strokeWidth="1.6">
        <circle cx="10" cy="10" r="3" />
        <path d="M10 2v3 M10 15v3 M2 10h3 M15 10h3 M4.3 4.3l2.1 2.1 M13.6 13.6l2.1 2.1 M4.3 15.7l2.1-2.1 M13.6 6.4l2.1-2.1" />
      </g>
    ),
    clock: (
      <g fill="none" stroke="currentColor" strokeWidth="1.6">
        <circle cx="10" cy="10" r="6.5" />
        <path d="M10 6v4l3 2" />
      </g>
    ),
    warn: <path d="M10 3l8 14H2z M10 8v4 M10 14v1" fill="none" stroke="currentColor" strokeWidth="1.6" />,
    lock: <path d="M6 9V6a4 4 0 018 0v3 M4 9h12v8H4z" fill="none" stroke="currentColor" strokeWidth="1.6" />,
    eye: (
      <g fill="none" stroke="currentColor" strokeWidth="1.6">
        <path d="M1.5 10S5 4 10 4s8.5 6 8.5 6-3.5 6-8.5 6-8.5-6-8.5-6z" />
        <circle cx="10" cy="10" r="2.5" />
      </g>
    ),
    clip: (
      <path
        d="M13.5 6.5l-6 6a1.8 1.8 0 002.5 2.5l6.5-6.5a3.2 3.2 0 00-4.5-4.5L5.5 10.5a4.6 4.6 0 006.5 6.5l5-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    ),
    image: (
      <g fill="none" stroke="currentColor" strokeWidth="1.6">
        <rect x="2.5" y="3.5" width="15" height="13" rx="2" />
        <circle cx="7" cy="8" r="1.5" />
        <path d="M3 15l4.5-4.5 3 3 2.5-2.5 4.5 4.5" />
      </g>
    ),
    bag: <path d="M4 7h12l-1 10H5z M7.5 7V5.5a2.5 2.5 0 015 0V7" fill="none" stroke="currentColor" strokeWidth="1.6" />,
    phone: (
      <path
        d="M5 3h3l1.5 4-2 1.3a9 9 0 004.2 4.2l1.3-2 4 1.5v3a2 2 0 01-2 2A14 14 0 013 5a2 2 0 012-2z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
    ),
    cart: (
      <g fill="none" stroke="currentColor" strokeWidth="1.6">
        <path d="M2 3h2.5l2 9.5h9L17.5 6H5.2" />
        <circle cx="8" cy="16" r="1.3" />
        <circle cx="14" cy="16" r="1.3" />
      </g>
    ),
  };
  return (
    <svg className={`icon icon-${name}`} viewBox="0 0 20 20" width="16" height="16" aria-hidden={!title} role={title ? "img" : undefined}>
      {title ? <title>{title}</title> : null}
      {paths[name] ?? null}
    </svg>
  );
}

export function TagChip({ tag, onRemove }: { tag: TagRef; onRemove?: () => void }) {
  return (
    <span className="tag" style={{ background: tag.color }} data-tag={tag.name}>
      {tag.name}
      {onRemove ? (
        <button type="button" className="tag-x" onClick={onRemove} aria-label="×">
          ×
        </button>
      ) : null}
    </span>
  );
}

export function Modal({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`modal ${wide ? "modal-wide" : ""}`} role="dialog" aria-modal="true" aria-label={title}>
        <header className="modal-head">
          <h2>{title}</h2>
          <button type="button" className="btn-icon" onClick={onClose} aria-label="close">
            ×
          </button>
        </header>
        <div className="modal-body">{children}</div>
      </div>
    </div>
  );
}

export function ErrorText({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {errorText(t, error)}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}

/** An image or video from our API or Facebook's CDN (ours needs the token: see authedUrl). */
export function Media({ kind, url, alt }: { kind: "image" | "video" | "audio"; url?: string | null; alt?: string }) {
  const src = useAuthedUrl(url);
  if (!src) return <span className="media-loading" aria-busy="true" />;
  if (kind === "video") return <video src={src} controls preload="metadata" />;
  if (kind === "audio") return <audio src={src} controls />;
  return <img src={src} alt={alt ?? ""} loading="lazy" />;
}

export function Avatar({ name, url }: { name: string; url?: string | null }) {
  const [broken, setBroken] = useState(false);
  return url && !broken ? (
    <img className="avatar" src={url} alt="" loading="lazy" onError={() => setBroken(true)} />
  ) : (
    <span className="avatar">{initials(name || "?")}</span>
  );
}
