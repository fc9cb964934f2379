import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { type AssistantDto, ParleyApi } from '../../protocol/api';
import type { ParleyConfig } from '../../protocol/config';
import { BASE } from '../../test/renderChat';
import { AssistantsDialog } from './AssistantsDialog';

const config: ParleyConfig = {
  appName: 'Assistant',
  user: { identifier: 'ada' },
  limits: { maxMessageChars: 10, maxUploadBytes: 10, maxFilesPerMessage: 1, acceptedTypes: [] },
  antiforgery: { headerName: 'X-Parley-CSRF', token: 'tok' },
  auth: { signedIn: true, modes: ['accounts'] },
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function renderDialog(initial: AssistantDto[] = []) {
  let assistants = [...initial];
  const requests: { method: string; url: string; body: unknown; csrf: string | null }[] = [];
  const api = new ParleyApi({
    baseUrl: BASE,
    fetch: async (input, init) => {
      const method = init?.method ?? 'GET';
      const url = String(input);
      const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
      if (url.endsWith('api/config')) return json(config);
      requests.push({ method, url, body, csrf: new Headers(init?.headers).get('X-Parley-CSRF') });
      const name = decodeURIComponent(url.split('/').pop() ?? '');
      if (method === 'GET') return json(assistants);
      if (method === 'PUT') {
        const saved = { name, ...(body as { instructions: string; model: string | null }) };
        assistants = [...assistants.filter((a) => a.name !== name), saved];
        return json(saved);
      }
      if (method === 'DELETE') {
        assistants = assistants.filter((a) => a.name !== name);
        return new Response(null, { status: 204 });
      }
      return new Response(null, { status: 404 });
    },
  });
  await api.getConfig();
  const onChanged = vi.fn();
  const onClose = vi.fn();
  render(<AssistantsDialog api={api} onClose={onClose} onChanged={onChanged} />);
  return { requests, onChanged, onClose };
}

describe('AssistantsDialog', () => {
  it('lists the assistants', async () => {
    await renderDialog([{ name: 'Pirate', instructions: 'Talk like a pirate.', model: 'gpt-big' }]);
    const item = await screen.findByTestId('assistant-item');
    expect(item.textContent).toContain('Pirate');
    expect(item.textContent).toContain('gpt-big');
  });

  it('creates an assistant with the antiforgery header and refreshes the profiles', async () => {
    const user = userEvent.setup();
    const { requests, onChanged } = await renderDialog();
    await screen.findByTestId('assistants-empty');
    await user.click(screen.getByTestId('assistant-new'));
    await user.type(screen.getByTestId('assistant-name'), 'Chef');
    await user.type(screen.getByTestId('assistant-instructions'), 'Answer with recipes.');
    await user.type(screen.getByTestId('assistant-model'), 'small');
    await user.click(screen.getByTestId('assistant-save'));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    const put = requests.find((request) => request.method === 'PUT')!;
    expect(put.url).toBe(`${BASE}api/assistants/Chef`);
    expect(put.body).toEqual({ instructions: 'Answer with recipes.', model: 'small' });
    expect(put.csrf).toBe('tok');
    expect((await screen.findByTestId('assistant-item')).textContent).toContain('Chef');
    expect(screen.queryByTestId('assistant-form')).toBeNull();
  });

  it('edits an assistant, keeping its name', async () => {
    const user = userEvent.setup();
    const { requests } = await renderDialog([{ name: 'Pirate', instructions: 'Arr.', model: null }]);
    await user.click(await screen.findByTestId('assistant-edit'));
    expect((screen.getByTestId('assistant-name') as HTMLInputElement).disabled).toBe(true);
    const instructions = screen.getByTestId('assistant-instructions') as HTMLTextAreaElement;
    expect(instructions.value).toBe('Arr.');
    await user.clear(instructions);
    await user.type(instructions, 'Talk like a pirate.');
    await user.click(screen.getByTestId('assistant-save'));
    await waitFor(() => expect(requests.some((request) => request.method === 'PUT')).toBe(true));
    expect(requests.find((request) => request.method === 'PUT')!.body).toEqual({ instructions: 'Talk like a pirate.', model: null });
  });

  it('deletes an assistant after confirmation', async () => {
    const user = userEvent.setup();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { requests, onChanged } = await renderDialog([{ name: 'Pirate', instructions: 'Arr.' }]);
    const item = await screen.findByTestId('assistant-item');
    await user.click(within(item).getByTestId('assistant-delete'));
    await screen.findByTestId('assistants-empty');
    const del = requests.find((request) => request.method === 'DELETE')!;
    expect(del.url).toBe(`${BASE}api/assistants/Pirate`);
    expect(del.csrf).toBe('tok');
    expect(onChanged).toHaveBeenCalledTimes(1);
    confirm.mockRestore();
  });

  it('shows a refusal from the server', async () => {
    const user = userEvent.setup();
    const api = new ParleyApi({
      baseUrl: BASE,
      fetch: async (_input, init) =>
        (init?.method ?? 'GET') === 'GET'
          ? json([])
          : new Response(JSON.stringify({ status: 400, title: 'Bad request', detail: 'At most 20 assistants.' }), {
              status: 400,
              headers: { 'Content-Type': 'application/problem+json' },
            }),
    });
    render(<AssistantsDialog api={api} onClose={() => undefined} onChanged={() => undefined} />);
    await user.click(await screen.findByTestId('assistant-new'));
    await user.type(screen.getByTestId('assistant-name'), 'One too many');
    await user.click(screen.getByTestId('assistant-save'));
    expect((await screen.findByTestId('assistants-error')).textContent).toBe('At most 20 assistants.');
    expect(screen.getByTestId('assistant-form')).toBeTruthy();
  });
});
