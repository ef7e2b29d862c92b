import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LiveFrame } from "../live/applyEvent";
import { coalesce } from "../live/coalesce";
import { LiveConnection, type LiveStatus } from "../live/socket";

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  frame(f: Partial<LiveFrame>) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
  send(text: string) {
    this.sent.push(text);
  }
  close(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

describe("LiveConnection", () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
    vi.stubGlobal("window", { addEventListener: () => undefined, removeEventListener: () => undefined });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function start() {
    const frames: string[] = [];
    const statuses: LiveStatus[] = [];
    const resumes: boolean[] = [];
    const conn = new LiveConnection({
      token: "tok",
      onFrame: (f) => frames.push(f.id),
      onStatus: (s) => statuses.push(s),
      onResume: (r) => resumes.push(r),
      url: (token, last) => `ws://x/api/v1/ws?token=${token}${last ? `&last_event_id=${last}` : ""}`,
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    });
    conn.start();
    return { conn, frames, statuses, resumes };
  }

  it("says once when the first connection is live, so the screen refetches", () => {
    let live = 0;
    const conn = new LiveConnection({
      token: "tok",
      onFrame: () => undefined,
      onStatus: () => undefined,
      onLive: () => (live += 1),
      url: (token) => `ws://x/api/v1/ws?token=${token}`,
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    });
    conn.start();
    const first = FakeSocket.all[0];
    first.open();
    expect(live).toBe(0); // open is not enough: the server subscribes, then says ready
    first.frame({ type: "ready", data: { last_event_id: "5-0" } });
    expect(live).toBe(1);
    first.close();
    vi.advanceTimersByTime(1000);
    FakeSocket.all[1].open();
    FakeSocket.all[1].frame({ type: "ready", data: { last_event_id: "6-0" } });
    expect(live).toBe(1); // a reconnect is onResume's business
  });

  it("reconnects with last_event_id and applies nothing twice", () => {
    const { frames, statuses, resumes } = start();
    const first = FakeSocket.all[0];
    expect(first.url).toBe("ws://x/api/v1/ws?token=tok");
    first.open();
    first.frame({ id: "1-0", type: "message.created", data: {} });
    first.frame({ id: "2-0", type: "message.created", data: {} });
    first.frame({ type: "ping" });
    first.close();
    expect(statuses.at(-1)).toBe("reconnecting");
    vi.advanceTimersByTime(1000);
    const second = FakeSocket.all[1];
    expect(second.url).toBe("ws://x/api/v1/ws?token=tok&last_event_id=2-0");
    second.open();
    // the server replays from 2-0 inclusive by mistake: the duplicate is dropped
    second.frame({ id: "2-0", type: "message.created", data: {} });
    second.frame({ id: "3-0", type: "message.created", data: {} });
    vi.advanceTimersByTime(1);
    expect(frames).toEqual(["1-0", "2-0", "3-0"]);
    expect(statuses.at(-1)).toBe("open");
    expect(resumes).toHaveLength(1);
  });

  it("queues presence while disconnected and sends the latest on open", () => {
    const { conn } = start();
    conn.send({ type: "presence", conversation_id: 1 });
    conn.send({ type: "presence", conversation_id: 2 });
    FakeSocket.all[0].open();
    expect(FakeSocket.all[0].sent).toEqual([JSON.stringify({ type: "presence", conversation_id: 2 })]);
  });

  it("goes offline on an auth close and stops retrying", () => {
    const { statuses } = start();
    FakeSocket.all[0].open();
    FakeSocket.all[0].close(4401);
    vi.advanceTimersByTime(60_000);
    expect(statuses.at(-1)).toBe("offline");
    expect(FakeSocket.all).toHaveLength(1);
  });

  it("shows offline after repeated failures, and keeps trying", () => {
    const { statuses } = start();
    for (let i = 0; i < 6; i++) {
      FakeSocket.all.at(-1)!.close();
      vi.advanceTimersByTime(20_000);
    }
    expect(statuses).toContain("offline");
    expect(FakeSocket.all.length).toBeGreaterThan(5);
  });
});

describe("coalesce", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs the first call at once and a burst once more at the end of the window", () => {
    const runs: string[] = [];
    const invalidate = coalesce((key) => runs.push(String(key[0])), 1000);
    invalidate(["counts"]);
    for (let i = 0; i < 100; i++) invalidate(["counts"]);
    invalidate(["orders"]);
    expect(runs).toEqual(["counts", "orders"]);
    vi.advanceTimersByTime(1000);
    expect(runs).toEqual(["counts", "orders", "counts"]);
    vi.advanceTimersByTime(5000);
    expect(runs).toEqual(["counts", "orders", "counts"]);
    invalidate(["counts"]);
    expect(runs).toHaveLength(4);
  });
});
