import { describe, expect, it } from 'vitest';
import { ApiError, ParleyApi, retryAfterSeconds } from './api';
import type { ParleyConfig } from './config';

interface Recorded {
  url: string;
  method: string;
  headers: Headers;
  body: BodyInit | null | undefined;
  credentials: RequestCredentials | undefined;
}

const config: ParleyConfig = {
  appName: 'Support',
  user: { identifier: 'ada@example.com', displayName: 'Ada' },
  limits: { maxMessageChars: 1000, maxUploadBytes: 1024, maxFilesPerMessage: 2, acceptedTypes: ['image/*'] },
  antiforgery: { headerName: 'X-CSRF-TOKEN', token: 'tok-123' },
  auth: { signedIn: true, modes: ['cookie'], logoutUrl: '/support/auth/logout' },
};

function json(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

function setup(respond: (request: Recorded) => Response = () => json(config)) {
  const requests: Recorded[] = [];
  const fakeFetch: typeof fetch = async (input, init) => {
    const request: Recorded = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: init?.body,
      credentials: init?.credentials,
    };
    requests.push(request);
    return respond(request);
  };
  const api = new ParleyApi({ baseUrl: 'https://chat.example.com/support/', fetch: fakeFetch });
  return { api, requests };
}

describe('ParleyApi', () => {
  it('loads the config from {base}api/config', async () => {
    const { api, requests } = setup();
    expect(await api.getConfig()).toEqual(config);
    expect(requests[0]?.url).toBe('https://chat.example.com/support/api/config');
    expect(requests[0]?.credentials).toBe('same-origin');
  });

  it('sends the antiforgery header on state-changing calls only', async () => {
    const { api, requests } = setup((request) =>
      request.url.endsWith('/config')
        ? json(config)
        : request.method === 'DELETE'
          ? new Response(null, { status: 204 })
          : request.method === 'PATCH'
            ? json({ id: 't 1', name: 'New', createdAt: 'x', updatedAt: 'y' })
            : json({ items: [] }),
    );
    await api.getConfig();
    await api.listThreads({ search: 'paris', cursor: 'c2', limit: 20 });
    await api.renameThread('t 1', 'New');
    await api.deleteThread('t 1');

    const [, list, rename, remove] = requests;
    expect(list?.url).toBe('https://chat.example.com/support/api/threads?search=paris&cursor=c2&limit=20');
    expect(list?.headers.has('X-CSRF-TOKEN')).toBe(false);
    expect(rename?.url).toBe('https://chat.example.com/support/api/threads/t%201');
    expect(rename?.method).toBe('PATCH');
    expect(rename?.headers.get('X-CSRF-TOKEN')).toBe('tok-123');
    expect(rename?.headers.get('Content-Type')).toBe('application/json');
    expect(rename?.body).toBe('{"name":"New"}');
    expect(remove?.headers.get('X-CSRF-TOKEN')).toBe('tok-123');
  });

  it('sends feedback with and without a comment', async () => {
    const feedback = { id: 'f', stepId: 's1', value: -1 };
    const { api, requests } = setup((request) => (request.method === 'PUT' ? json(feedback) : new Response(null, { status: 204 })));
    expect(await api.setFeedback('s1', -1, 'Wrong city')).toEqual(feedback);
    await api.setFeedback('s1', 1);
    await api.deleteFeedback('s1');
    expect(requests.map((request) => [request.method, request.url, request.body])).toEqual([
      ['PUT', 'https://chat.example.com/support/api/steps/s1/feedback', '{"value":-1,"comment":"Wrong city"}'],
      ['PUT', 'https://chat.example.com/support/api/steps/s1/feedback', '{"value":1}'],
      ['DELETE', 'https://chat.example.com/support/api/steps/s1/feedback', undefined],
    ]);
  });

  it('uploads files as multipart form fields named "files"', async () => {
    const uploaded = [{ id: 'f1', name: 'a.txt', mime: 'text/plain', size: 1, type: 'file' }];
    const { api, requests } = setup(() => json(uploaded));
    const result = await api.uploadFiles([new File(['a'], 'a.txt'), new File(['b'], 'b.txt')]);
    expect(result).toEqual(uploaded);
    const form = requests[0]?.body;
    expect(form).toBeInstanceOf(FormData);
    expect((form as FormData).getAll('files').map((file) => (file as File).name)).toEqual(['a.txt', 'b.txt']);
    // The browser sets the multipart boundary itself.
    expect(requests[0]?.headers.has('Content-Type')).toBe(false);
  });

  it('turns problem details into an ApiError with title, detail and status', async () => {
    const { api } = setup(() =>
      json({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No thread t9.' }, 404, 'application/problem+json'),
    );
    const error = await api.getThread('t9').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).message).toBe('No thread t9.');
    expect((error as ApiError).problem.title).toBe('Not Found');
  });

  it('reports a failure without a problem body by its status', async () => {
    const { api } = setup(() => new Response('oops', { status: 502, statusText: 'Bad Gateway' }));
    await expect(api.listThreads()).rejects.toMatchObject({ status: 502, message: 'Bad Gateway' });
  });

  it('rejects a response that does not match the contract', async () => {
    const { api } = setup(() => json({ items: 'none' }));
    await expect(api.listThreads()).rejects.toThrow(/unexpected answer/);
  });

  it('adds a bearer token when it has a token source', async () => {
    const requests: Headers[] = [];
    const api = new ParleyApi({
      baseUrl: 'https://chat.example.com/',
      credentials: 'omit',
      accessToken: async () => 'jwt-abc',
      fetch: async (_input, init) => {
        requests.push(new Headers(init?.headers));
        return json({ items: [] });
      },
    });
    await api.listThreads();
    expect(requests[0]?.get('Authorization')).toBe('Bearer jwt-abc');
  });

  it('retries once with a fresh token after the server refused one', async () => {
    const sent: (string | null)[] = [];
    let token = 'expired';
    const api = new ParleyApi({
      baseUrl: 'https://chat.example.com/',
      credentials: 'omit',
      accessToken: async () => token,
      onTokenRejected: () => {
        token = 'fresh';
      },
      fetch: async (_input, init) => {
        const authorization = new Headers(init?.headers).get('Authorization');
        sent.push(authorization);
        return authorization === 'Bearer fresh' ? json({ items: [] }) : new Response(null, { status: 401 });
      },
    });
    await api.listThreads();
    expect(sent).toEqual(['Bearer expired', 'Bearer fresh']);
  });

  it('gives up after one retry when the fresh token is refused too', async () => {
    let rejected = 0;
    const api = new ParleyApi({
      baseUrl: 'https://chat.example.com/',
      accessToken: async () => 'bad',
      onTokenRejected: () => rejected++,
      fetch: async () => new Response(null, { status: 401, statusText: 'Unauthorized' }),
    });
    await expect(api.listThreads()).rejects.toMatchObject({ status: 401 });
    expect(rejected).toBe(1);
  });

  it('posts a sign-in with the antiforgery header, then uses the token the answer carries', async () => {
    const requests: { url: string; init: RequestInit | undefined }[] = [];
    const api = new ParleyApi({
      baseUrl: 'https://chat.example.com/support/',
      fetch: async (input, init) => {
        requests.push({ url: String(input), init });
        if (String(input).endsWith('config')) {
          return json({
            appName: 'Support',
            limits: { maxMessageChars: 10, maxUploadBytes: 10, maxFilesPerMessage: 1, acceptedTypes: [] },
            antiforgery: { headerName: 'X-Parley-CSRF', token: 'csrf-1' },
            auth: { signedIn: false, modes: ['password'] },
          });
        }
        if (String(input).endsWith('login')) {
          return json({ user: { identifier: 'ada' }, returnUrl: '/support/', antiforgery: { headerName: 'X-Parley-CSRF', token: 'csrf-2' } });
        }
        return new Response(null, { status: 204 });
      },
    });
    await api.getConfig();
    const answer = await api.login('ada', 'secret', '/support/');
    expect(answer.returnUrl).toBe('/support/');
    const login = requests[1]!;
    expect(login.url).toBe('https://chat.example.com/support/api/auth/login');
    expect(login.init?.method).toBe('POST');
    expect(new Headers(login.init?.headers).get('X-Parley-CSRF')).toBe('csrf-1');
    expect(JSON.parse(String(login.init?.body))).toEqual({ username: 'ada', password: 'secret', returnUrl: '/support/' });

    await api.logoutAll();
    expect(new Headers(requests[2]?.init?.headers).get('X-Parley-CSRF')).toBe('csrf-2');
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterSeconds('42')).toBe(42);
    expect(retryAfterSeconds('Sat, 21 Nov 2026 10:00:30 GMT', Date.parse('2026-11-21T10:00:00Z'))).toBe(30);
    expect(retryAfterSeconds('soon')).toBeNull();
    expect(retryAfterSeconds(null)).toBeNull();
  });

  it('keeps the wait a 429 asks for on the error', async () => {
    const { api } = setup(() => new Response(JSON.stringify({ status: 429, title: 'Too many attempts' }), { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '17' } }));
    await expect(api.login('ada', 'x')).rejects.toMatchObject({ status: 429, retryAfterSeconds: 17 });
  });

  it('reports a 401 as an ended session, except for a refused sign-in', async () => {
    let ended = 0;
    const api = new ParleyApi({
      baseUrl: 'https://chat.example.com/',
      onUnauthorized: () => ended++,
      fetch: async () => new Response(null, { status: 401 }),
    });
    await expect(api.login('ada', 'wrong')).rejects.toMatchObject({ status: 401 });
    expect(ended).toBe(0);
    await expect(api.listThreads()).rejects.toMatchObject({ status: 401 });
    expect(ended).toBe(1);
  });

  it('asks for a fresh bearer token when the config says the token signed nobody in', async () => {
    let token = 'refused';
    const api = new ParleyApi({
      baseUrl: 'https://chat.example.com/',
      credentials: 'omit',
      accessToken: async () => token,
      onTokenRejected: () => {
        token = 'fresh';
      },
      fetch: async (_input, init) =>
        json({ ...config, antiforgery: null, auth: { ...config.auth, signedIn: new Headers(init?.headers).get('Authorization') === 'Bearer fresh' } }),
    });
    expect((await api.getConfig()).auth.signedIn).toBe(true);
    expect(token).toBe('fresh');
  });

  it('lists sessions and revokes one by id', async () => {
    const { api, requests } = setup((request) =>
      request.method === 'GET'
        ? json({ sessions: [{ id: 's/1', createdAt: 'a', lastSeenAt: 'b', expiresAt: 'c', current: true }] })
        : new Response(null, { status: 204 }),
    );
    expect((await api.listSessions()).map((s) => s.id)).toEqual(['s/1']);
    await api.revokeSession('s/1');
    expect(requests[1]).toMatchObject({ method: 'DELETE', url: 'https://chat.example.com/support/api/auth/sessions/s%2F1' });
  });

  it('lists the users for an administrator and disables or enables one by id', async () => {
    const users = [{ id: 'u/1', username: 'alice', isAdmin: false, disabled: false, createdAt: '2026-11-20T10:00:00Z', lockedUntil: null }];
    const { api, requests } = setup((request) =>
      request.url.endsWith('/config') ? json(config) : request.method === 'GET' ? json({ users }) : new Response(null, { status: 204 }),
    );
    await api.getConfig();
    expect(await api.listUsers()).toEqual(users);
    await api.disableUser('u/1');
    await api.enableUser('u/1');
    expect(requests.slice(1).map((r) => [r.method, r.url, r.headers.get('X-CSRF-TOKEN')])).toEqual([
      ['GET', 'https://chat.example.com/support/api/auth/users', null],
      ['POST', 'https://chat.example.com/support/api/auth/users/u%2F1/disable', 'tok-123'],
      ['POST', 'https://chat.example.com/support/api/auth/users/u%2F1/enable', 'tok-123'],
    ]);
  });

  it.each([
    ['no list', {}],
    ['a user without a name', { users: [{ id: 'u1', isAdmin: false, disabled: false, createdAt: 'x' }] }],
    ['a flag that is not a boolean', { users: [{ id: 'u1', username: 'a', isAdmin: 'no', disabled: false, createdAt: 'x' }] }],
  ])('refuses a users list with %s', async (_, body) => {
    const { api } = setup(() => json(body));
    await expect(api.listUsers()).rejects.toMatchObject({ status: 200, message: 'The server sent an unexpected answer to GET auth/users.' });
  });
});

