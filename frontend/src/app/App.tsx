import { useEffect, useState } from 'react';
import type { ParleyApi } from '../protocol/api';
import type { ParleyClient } from '../protocol/client';
import type { ParleyConfig } from '../protocol/config';
import { errorMessage } from '../chat/ChatContext';
import type { CustomElementRegistry } from '../components/elements/customElements';
import { LoginPage } from '../components/layout/LoginPage';
import { LoginScreen } from '../components/layout/LoginScreen';
import { useTheme } from '../hooks/useTheme';
import { ChatApp } from './ChatApp';
import { isLoginUrl, returnUrlFrom } from './routes';

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; config: ParleyConfig };

interface AppProps {
  api: ParleyApi;
  client: ParleyClient;
  base: string;
  customElements: CustomElementRegistry;
}

/** Loads the app's configuration, then shows the sign-in page or the chat. */
export function App({ api, client, base, customElements }: AppProps) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [theme] = useTheme();

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
  const href = window.location.href;
  if (isLoginUrl(base, href) || (!config.auth.signedIn && !config.auth.loginUrl)) {
    // Signed out here means: sign in where we are and come back (never a redirect, so never a loop).
    const returnUrl = isLoginUrl(base, href) ? returnUrlFrom(base, href) : href;
    return (
      <div className="parley-root login-root" data-theme={theme}>
        <LoginPage config={config} api={api} base={base} returnUrl={returnUrl} />
      </div>
    );
  }
  if (!config.auth.signedIn) {
    return (
      <div className="parley-root" data-theme={theme}>
        <LoginScreen appName={config.appName} loginUrl={config.auth.loginUrl} base={base} />
      </div>
    );
  }
  return <ChatApp api={api} client={client} config={config} base={base} customElements={customElements} />;
}
