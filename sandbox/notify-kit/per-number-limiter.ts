// The SMS providers' per-number frequency control (notify-providers.md §0 "Frequency"): sliding
// windows (30 s, a minute, an hour) plus a natural-day count in Beijing time. Runs on the
// simulator's clock, so a test can advance it past a window instead of waiting.
import { toBeijingText } from '../board-kit/board-time';
import type { SimClock } from '../board-kit/sim-clock';

export interface FrequencyWindow {
  /** Window length in ms; `'day'` is the Beijing calendar day. */
  per: number | 'day';
  max: number;
  /** The provider's refusal code and message when the window is full. */
  code: string;
  message: string;
}

export interface PerNumberLimiter {
  /** The first full window for this key, if any (nothing is recorded). */
  check(key: string): FrequencyWindow | undefined;
  /** Records an accepted message for the key. */
  record(key: string): void;
  setWindows(windows: FrequencyWindow[]): void;
  clear(): void;
}

export function createPerNumberLimiter(clock: SimClock, initial: FrequencyWindow[]): PerNumberLimiter {
  let windows = initial;
  const sent = new Map<string, number[]>();
  const dayOf = (ms: number) => toBeijingText(ms).slice(0, 10);
  const longest = () => Math.max(86_400_000, ...windows.map((w) => (w.per === 'day' ? 86_400_000 : w.per)));
  return {
    check(key) {
      const now = clock.now();
      const times = (sent.get(key) ?? []).filter((t) => t > now - longest());
      sent.set(key, times);
      return windows.find((w) => {
        const inWindow = w.per === 'day' ? times.filter((t) => dayOf(t) === dayOf(now)) : times.filter((t) => t > now - (w.per as number));
        return inWindow.length >= w.max;
      });
    },
    record(key) {
      const times = sent.get(key) ?? [];
      times.push(clock.now());
      sent.set(key, times);
    },
    setWindows(next) { windows = next; },
    clear() { sent.clear(); },
  };
}
