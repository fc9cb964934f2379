import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ParleyApi } from '../../protocol/api';
import type { SessionDto } from '../../protocol/auth';
import type { AuthConfig } from '../../protocol/config';
import type { UserDto } from '../../protocol/dtos';
import { BASE } from '../../test/renderChat';
import { UserMenu } from './UserMenu';

const ada: UserDto = { identifier: 'ada', displayName: 'Ada Lovelace' };

function session(id: string, more: Partial<SessionDto> = {}): SessionDto {
  return {
    id,
    createdAt: '2026-11-20T10:00:00Z',
    lastSeenAt: '2026-11-21T09:00:00Z',
    expiresAt: '2026-12-20T10:00:00Z',
    device: 'Chrome on Linux',
    authMode: 'accounts',
    current: false,
    ...more,
  };
}

type Respond = (method: string, url: string, body: unknown) => Response | undefined;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function renderMenu(auth: Partial<AuthConfig>, user: UserDto = ada, respond: Respond = () => undefined, onManageAssistants?: () => void) {
  const requests: { method: string; url: string; body: unknown }[] = [];
  let sessions = [session('s1', { current: true }), session('s2', { device: 'Firefox on Windows' })];
  const api = new ParleyApi({
    baseUrl: BASE,
    fetch: async (input, init) => {
      const method = init?.method ?? 'GET';
      const url = String(input);
      const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
      requests.push({ method, url, body });
      const custom = respond(method, url, body);
      if (custom) return custom;
      if (url.endsWith('auth/sessions')) return json({ sessions });
      if (method === 'DELETE') {
        sessions = sessions.filter((s) => !url.endsWith(s.id));
        return new Response(null, { status: 204 });
      }
      if (url.endsWith('auth/oauth/logout')) return json({ redirect: null });
      if (url.endsWith('auth/invites')) return json({ code: 'inv-123', expiresAt: '2026-11-28T10:00:00Z' }, 201);
      if (url.endsWith('auth/users')) {
        return json({
          users: [
            { id: 'u1', username: 'ada', displayName: 'Ada Lovelace', isAdmin: true, disabled: false, createdAt: '2026-11-01T10:00:00Z' },
            { id: 'u2', username: 'alice', isAdmin: false, disabled: false, createdAt: '2026-11-20T10:00:00Z' },
          ],
        });
      }
      return new Response(null, { status: 204 });
    },
  });
  const navigate = vi.fn();
  render(
    <UserMenu user={user} auth={{ signedIn: true, modes: ['accounts'], ...auth }} api={api} base={BASE} navigate={navigate} onManageAssistants={onManageAssistants} />,
  );
  return { requests, navigate };
}

async function openMenu() {
  const user = userEvent.setup();
  await user.click(screen.getByLabelText(/^Account:/));
  return user;
}

describe('UserMenu', () => {
  it('offers "Assistants…" only where GET api/assistants answers, asked when the menu opens', async () => {
    const onManageAssistants = vi.fn();
    const { requests } = renderMenu({ modes: ['header'] }, ada, (_method, url) => (url.endsWith('api/assistants') ? json([]) : undefined), onManageAssistants);
    expect(requests).toEqual([]);
    const user = await openMenu();
    await user.click(await screen.findByTestId('assistants-button'));
    expect(onManageAssistants).toHaveBeenCalledTimes(1);
  });

  it('hides "Assistants…" where api/assistants fails', async () => {
    renderMenu({ modes: ['header'] }, ada, (_method, url) => (url.endsWith('api/assistants') ? json({ status: 404, title: 'Not found' }, 404) : undefined), vi.fn());
    await openMenu();
    await waitFor(() => expect(screen.getByTestId('user-name')).toBeTruthy());
    expect(screen.queryByTestId('assistants-button')).toBeNull();
  });

  it('offers a guest a way to sign in when the app has accounts, and nothing to sign out of', async () => {
    renderMenu({ modes: ['anonymous', 'accounts'] }, { identifier: 'anonymous:1', displayName: 'Guest' });
    await openMenu();
    expect(screen.getByTestId('user-name').textContent).toBe('Guest');
    expect(screen.getByTestId('sign-in-link').getAttribute('href')).toMatch(new RegExp(`^${BASE}login\\?returnUrl=`));
    expect(screen.queryByTestId('sign-out-button')).toBeNull();
  });

  it('shows only the name to a user the proxy signed in', async () => {
    renderMenu({ modes: ['header'] });
    await openMenu();
    expect(screen.getByTestId('user-name').textContent).toContain('Ada Lovelace');
    expect(screen.queryByTestId('sign-out-button')).toBeNull();
    expect(screen.queryByTestId('sessions-button')).toBeNull();
  });

  it('signs out and goes to the sign-in page', async () => {
    const { requests, navigate } = renderMenu({});
    const user = await openMenu();
    await user.click(screen.getByTestId('sign-out-button'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(`${BASE}login`));
    expect(requests.at(-1)).toMatchObject({ method: 'POST', url: `${BASE}api/auth/logout` });
  });

  it('signs out through OAuth and follows the provider sign-out page it answers', async () => {
    const { requests, navigate } = renderMenu({ modes: ['oauth'] }, ada, (_method, url) =>
      url.endsWith('oauth/logout') ? json({ redirect: 'https://idp.example/logout?client_id=parley' }) : undefined,
    );
    const user = await openMenu();
    await user.click(screen.getByTestId('sign-out-button'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('https://idp.example/logout?client_id=parley'));
    expect(requests.at(-1)).toMatchObject({ method: 'POST', url: `${BASE}api/auth/oauth/logout` });
  });

  it('signs out everywhere', async () => {
    const { requests, navigate } = renderMenu({});
    const user = await openMenu();
    await user.click(screen.getByTestId('sign-out-everywhere-button'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(`${BASE}login`));
    expect(requests.at(-1)).toMatchObject({ method: 'POST', url: `${BASE}api/auth/logout-all` });
  });

  it('lists the sessions with this browser marked, and signs another one out', async () => {
    const { requests, navigate } = renderMenu({});
    const user = await openMenu();
    await user.click(screen.getByTestId('sessions-button'));
    await waitFor(() => expect(screen.getAllByTestId('session-item')).toHaveLength(2));
    const [current, other] = screen.getAllByTestId('session-item');
    expect(current!.dataset.current).toBe('true');
    expect(within(current!).getByTestId('session-current').textContent).toBe('This browser');
    expect(other!.textContent).toContain('Firefox on Windows');

    await user.click(within(other!).getByTestId('session-revoke'));
    await waitFor(() => expect(screen.getAllByTestId('session-item')).toHaveLength(1));
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE', url: `${BASE}api/auth/sessions/s2` });
    expect(navigate).not.toHaveBeenCalled();
  });

  it('signs this browser out when its own session is revoked', async () => {
    const { navigate } = renderMenu({});
    const user = await openMenu();
    await user.click(screen.getByTestId('sessions-button'));
    await waitFor(() => expect(screen.getAllByTestId('session-item')).toHaveLength(2));
    await user.click(within(screen.getAllByTestId('session-item')[0]!).getByTestId('session-revoke'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(`${BASE}login`));
  });

  it('offers a password change only to a session signed in with a built-in account', async () => {
    const { requests } = renderMenu({ modes: ['accounts', 'oauth'] }, ada, (_method, url) =>
      url.endsWith('auth/sessions') ? json({ sessions: [session('s1', { current: true, authMode: 'oauth' })] }) : undefined,
    );
    await openMenu();
    await waitFor(() => expect(requests.map((r) => r.url)).toContain(`${BASE}api/auth/sessions`));
    await act(async () => undefined);
    expect(screen.getByTestId('sessions-button')).toBeTruthy();
    expect(screen.queryByTestId('change-password-button')).toBeNull();
  });

  it('changes the password after checking the two new ones match', async () => {
    const { requests } = renderMenu({});
    const user = await openMenu();
    await user.click(await screen.findByTestId('change-password-button'));
    await user.type(screen.getByTestId('password-current'), 'old password');
    await user.type(screen.getByTestId('password-new'), 'new password 1');
    await user.type(screen.getByTestId('password-confirm'), 'new password 2');
    await user.click(screen.getByTestId('password-submit'));
    expect(screen.getByTestId('password-error').textContent).toBe('The new passwords do not match.');

    await user.clear(screen.getByTestId('password-confirm'));
    await user.type(screen.getByTestId('password-confirm'), 'new password 1');
    await user.click(screen.getByTestId('password-submit'));
    await screen.findByTestId('password-done');
    expect(requests.at(-1)).toEqual({
      method: 'POST',
      url: `${BASE}api/auth/password`,
      body: { currentPassword: 'old password', newPassword: 'new password 1' },
    });
  });

  it('says so when the current password is wrong', async () => {
    renderMenu({}, ada, (_method, url) =>
      url.endsWith('auth/password')
        ? new Response(JSON.stringify({ status: 400, title: 'Wrong password', detail: 'The current password is incorrect.' }), {
            status: 400,
            headers: { 'Content-Type': 'application/problem+json' },
          })
        : undefined,
    );
    const user = await openMenu();
    await user.click(await screen.findByTestId('change-password-button'));
    await user.type(screen.getByTestId('password-current'), 'wrong');
    await user.type(screen.getByTestId('password-new'), 'new password 1');
    await user.type(screen.getByTestId('password-confirm'), 'new password 1');
    await user.click(screen.getByTestId('password-submit'));
    await waitFor(() => expect(screen.getByTestId('password-error').textContent).toBe('The current password is wrong.'));
  });

  it('lets an administrator create an invite code and shows it with a link', async () => {
    renderMenu({ isAdmin: true, registration: 'invite' });
    const user = await openMenu();
    await user.click(screen.getByTestId('invite-button'));
    await user.click(screen.getByTestId('invite-create'));
    expect((await screen.findByTestId('invite-code')).textContent).toBe('inv-123');
    expect(screen.getByTestId('invite-link').getAttribute('href')).toBe(`${BASE}login?invite=inv-123`);
  });

  it('offers invites only to administrators, and only when registration is by invite', async () => {
    renderMenu({ isAdmin: false, registration: 'invite' });
    await openMenu();
    expect(screen.queryByTestId('invite-button')).toBeNull();
  });

  it('offers no invites when anyone may register', async () => {
    renderMenu({ isAdmin: true, registration: 'open' });
    await openMenu();
    expect(screen.queryByTestId('invite-button')).toBeNull();
  });

  it('offers "Users…" to administrators, with every user but themselves to disable', async () => {
    renderMenu({ isAdmin: true, registration: 'closed' });
    const user = await openMenu();
    await user.click(screen.getByTestId('users-button'));
    const dialog = await screen.findByRole('dialog', { name: 'Users' });
    expect(screen.getByTestId('user-menu').hasAttribute('open')).toBe(false);
    expect(document.activeElement).toBe(dialog);
    await waitFor(() => expect(within(dialog).getAllByTestId('user-item')).toHaveLength(2));
    expect(within(dialog).getAllByTestId('user-disable').map((button) => button.getAttribute('aria-label'))).toEqual(['Disable alice']);

    await user.click(within(dialog).getByTestId('dialog-close'));
    expect(screen.queryByTestId('users-dialog')).toBeNull();
  });

  it('offers "Users…" to nobody else', async () => {
    renderMenu({ isAdmin: false });
    await openMenu();
    expect(screen.getByTestId('sign-out-button')).toBeTruthy();
    expect(screen.queryByTestId('users-button')).toBeNull();
  });
});
