import { useEffect, useState } from 'react';
import type { ParleyApi } from '../protocol/api';
import type { ParleyClient } from '../protocol/client';
import type { ParleyConfig } from '../protocol/config';
import { errorMessage } from '../chat/ChatContext';
import { LoginScreen } from '../components/layout/LoginScreen';
import { ChatApp } from './ChatApp';

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; config: ParleyConfig };

/** Loads the app's configuration, then shows the sign-in screen or the chat. */
export function App({ api, client, base }: { api: ParleyApi; client: ParleyClient; base: string }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    api.getConfig().then(
      (config) => {
        if (cancelled) return;
        document.title = config.appName;
        setLoad({ state: 'ready', config });
      },
      (error: unknown) => {
        if (!cancelled) setLoad({ state: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  if (load.state === 'loading') {
    return (
      <div className="parley-root splash" role="status">
        Loading…
      </div>
    );
  }
  if (load.state === 'failed') {
    return (
      <div className="parley-root splash" role="alert" data-testid="config-error">
        The chat could not load: {load.message}
      </div>
    );
  }
  const { config } = load;
  if (!config.auth.signedIn && config.auth.loginUrl) {
    return (
      <div className="parley-root">
        <LoginScreen appName={config.appName} loginUrl={config.auth.loginUrl} base={base} />
      </div>
    );
  }
  return <ChatApp api={api} client={client} config={config} base={base} />;
}
