import { useCountdown } from '../../hooks/useCountdown';

function format(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes > 0 ? `${minutes}:${String(rest).padStart(2, '0')}` : `${rest}s`;
}

/** Time left to answer; announced politely to screen readers only when it runs low. */
export function AskCountdown({ askId, timeoutMs }: { askId: string; timeoutMs: number }) {
  const seconds = useCountdown(timeoutMs, askId);
  return (
    <span className={`ask-countdown${seconds <= 10 ? ' urgent' : ''}`} data-testid="ask-countdown" aria-live={seconds <= 10 ? 'polite' : 'off'}>
      {seconds > 0 ? `${format(seconds)} left` : 'Time is up'}
    </span>
  );
}
