import type { StarterDto } from '../../protocol/dtos';

/** Suggested first messages on an empty chat. */
export function Starters({ starters, onPick }: { starters: readonly StarterDto[]; onPick: (message: string) => void }) {
  if (starters.length === 0) return null;
  return (
    <ul className="starters" aria-label="Suggestions">
      {starters.map((starter) => (
        <li key={starter.label}>
          <button type="button" className="starter" data-testid="starter" onClick={() => onPick(starter.message)}>
            <strong>{starter.label}</strong>
            <span className="muted">{starter.message}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
