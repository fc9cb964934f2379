import { useMemo } from 'react';
import { sendOrReport, useChat, useChatServices } from '../../chat/ChatContext';
import { Starters } from './Starters';

/** The welcome on a new chat: the app's name and the starters of the active profile (else the app's). */
export function EmptyChat({ title }: { title: string }) {
  const services = useChatServices();
  const starters = useChat((state) => state.starters);
  const profiles = useChat((state) => state.profiles);
  const profileName = useChat((state) => state.chatProfile);
  const shown = useMemo(() => {
    const profile = profiles.find((candidate) => candidate.name === profileName);
    return profile?.starters && profile.starters.length > 0 ? profile.starters : starters;
  }, [starters, profiles, profileName]);

  return (
    <div className="empty-chat" data-testid="empty-chat">
      <h1>{title}</h1>
      <Starters starters={shown} onPick={(message) => void sendOrReport(services, (client) => client.sendMessage(message))} />
    </div>
  );
}
