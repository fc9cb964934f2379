import { describe, expect, it, vi } from 'vitest';
import { FakeConnection } from '../test/fakeConnection';
import { chatStarted } from '../test/fixtures';
import { type ConnectionStatus, ParleyClient, type ParleyClientOptions } from './client';
import type { ServerEvent } from './events';

function setup(options: Partial<ParleyClientOptions> = {}) {
  const connection = new FakeConnection();
  const hubUrls: string[] = [];
  const client = new ParleyClient({
    baseUrl: 'https://chat.example.com/support/',
    createConnection: (url) => {
      hubUrls.push(url);
      return connection;
    },
    ...options,
  });
  const batches: ServerEvent[][] = [];
  client.onEvents((events) => batches.push(events));
  return { client, connection, batches, hubUrls };
}

/** Lets promise continuations run: the client re-attaches asynchronously. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ParleyClient', () => {
  it('connects to {base}hub and sends typed messages through Send', async () => {
    const { client, connection, hubUrls } = setup();
    await client.connect();
    expect(hubUrls).toEqual(['https://chat.example.com/support/hub']);
    expect(client.status).toBe('connected');

    await client.start({ threadId: 't1' });
    await client.sendMessage('hi', ['f1'], 'client-1');
    await client.stopGeneration();
    await client.invokeAction('a1');
    await client.answerAsk('k1', { text: 'yes' });
    await client.updateSettings({ temperature: 0.2 });
    await client.announceFiles(['f2']);
    expect(connection.sent).toEqual([
      { type: 'start', threadId: 't1' },
      { type: 'user_message', clientId: 'client-1', content: 'hi', fileIds: ['f1'] },
      { type: 'stop' },
      { type: 'action', actionId: 'a1' },
      { type: 'ask_reply', askId: 'k1', text: 'yes' },
      { type: 'settings_update', values: { temperature: 0.2 } },
      { type: 'files_uploaded', fileIds: ['f2'] },
    ]);
  });

  it('generates a fresh client id per message and leaves out empty file lists', async () => {
    const { client, connection } = setup();
    await client.connect();
    await client.sendMessage('a');
    await client.sendMessage('b');
    const [first, second] = connection.sent as { clientId: string; fileIds?: unknown }[];
    expect(first?.clientId).not.toBe(second?.clientId);
    expect(first).not.toHaveProperty('fileIds');
  });

  it('returns the hub ack, and a refusal for an answer that is not an ack', async () => {
    const { client, connection } = setup();
    await client.connect();
    connection.answer = () => ({ ok: false, code: 'busy', message: 'Busy' });
    expect(await client.stopGeneration()).toEqual({ ok: false, code: 'busy', message: 'Busy' });
    connection.answer = () => 'nonsense' as never;
    expect((await client.stopGeneration()).ok).toBe(false);
  });

  it('delivers valid events and drops malformed ones', async () => {
    const onMalformedFrame = vi.fn();
    const { client, connection, batches } = setup({ onMalformedFrame });
    await client.connect();
    connection.receive([{ type: 'running', running: true }, { type: 'running' }, { type: 'nope' }]);
    expect(batches).toEqual([[{ type: 'running', running: true }]]);
    expect(onMalformedFrame).toHaveBeenCalledTimes(2);
    connection.receive([{ type: 'bogus' }]);
    expect(batches).toHaveLength(1);
  });

  it('re-attaches its session after a reconnect before sending anything queued', async () => {
    const statuses: ConnectionStatus[] = [];
    const { client, connection } = setup();
    client.onStatus((status) => statuses.push(status));
    await client.connect();
    await client.start();
    connection.receive([chatStarted({ sessionId: 'ses_9', threadId: 'thr_9' })]);
    expect(client.currentSessionId).toBe('ses_9');

    const drop = connection.dropAndReconnect();
    expect(client.status).toBe('reconnecting');
    const queued = client.sendMessage('sent during the outage', [], 'c-1');
    drop.reconnected();
    await queued;
    expect(connection.sent.slice(1)).toEqual([
      { type: 'start', sessionId: 'ses_9' },
      { type: 'user_message', clientId: 'c-1', content: 'sent during the outage' },
    ]);
    expect(statuses).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('resumes the thread when the server no longer has the session', async () => {
    const { client, connection } = setup();
    await client.connect();
    connection.receive([chatStarted({ sessionId: 'ses_9', threadId: 'thr_9' })]);
    connection.answer = (message) =>
      (message as { sessionId?: string }).sessionId ? { ok: false, code: 'not_found', message: 'gone' } : { ok: true };
    connection.dropAndReconnect().reconnected();
    await settle();
    expect(connection.sent).toEqual([
      { type: 'start', sessionId: 'ses_9' },
      { type: 'start', threadId: 'thr_9' },
    ]);
  });

  it('does not re-attach a session the server ended', async () => {
    const { client, connection } = setup();
    await client.connect();
    connection.receive([chatStarted({ sessionId: 'ses_9' }), { type: 'session_ended', reason: 'signed_out' }]);
    expect(client.currentSessionId).toBeNull();
    connection.dropAndReconnect().reconnected();
    await settle();
    expect(connection.sent).toEqual([]);
  });

  it('fails a send when the connection gives up', async () => {
    const { client, connection } = setup({ sendTimeoutMs: 1000 });
    await client.connect();
    connection.dropAndReconnect();
    const pending = client.sendMessage('lost');
    connection.close();
    await expect(pending).rejects.toThrow(/lost/);
    expect(client.status).toBe('disconnected');
  });

  it('fails a send that waits longer than the timeout', async () => {
    vi.useFakeTimers();
    try {
      const { client, connection } = setup({ sendTimeoutMs: 500 });
      await client.connect();
      connection.dropAndReconnect();
      const pending = client.sendMessage('slow');
      vi.advanceTimersByTime(600);
      await expect(pending).rejects.toThrow(/lost/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers host function calls with the registered handler, or with an error without one', async () => {
    const withHandler = setup({ hostFunctions: async (name, args) => ({ name, args }) });
    await withHandler.client.connect();
    withHandler.connection.receive([{ type: 'host_fn_call', callId: 'c1', name: 'getCart', args: [1] }]);
    await settle();
    expect(withHandler.connection.sent).toEqual([
      { type: 'host_fn_result', callId: 'c1', result: { name: 'getCart', args: [1] } },
    ]);

    const without = setup();
    await without.client.connect();
    without.connection.receive([{ type: 'host_fn_call', callId: 'c2', name: 'getCart', args: null }]);
    await settle();
    expect(without.connection.sent).toEqual([
      { type: 'host_fn_result', callId: 'c2', error: 'This page offers no host functions.' },
    ]);
  });

  it('stops the connection', async () => {
    const { client, connection } = setup();
    await client.connect();
    await client.stop();
    expect(connection.stopped).toBe(true);
    expect(client.status).toBe('idle');
    await expect(client.stopGeneration()).rejects.toThrow(/Not connected/);
  });

  it('reports a refused connection and, with a bearer token, tries once more', async () => {
    const connection = new FakeConnection();
    let attempts = 0;
    connection.start = () => {
      attempts++;
      connection.started = attempts > 1;
      return attempts > 1 ? Promise.resolve() : Promise.reject(Object.assign(new Error('Unauthorized'), { statusCode: 401 }));
    };
    const onUnauthorized = vi.fn();
    const client = new ParleyClient({
      baseUrl: 'https://chat.example.com/',
      accessToken: () => 'jwt',
      onUnauthorized,
      createConnection: () => connection,
    });
    await client.connect();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(client.status).toBe('connected');
  });

  it('reports a refused connection without a token and stays disconnected', async () => {
    const connection = new FakeConnection();
    connection.start = () => Promise.reject(Object.assign(new Error('Unauthorized'), { statusCode: 401 }));
    const onUnauthorized = vi.fn();
    const client = new ParleyClient({ baseUrl: 'https://chat.example.com/', onUnauthorized, createConnection: () => connection });
    await expect(client.connect()).rejects.toThrow('Unauthorized');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(client.status).toBe('disconnected');
  });
});
