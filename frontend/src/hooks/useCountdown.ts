import { useEffect, useState } from 'react';

/**
 * Whole seconds left of `durationMs`, counted from the first render for `key`. The deadline is
 * taken when the ask arrives because the server sends a duration, not a clock time.
 */
export function useCountdown(durationMs: number, key: string): number {
  const [deadline, setDeadline] = useState(() => ({ key, at: Date.now() + durationMs }));
  const [now, setNow] = useState(() => Date.now());
  if (deadline.key !== key) setDeadline({ key, at: Date.now() + durationMs });

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [key]);

  // `now` may predate a deadline set during this render; never show more than the full duration.
  return Math.max(0, Math.ceil(Math.min(durationMs, deadline.at - now) / 1000));
}
