// Sound and browser notification for new customer messages (a per-browser setting).
const KEY = "chotdon.notify";

export interface NotifySettings {
  sound: boolean;
  desktop: boolean;
}

export function loadNotifySettings(): NotifySettings {
  try {
    return { sound: true, desktop: false, ...(JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<NotifySettings>) };
  } catch {
    return { sound: true, desktop: false };
  }
}

export function saveNotifySettings(s: NotifySettings): void {
  localStorage.setItem(KEY, JSON.stringify(s));
}

let audio: AudioContext | null = null;

export function playChime(): void {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.25);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.25);
  } catch {
    // no audio device: silently skip
  }
}

export function showDesktopNotification(title: string, body: string): void {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  if (document.visibilityState === "visible" && document.hasFocus()) return;
  new Notification(title, { body, tag: "chotdon-message" });
}
