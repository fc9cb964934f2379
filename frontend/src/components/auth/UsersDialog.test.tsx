import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ParleyApi } from '../../protocol/api';
import type { AccountDto } from '../../protocol/auth';
import type { ParleyConfig } from '../../protocol/config';
import { BASE } from '../../test/renderChat';
import { formatDate, formatDateTime } from '../common/formatDate';
import { UsersDialog } from './UsersDialog';

const config: ParleyConfig = {
  appName: 'Team chat',
  user: { identifier: 'admin' },
  limits: { maxMessageChars: 10, maxUploadBytes: 10, maxFilesPerMessage: 1, acceptedTypes: [] },
  antiforgery: { headerName: 'X-Parley-CSRF', token: 'tok' },
  auth: { signedIn: true, modes: ['accounts'], isAdmin: true },
};

const admin: AccountDto = { id: 'u1', username: 'admin', isAdmin: true, disabled: false, createdAt: '2026-11-01T10:00:00Z' };
const alice: AccountDto = { id: 'u2', username: 'alice', displayName: 'Alice Liddell', isAdmin: false, disabled: false, createdAt: '2026-11-20T10:00:00Z' };
const bob: AccountDto = { id: 'u3', username: 'bob', isAdmin: false, disabled: true, createdAt: '2026-11-21T10:00:00Z', lockedUntil: '2026-11-22T09:30:00Z' };

type Respond = (method: string, url: string) => Response | undefined;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function problem(status: number, title: string, detail: string): Response {
  return new Response(JSON.stringify({ status, title, detail }), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

/** The dialog over a fake server that keeps the users and applies disable/enable to them. */
async function renderDialog(respond: Respond = () => undefined) {
  let users = [admin, alice, bob];
  const requests: { method: string; url: string; csrf: string | null }[] = [];
  const api = new ParleyApi({
    baseUrl: BASE,
    fetch: async (input, init) => {
      const method = init?.method ?? 'GET';
      const url = String(input);
      if (url.endsWith('api/config')) return json(config);
      requests.push({ method, url, csrf: new Headers(init?.headers).get('X-Parley-CSRF') });
      const custom = respond(method, url);
      if (custom) return custom;
      if (method === 'GET' && url.endsWith('auth/users')) return json({ users });
      const change = /auth\/users\/([^/]+)\/(disable|enable)$/.exec(url);
      if (method === 'POST' && change) {
        users = users.map((u) => (u.id === change[1] ? { ...u, disabled: change[2] === 'disable' } : u));
        return new Response(null, { status: 204 });
      }
      return new Response(null, { status: 404 });
    },
  });
  await api.getConfig();
  const onClose = vi.fn();
  render(<UsersDialog api={api} currentUsername="admin" onClose={onClose} />);
  await waitFor(() => expect(screen.getAllByTestId('user-item')).toHaveLength(3));
  return { requests, onClose, user: userEvent.setup() };
}

function row(username: string): HTMLElement {
  return screen.getAllByTestId('user-item').find((item) => item.dataset.username === username)!;
}

function badges(username: string): (string | undefined)[] {
  return within(row(username))
    .queryAllByTestId('user-badge')
    .map((badge) => badge.dataset.badge);
}

describe('UsersDialog', () => {
  it('lists the users with their names, badges and creation dates', async () => {
    await renderDialog();
    expect(screen.getByRole('dialog', { name: 'Users' })).toBeTruthy();
    expect(row('alice').textContent).toContain('Alice Liddell');
    expect(row('alice').textContent).toContain('alice');
    expect(row('alice').textContent).toContain(`Created ${formatDate(alice.createdAt)}`);
    expect(badges('alice')).toEqual([]);
    expect(badges('admin')).toEqual(['you', 'admin']);
    expect(badges('bob')).toEqual(['disabled', 'locked']);
    expect(within(row('bob')).getByText(/^locked until /).textContent).toBe(`locked until ${formatDateTime(bob.lockedUntil!)}`);
    expect(row('bob').dataset.disabled).toBe('true');
  });

  it('offers no Disable for yourself, Disable for others and Enable for the disabled, each named after its user', async () => {
    await renderDialog();
    expect(within(row('admin')).queryByRole('button')).toBeNull();
    expect(within(row('alice')).getByTestId('user-disable').getAttribute('aria-label')).toBe('Disable alice');
    expect(within(row('bob')).getByTestId('user-enable').getAttribute('aria-label')).toBe('Enable bob');
  });

  it('asks before disabling, then posts with the antiforgery header and shows the refreshed list', async () => {
    const { requests, user } = await renderDialog();
    await user.click(within(row('alice')).getByTestId('user-disable'));
    const confirm = within(row('alice')).getByTestId('user-confirm');
    expect(within(row('alice')).getByRole('group', { name: 'Disable alice? Their sessions end now.' })).toBe(confirm);
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(document.activeElement).toBe(within(confirm).getByTestId('user-confirm-cancel'));

    await user.click(within(confirm).getByTestId('user-confirm-disable'));
    await waitFor(() => expect(badges('alice')).toEqual(['disabled']));
    expect(requests.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', url: `${BASE}api/auth/users/u2/disable`, csrf: 'tok' }]);
    expect(requests.at(-1)).toMatchObject({ method: 'GET', url: `${BASE}api/auth/users` });
    expect(within(row('alice')).queryByTestId('user-confirm')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(within(row('alice')).getByTestId('user-enable')));
  });

  it('goes back without disabling on Cancel or Escape, and keeps the dialog open', async () => {
    const { requests, onClose, user } = await renderDialog();
    await user.click(within(row('alice')).getByTestId('user-disable'));
    await user.click(within(row('alice')).getByTestId('user-confirm-cancel'));
    expect(within(row('alice')).queryByTestId('user-confirm')).toBeNull();
    expect(document.activeElement).toBe(within(row('alice')).getByTestId('user-disable'));

    await user.keyboard('{Enter}');
    expect(within(row('alice')).getByTestId('user-confirm')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(within(row('alice')).queryByTestId('user-confirm')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('enables a disabled user without asking', async () => {
    const { requests, user } = await renderDialog();
    await user.click(within(row('bob')).getByTestId('user-enable'));
    await waitFor(() => expect(badges('bob')).toEqual(['locked']));
    expect(requests.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', url: `${BASE}api/auth/users/u3/enable`, csrf: 'tok' }]);
    expect(within(row('bob')).getByTestId('user-disable')).toBeTruthy();
  });

  it("shows the server's problem detail when a change is refused", async () => {
    const { user } = await renderDialog((method) => (method === 'POST' ? problem(404, 'Not found', 'No such user.') : undefined));
    await user.click(within(row('alice')).getByTestId('user-disable'));
    await user.click(within(row('alice')).getByTestId('user-confirm-disable'));
    expect((await screen.findByTestId('users-error')).textContent).toBe('No such user.');
    expect(badges('alice')).toEqual([]);
  });

  it('says why when the list is refused', async () => {
    render(
      <UsersDialog
        api={new ParleyApi({ baseUrl: BASE, fetch: async () => problem(403, 'Forbidden', 'Administrators only.') })}
        currentUsername="ada"
        onClose={() => undefined}
      />,
    );
    expect((await screen.findByTestId('users-error')).textContent).toBe('Administrators only.');
  });
});
