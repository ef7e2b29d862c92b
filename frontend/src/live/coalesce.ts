// Coalesce invalidations: the first one for a key runs at once, later ones within the window
// run once at its end. A livestream burst then costs one refetch a second, not hundreds.
export function coalesce(run: (key: readonly unknown[]) => void, windowMs = 1000) {
  const pending = new Map<string, { key: readonly unknown[]; timer: ReturnType<typeof setTimeout> | null; again: boolean }>();
  return (key: readonly unknown[]) => {
    const id = JSON.stringify(key);
    const entry = pending.get(id);
    if (entry) {
      entry.again = true;
      return;
    }
    run(key);
    const state = { key, timer: null as ReturnType<typeof setTimeout> | null, again: false };
    state.timer = setTimeout(function flush() {
      if (state.again) {
        state.again = false;
        run(state.key);
        state.timer = setTimeout(flush, windowMs);
      } else pending.delete(id);
    }, windowMs);
    pending.set(id, state);
  };
}
