import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ParleyApi } from '../protocol/api';
import { ParleyClient } from '../protocol/client';
import type { AuthConfig, ParleyConfig } from '../protocol/config';
import { FakeConnection } from '../test/fakeConnection';
import { CustomElementRegistry } from '../components/elements/customElements';
import { App } from './App';
import { SessionWatch } from './sessionWatch';

const base = new URL('/', window.location.href).href;

function config(auth: Partial<AuthConfig>, user: ParleyConfig['user'] = null): ParleyConfig {
  return {
    appName: 'Support',
    user,
    limits: { maxMessageChars: 1000, maxUploadBytes: 1000, maxFilesPerMessage: 2, acceptedTypes: [] },
    antiforgery: { headerName: 'X-Parley-CSRF', token: 't' },
    auth: { signedIn: user != null, modes: ['accounts'], ...auth },
  };
}

const ada = { identifier: 'ada', displayName: 'Ada' };

/** Renders the app against a server whose config answers come from `answers`, in order (the last one repeats). */
function renderApp(...answers: ParleyConfig[]) {
  const connection = new FakeConnection();
  const watch = new SessionWatch();
  const client = new ParleyClient({ baseUrl: base, createConnection: () => connection, onUnauthorized: watch.notify });
  let calls = 0;
  const api = new ParleyApi({
    baseUrl: base,
    onUnauthorized: watch.notify,
    fetch: async (input) => {
      const url = String(input);
      if (url.endsWith('api/config')) {
        const answer = answers[Math.min(calls++, answers.length - 1)];
        return new Response(JSON.stringify(answer), { headers: { 'Content-Type': 'application/json' } });
      }
      if (url.includes('api/threads')) return new Response(null, { status: 401 });
      return new Response(JSON.stringify({ items: [] }), { headers: { 'Content-Type': 'application/json' } });
    },
  });
  render(<App api={api} client={client} base={base} customElements={new CustomElementRegistry()} sessionWatch={watch} />);
  return { connection, watch, configCalls: () => calls };
}

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('App', () => {
  it('shows the sign-in page to a visitor who is not signed in, with the way back in the URL', async () => {
    window.history.replaceState(null, '', '/thread/t1');
    renderApp(config({ signedIn: false }));
    await screen.findByTestId('login-page');
    expect(window.location.pathname).toBe('/login');
    expect(new URL(window.location.href).searchParams.get('returnUrl')).toBe('/thread/t1');
  });

  it('shows an OAuth callback error on the sign-in page', async () => {
    window.history.replaceState(null, '', '/?auth_error=cancelled');
    renderApp(config({ signedIn: false, modes: ['oauth'], providers: [] }));
    expect((await screen.findByTestId('login-auth-error')).dataset.code).toBe('cancelled');
    expect(window.location.pathname + window.location.search).toBe('/login?auth_error=cancelled');
  });

  it('explains a server with no sign-in enabled instead of looping', async () => {
    renderApp(config({ signedIn: false, modes: [] }));
    await screen.findByTestId('login-none');
    expect(window.location.pathname).toBe('/login');
  });

  it('goes to the sign-in page when the API says the session ended', async () => {
    const { configCalls } = renderApp(config({}, ada), config({ signedIn: false }));
    // The history sidebar's first request answers 401.
    await screen.findByTestId('login-page');
    expect(configCalls()).toBe(2);
    expect(window.location.pathname).toBe('/login');
  });

  it('stays in the chat when the connection drops but the session is still there', async () => {
    const { connection, watch, configCalls } = renderApp(config({}, ada));
    await screen.findByTestId('parley-app');
    await waitFor(() => expect(configCalls()).toBe(2));
    act(() => connection.dropAndReconnect());
    act(() => watch.notify());
    await waitFor(() => expect(configCalls()).toBe(3));
    expect(screen.getByTestId('parley-app')).toBeTruthy();
    expect(window.location.pathname).toBe('/');
  });
});
