import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ParleyApi } from '../../protocol/api';
import type { AuthConfig, ParleyConfig } from '../../protocol/config';
import { BASE } from '../../test/renderChat';
import { LoginPage } from './LoginPage';

function config(auth: Partial<AuthConfig>, user: ParleyConfig['user'] = null): ParleyConfig {
  return {
    appName: 'Support',
    user,
    limits: { maxMessageChars: 10, maxUploadBytes: 10, maxFilesPerMessage: 1, acceptedTypes: [] },
    auth: { signedIn: user != null, modes: [], ...auth },
  };
}

function renderLogin(cfg: ParleyConfig, respond: () => Response = () => new Response(null, { status: 204 })) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const api = new ParleyApi({
    baseUrl: BASE,
    fetch: async (input, init) => {
      requests.push({ url: String(input), init });
      return respond();
    },
  });
  const navigate = vi.fn();
  render(<LoginPage config={cfg} api={api} base={BASE} returnUrl={`${BASE}thread/t1`} navigate={navigate} />);
  return { requests, navigate };
}

describe('LoginPage', () => {
  it('explains that no sign-in is enabled instead of redirecting', () => {
    const { navigate } = renderLogin(config({ modes: [] }));
    expect(screen.getByTestId('login-none').textContent).toContain('No way to sign in is enabled');
    expect(screen.queryByTestId('login-form')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('signs in with a user name and password, then returns where the user was', async () => {
    const user = userEvent.setup();
    const { requests, navigate } = renderLogin(config({ modes: ['password'] }));
    await user.type(screen.getByTestId('login-username'), 'ada');
    await user.type(screen.getByTestId('login-password'), 'secret');
    await user.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(`${BASE}thread/t1`));
    expect(requests[0]?.url).toBe(`${BASE}api/auth/login`);
    expect(JSON.parse(String(requests[0]?.init?.body))).toEqual({ username: 'ada', password: 'secret', returnUrl: `${BASE}thread/t1` });
  });

  it('shows why a sign-in failed and stays on the page', async () => {
    const user = userEvent.setup();
    const { navigate } = renderLogin(config({ modes: ['accounts'] }), () =>
      new Response(JSON.stringify({ title: 'Sign-in failed', status: 401, detail: 'Wrong user name or password.' }), {
        status: 401,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    await user.type(screen.getByTestId('login-username'), 'ada');
    await user.type(screen.getByTestId('login-password'), 'nope');
    await user.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(screen.getByTestId('login-error').textContent).toBe('Wrong user name or password.'));
    expect(navigate).not.toHaveBeenCalled();
  });

  it('offers the OAuth providers with safe links only', () => {
    renderLogin(
      config({
        modes: ['oauth'],
        providers: [
          { id: 'github', displayName: 'GitHub', startUrl: 'api/auth/oauth/github' },
          { id: 'evil', displayName: 'Evil', startUrl: 'javascript:alert(1)' },
        ],
      }),
    );
    const providers = screen.getAllByTestId('login-provider');
    expect(providers.map((link) => [link.dataset.providerId, link.getAttribute('href')])).toEqual([['github', `${BASE}api/auth/oauth/github`]]);
    expect(screen.queryByTestId('login-none')).toBeNull();
  });

  it('tells a signed-in user who they are and links back to the chat', () => {
    renderLogin(config({ modes: ['anonymous'] }, { identifier: 'anonymous:1', displayName: 'Guest' }));
    expect(screen.getByTestId('login-signed-in').textContent).toContain('Guest');
    expect(screen.getByTestId('login-continue').getAttribute('href')).toBe(`${BASE}thread/t1`);
    expect(screen.getByTestId('login-anonymous-only')).toBeTruthy();
  });
});
