import { useId } from 'react';
import type { ChatProfileDto } from '../../protocol/dtos';

interface ProfilePickerProps {
  profiles: readonly ChatProfileDto[];
  current: string | null;
  onPick: (name: string) => void;
}

/** Picks the chat profile; picking one starts a new chat with it. */
export function ProfilePicker({ profiles, current, onPick }: ProfilePickerProps) {
  const id = useId();
  if (profiles.length < 2) return null;
  const selected = current ?? profiles.find((profile) => profile.isDefault)?.name ?? profiles[0]?.name ?? '';
  const description = profiles.find((profile) => profile.name === selected)?.description ?? undefined;
  return (
    <div className="profile-picker">
      <label htmlFor={id} className="visually-hidden">
        Chat profile
      </label>
      <select id={id} data-testid="profile-picker" value={selected} title={description} onChange={(event) => onPick(event.currentTarget.value)}>
        {profiles.map((profile) => (
          <option key={profile.name} value={profile.name}>
            {profile.name}
          </option>
        ))}
      </select>
    </div>
  );
}
