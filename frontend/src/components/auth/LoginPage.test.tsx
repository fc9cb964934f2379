import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ParleyApi } from '../../protocol/api';
import type { AuthConfig, ParleyConfig } from '../../protocol/config';
import { BASE } from '../../test/renderChat';
import { LoginPage } from './LoginPage';
import { setupCodeFrom } from './SetupForm';

function config(auth: Partial<AuthConfig>, user: ParleyConfig['user'] = null): ParleyConfig {
  return {
    appName: 'Support',
    user,
    limits: { maxMessageChars: 10, maxUploadBytes: 10, maxFilesPerMessage: 1, acceptedTypes: [] },
    antiforgery: { headerName: 'X-Parley-CSRF', token: 'before' },
    auth: { signedIn: user != null, modes: [], ...auth },
  };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ status, title, detail }), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
}

const signedIn = (returnUrl: string) =>
  json({ user: { identifier: 'ada' }, returnUrl, antiforgery: { headerName: 'X-Parley-CSRF', token: 'after' } });

function renderLogin(
  cfg: ParleyConfig,
  respond: (url: string) => Response = () => signedIn('/thread/t1'),
  extra: { authError?: string; invite?: string; setupCode?: string } = {},
) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const api = new ParleyApi({
    baseUrl: BASE,
    fetch: async (input, init) => {
      requests.push({ url: String(input), init });
      return respond(String(input));
    },
  });
  const navigate = vi.fn();
  render(<LoginPage config={cfg} api={api} base={BASE} returnUrl={`${BASE}thread/t1`} navigate={navigate} {...extra} />);
  return { requests, navigate, api };
}

async function signIn(username = 'ada', password = 'secret') {
  const user = userEvent.setup();
  await user.type(screen.getByTestId('login-username'), username);
  await user.type(screen.getByTestId('login-password'), password);
  await user.click(screen.getByTestId('login-submit'));
}

describe('LoginPage', () => {
  it('explains that no sign-in is enabled instead of redirecting', () => {
    const { navigate } = renderLogin(config({ modes: [] }));
    expect(screen.getByTestId('login-none').textContent).toContain('No way to sign in is enabled');
    expect(screen.queryByTestId('login-form')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('tells a visitor behind a sign-in proxy that the proxy named nobody', () => {
    renderLogin(config({ modes: ['header'] }));
    expect(screen.getByTestId('login-none').textContent).toContain("organization's sign-in");
  });

  it('signs in with the antiforgery header, then follows the return URL the server answered', async () => {
    const { requests, navigate } = renderLogin(config({ modes: ['password'] }));
    await signIn();
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(`${BASE}thread/t1`));
    expect(requests[0]?.url).toBe(`${BASE}api/auth/login`);
    expect(new Headers(requests[0]?.init?.headers).get('X-Parley-CSRF')).toBeNull();
    expect(JSON.parse(String(requests[0]?.init?.body))).toEqual({ username: 'ada', password: 'secret', returnUrl: '/thread/t1' });
  });

  it('uses the antiforgery token the sign-in answered for the next state change', async () => {
    const { api, requests } = renderLogin(config({ modes: ['accounts'] }), (url) =>
      url.endsWith('config') ? json(config({ modes: ['accounts'] })) : url.endsWith('login') ? signedIn('/') : new Response(null, { status: 204 }),
    );
    await api.getConfig();
    await signIn();
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(new Headers(requests[1]?.init?.headers).get('X-Parley-CSRF')).toBe('before');
    await api.logout();
    expect(new Headers(requests[2]?.init?.headers).get('X-Parley-CSRF')).toBe('after');
  });

  it('goes to the app root when the server answers a return URL outside the app', async () => {
    const { navigate } = renderLogin(config({ modes: ['accounts'] }), () => signedIn('//evil.example/'));
    await signIn();
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(BASE));
  });

  it('says the user name or password is wrong, whatever the server refused', async () => {
    const { navigate } = renderLogin(config({ modes: ['accounts'] }), () => problem(401, 'Sign-in failed', 'The user name or password is incorrect.'));
    await signIn('ada', 'nope');
    await waitFor(() => expect(screen.getByTestId('login-error').textContent).toBe('The user name or password is wrong.'));
    expect(navigate).not.toHaveBeenCalled();
  });

  it('says how long to wait after too many attempts', async () => {
    renderLogin(config({ modes: ['accounts'] }), () => problem(429, 'Too many attempts', 'Too many attempts.', { 'Retry-After': '42' }));
    await signIn();
    await waitFor(() => expect(screen.getByTestId('login-error').textContent).toBe('Too many attempts. Try again in 42 s.'));
  });

  it('offers the OAuth providers with safe links that bring the user back', () => {
    renderLogin(
      config({
        modes: ['oauth'],
        providers: [
          { id: 'github', displayName: 'GitHub', startUrl: '/api/auth/oauth/github/start' },
          { id: 'evil', displayName: 'Evil', startUrl: 'javascript:alert(1)' },
        ],
      }),
    );
    const providers = screen.getAllByTestId('login-provider');
    expect(providers.map((link) => [link.dataset.providerId, link.textContent, link.getAttribute('href')])).toEqual([
      ['github', 'Sign in with GitHub', `${BASE}api/auth/oauth/github/start?returnUrl=%2Fthread%2Ft1`],
    ]);
    expect(screen.queryByTestId('login-none')).toBeNull();
  });

  it.each([
    ['denied', 'This account is not allowed to sign in to this app.'],
    ['cancelled', 'Sign-in was cancelled at the provider. Try again when you are ready.'],
    ['<b>made up</b>', 'Sign-in did not complete. Try again.'],
  ])('shows what an OAuth callback error means, never the raw code', (code, message) => {
    renderLogin(config({ modes: ['oauth'], providers: [] }), undefined, { authError: code });
    expect(screen.getByTestId('login-auth-error').textContent).toBe(message);
  });

  it('tells a signed-in user who they are and links back to the chat', () => {
    renderLogin(config({ modes: ['anonymous'] }, { identifier: 'anonymous:1', displayName: 'Guest' }));
    expect(screen.getByTestId('login-signed-in').textContent).toContain('Guest');
    expect(screen.getByTestId('login-continue').getAttribute('href')).toBe(`${BASE}thread/t1`);
    expect(screen.getByTestId('login-anonymous-only')).toBeTruthy();
  });
});

describe('LoginPage registration', () => {
  it('is not offered when registration is closed', () => {
    renderLogin(config({ modes: ['accounts'], registration: 'closed' }));
    expect(screen.queryByTestId('login-tab-register')).toBeNull();
  });

  it('creates an account with open registration and signs it in', async () => {
    const user = userEvent.setup();
    const { requests, navigate } = renderLogin(config({ modes: ['accounts'], registration: 'open' }), () => signedIn('/thread/t1'));
    await user.click(screen.getByTestId('login-tab-register'));
    expect(screen.queryByTestId('register-invite')).toBeNull();
    await user.type(screen.getByTestId('register-username'), 'grace');
    await user.type(screen.getByTestId('register-display-name'), 'Grace Hopper');
    await user.type(screen.getByTestId('register-password'), 'a long password');
    await user.click(screen.getByTestId('register-submit'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(`${BASE}thread/t1`));
    expect(requests[0]?.url).toBe(`${BASE}api/auth/register`);
    expect(JSON.parse(String(requests[0]?.init?.body))).toEqual({
      username: 'grace',
      password: 'a long password',
      displayName: 'Grace Hopper',
      returnUrl: '/thread/t1',
    });
  });

  it('asks for the invite code, filled in from the invite link', async () => {
    const user = userEvent.setup();
    const { requests } = renderLogin(config({ modes: ['accounts'], registration: 'invite' }), () => signedIn('/'), { invite: 'code-123' });
    expect(screen.getByTestId('register-invite')).toHaveProperty('value', 'code-123');
    await user.type(screen.getByTestId('register-username'), 'grace');
    await user.type(screen.getByTestId('register-password'), 'a long password');
    await user.click(screen.getByTestId('register-submit'));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(JSON.parse(String(requests[0]?.init?.body))).toMatchObject({ inviteCode: 'code-123' });
  });

  it.each([
    [problem(409, 'User name taken', 'That user name is taken.'), 'That user name is taken. Choose another one.'],
    [problem(403, 'Registration closed', 'Registration is closed.'), 'Registration is closed. Ask an administrator for an account.'],
    [problem(403, 'Invite required', 'The invite code is missing.'), 'The invite code is not valid: it may be mistyped, expired or already used.'],
    [problem(400, 'Bad request', 'The password must have at least 8 characters.'), 'The password must have at least 8 characters.'],
  ])('explains a refused registration', async (answer, message) => {
    const user = userEvent.setup();
    renderLogin(config({ modes: ['accounts'], registration: 'open' }), () => answer.clone());
    await user.click(screen.getByTestId('login-tab-register'));
    await user.type(screen.getByTestId('register-username'), 'ada');
    await user.type(screen.getByTestId('register-password'), 'a long password');
    await user.click(screen.getByTestId('register-submit'));
    await waitFor(() => expect(screen.getByTestId('register-error').textContent).toBe(message));
  });
});

describe('LoginPage first-run setup', () => {
  async function fillSetup(password = 'a long password', confirm = password) {
    const user = userEvent.setup();
    await user.clear(screen.getByTestId('setup-username'));
    await user.type(screen.getByTestId('setup-username'), 'root');
    await user.type(screen.getByTestId('setup-display-name'), 'The Operator');
    await user.type(screen.getByTestId('setup-password'), password);
    await user.type(screen.getByTestId('setup-password-confirm'), confirm);
    await user.click(screen.getByTestId('setup-submit'));
  }

  it('is offered first while there is no administrator, with the code from the setup link', async () => {
    const { requests, navigate } = renderLogin(config({ modes: ['accounts'], setupRequired: true }), () => signedIn('/'), { setupCode: 'c0de' });
    expect(screen.getByTestId('setup-title').textContent).toBe('First-run setup');
    expect(screen.queryByTestId('login-form')).toBeNull();
    expect(screen.getByTestId('setup-code')).toHaveProperty('value', 'c0de');
    expect(screen.queryByTestId('setup-code-hint')).toBeNull();
    await fillSetup();
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(BASE));
    expect(requests[0]?.url).toBe(`${BASE}api/auth/setup`);
    expect(new Headers(requests[0]?.init?.headers).get('X-Parley-CSRF')).toBeNull();
    expect(JSON.parse(String(requests[0]?.init?.body))).toEqual({
      setupCode: 'c0de',
      username: 'root',
      password: 'a long password',
      displayName: 'The Operator',
      returnUrl: '/thread/t1',
    });
  });

  it('asks for the code and says where to find it when the visitor came without the link', () => {
    renderLogin(config({ modes: ['accounts'], setupRequired: true }));
    expect(screen.getByTestId('setup-code')).toHaveProperty('value', '');
    expect(screen.getByTestId('setup-code-hint').textContent).toContain('No administrator yet');
  });

  it('refuses two different passwords without asking the server, until they match', async () => {
    const { requests } = renderLogin(config({ modes: ['accounts'], setupRequired: true }), () => signedIn('/'), { setupCode: 'c0de' });
    await fillSetup('a long password', 'a long passw0rd');
    await waitFor(() => expect(screen.getByTestId('setup-error').textContent).toBe('The two passwords differ.'));
    expect(requests).toHaveLength(0);
    await userEvent.setup().type(screen.getByTestId('setup-password-confirm'), 'x');
    expect(screen.queryByTestId('setup-error')).toBeNull();
  });

  it.each([
    [problem(403, 'Setup code not valid', 'The setup code is not valid.'), "restarting the server prints a new one"],
    [problem(409, 'Already set up', 'Parley has an administrator already.'), 'Reload the page and sign in.'],
    [problem(429, 'Too many attempts', 'Too many attempts.', { 'Retry-After': '9' }), 'Try again in 9 s.'],
    [problem(400, 'Bad request', 'A password has at least 12 characters.'), 'A password has at least 12 characters.'],
  ])('explains a refused setup', async (answer, message) => {
    renderLogin(config({ modes: ['accounts'], setupRequired: true }), () => answer.clone(), { setupCode: 'c0de' });
    await fillSetup();
    await waitFor(() => expect(screen.getByTestId('setup-error').textContent).toContain(message));
  });

  it('lets someone with an account sign in instead', async () => {
    const user = userEvent.setup();
    renderLogin(config({ modes: ['accounts'], setupRequired: true }));
    await user.click(screen.getByTestId('setup-skip'));
    expect(screen.getByTestId('login-form')).toBeTruthy();
    expect(screen.queryByTestId('setup-form')).toBeNull();
  });

  it('is not offered once an administrator exists, nor without built-in accounts', () => {
    renderLogin(config({ modes: ['accounts'], setupRequired: false }));
    expect(screen.queryByTestId('setup-form')).toBeNull();
    renderLogin(config({ modes: ['password'], setupRequired: true }));
    expect(screen.queryByTestId('setup-form')).toBeNull();
  });
});

describe('setupCodeFrom', () => {
  it.each([
    ['#setup=AbC-_09', 'AbC-_09'],
    ['setup=xyz', 'xyz'],
    ['', ''],
    ['#invite=xyz', ''],
    ['#setup=<script>', ''],
    ['#setup=', ''],
  ])('reads %s', (hash, code) => {
    expect(setupCodeFrom(hash)).toBe(code);
  });
});
