// The live connection: one WebSocket per tab, reconnects with backoff and resumes with
// `last_event_id` so nothing is missed; frames already seen are dropped (never applied twice).
import type { LiveFrame } from "./applyEvent";

export type LiveStatus = "connecting" | "open" | "reconnecting" | "offline";

export interface LiveOptions {
  token: string;
  onFrame: (frame: LiveFrame) => void;
  onStatus: (status: LiveStatus) => void;
  /** Called after a reconnect (not the first connect): refetch what may have changed. */
  onResume?: (replayed: boolean) => void;
  /** Called once, when the first connection is live (its `ready` frame): what the screen
   * fetched before that moment may miss an event published in between, so refetch it. */
  onLive?: () => void;
  /** Called when the server says it cannot replay from our last_event_id. */
  onGap?: () => void;
  /** The server refused our token (close 4401): log in again. */
  onUnauthorized?: () => void;
  url?: (token: string, lastEventId: string | null) => string;
  WebSocketImpl?: typeof WebSocket;
}

const SEEN_LIMIT = 2000;
const CONTROL_TYPES = new Set(["pong", "heartbeat", "error"]);

export function defaultUrl(token: string, lastEventId: string | null): string {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  const params = new URLSearchParams({ token });
  if (lastEventId) params.set("last_event_id", lastEventId);
  return `${proto}//${location.host}/api/v1/ws?${params}`;
}

export class LiveConnection {
  private socket: WebSocket | null = null;
  private lastEventId: string | null = null;
  private seen = new Set<string>();
  private seenOrder: string[] = [];
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private everOpened = false;
  private everReady = false;
  private replayedSinceOpen = false;
  private pendingSends: string[] = [];
  status: LiveStatus = "connecting";

  constructor(private readonly opts: LiveOptions) {}

  start(): void {
    this.stopped = false;
    this.connect();
    window.addEventListener("online", this.kick);
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener("online", this.kick);
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close(1000);
    this.socket = null;
  }

  /** Send a client frame (presence); queued while disconnected, latest wins per type. */
  send(frame: { type: string; [key: string]: unknown }): void {
    const text = JSON.stringify(frame);
    if (this.socket && this.socket.readyState === 1) this.socket.send(text);
    else this.pendingSends = [...this.pendingSends.filter((s) => !s.includes(`"type":"${frame.type}"`)), text];
  }

  private kick = () => {
    if (this.status !== "open") {
      if (this.timer) clearTimeout(this.timer);
      this.connect();
    }
  };

  private setStatus(status: LiveStatus): void {
    this.status = status;
    this.opts.onStatus(status);
  }

  private connect(): void {
    if (this.stopped) return;
    const Impl = this.opts.WebSocketImpl ?? WebSocket;
    const url = (this.opts.url ?? defaultUrl)(this.opts.token, this.lastEventId);
    this.setStatus(this.everOpened ? "reconnecting" : "connecting");
    let socket: WebSocket;
    try {
      socket = new Impl(url);
    } catch {
      this.schedule();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      const resumed = this.everOpened;
      this.everOpened = true;
      this.replayedSinceOpen = false;
      this.setStatus("open");
      for (const text of this.pendingSends) socket.send(text);
      this.pendingSends = [];
      if (resumed) setTimeout(() => this.opts.onResume?.(this.replayedSinceOpen), 0);
    };
    socket.onmessage = (event) => this.receive(String(event.data));
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      if (event.code === 4401) {
        this.setStatus("offline");
        this.opts.onUnauthorized?.();
        return;
      }
      this.schedule();
    };
    socket.onerror = () => socket.close();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.setStatus(this.attempts > 3 ? "offline" : "reconnecting");
    const delay = Math.min(10_000, 300 * 2 ** this.attempts) * (0.8 + Math.random() * 0.4);
    this.attempts += 1;
    this.timer = setTimeout(() => this.connect(), delay);
  }

  receive(text: string): void {
    let frame: LiveFrame;
    try {
      frame = JSON.parse(text) as LiveFrame;
    } catch {
      return;
    }
    if (!frame || typeof frame.type !== "string") return;
    if (CONTROL_TYPES.has(frame.type)) return;
    if (frame.type === "ping") {
      // Answering keeps the socket from being closed as idle.
      if (this.socket?.readyState === 1) this.socket.send(JSON.stringify({ type: "pong" }));
      return;
    }
    if (frame.type === "ready") {
      // Where live delivery starts: resume from here if no event arrives before a drop.
      const start = (frame.data as { last_event_id?: string | null } | null)?.last_event_id;
      if (start && !this.lastEventId) this.lastEventId = start;
      if (!this.everReady) {
        this.everReady = true;
        this.opts.onLive?.();
      }
      return;
    }
    if (frame.type === "resync") {
      this.opts.onGap?.();
      return;
    }
    if (frame.id) {
      if (this.seen.has(frame.id)) return;
      this.seen.add(frame.id);
      this.seenOrder.push(frame.id);
      if (this.seenOrder.length > SEEN_LIMIT) this.seen.delete(this.seenOrder.shift()!);
      this.lastEventId = frame.id;
      this.replayedSinceOpen = true;
    }
    this.opts.onFrame(frame);
  }
}
