// The REST half of the protocol: config, sign-in, thread history, feedback, files.
import {
  type AccountDto,
  type InviteDto,
  type RegisterRequest,
  type SessionDto,
  type SetupRequest,
  type SignedInDto,
  isAccountList,
  isInviteDto,
  isOAuthRedirect,
  isSessionList,
  isSignedInDto,
} from './auth';
import type {
  FeedbackDto,
  FeedbackValue,
  ThreadDetailDto,
  ThreadDto,
  ThreadPageDto,
  UploadedFileDto,
} from './dtos';
import { type AntiforgeryConfig, type ParleyConfig, isParleyConfig } from './config';
import { isFeedbackDto, isThreadDetailDto, isThreadDto, isThreadPageDto, isUploadedFileDto } from './guards';
import { type Guard, arrayOf, isNumber, isRecord, isString, optional, shape } from './validate';

/** A chat profile the user defines (the Assistant sample's `{base}api/assistants`). */
export interface AssistantDto {
  name: string;
  instructions: string;
  model?: string | null;
}

const isAssistantDto = shape<AssistantDto>({ name: isString, instructions: isString, model: optional(isString) });


/** An RFC 7807 problem, as the server describes a failed request. */
export interface ProblemDetails {
  type?: string;
  title: string;
  status: number;
  detail?: string;
}

/** A failed REST call. `message` is fit to show the user. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;
  /** From `Retry-After` (seconds) on a 429 or 503; null when the server sent none. */
  readonly retryAfterSeconds: number | null;

  constructor(problem: ProblemDetails, retryAfterSeconds: number | null = null) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type TokenSource = () => string | null | Promise<string | null>;

export interface ParleyApiOptions {
  /** The absolute base URL of the app, ending in "/" (see `resolveBase`). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** 'same-origin' for the app (cookie auth); the copilot on another origin uses bearer tokens instead. */
  credentials?: RequestCredentials;
  /** A bearer token for each request (the copilot); the app signs in with a cookie and needs none. */
  accessToken?: TokenSource;
  /**
   * Called when the server refused the bearer token (401); the request is then sent once more with
   * whatever `accessToken` returns next. Lets the copilot fetch a fresh token from its host page.
   */
  onTokenRejected?: () => void;
  /**
   * Called when a cookie-authenticated call answers 401 (the session ended: signed out elsewhere,
   * revoked, expired). Not called for a refused sign-in, which answers 401 too.
   */
  onUnauthorized?: () => void;
}

export interface ThreadQuery {
  search?: string;
  cursor?: string;
  limit?: number;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class ParleyApi {
  readonly baseUrl: string;
  private readonly apiUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly credentials: RequestCredentials;
  private readonly accessToken: TokenSource | undefined;
  private readonly onTokenRejected: (() => void) | undefined;
  private readonly onUnauthorized: (() => void) | undefined;
  private antiforgery: AntiforgeryConfig | null = null;

  constructor(options: ParleyApiOptions) {
    this.baseUrl = options.baseUrl;
    this.apiUrl = new URL('api/', options.baseUrl).href;
    // Bound so that calling it as a method does not lose `window` as `this`.
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.credentials = options.credentials ?? 'same-origin';
    this.accessToken = options.accessToken;
    this.onTokenRejected = options.onTokenRejected;
    this.onUnauthorized = options.onUnauthorized;
  }

  /** Loads the app's configuration and keeps its antiforgery token for later state-changing calls. */
  async getConfig(): Promise<ParleyConfig> {
    let config = await this.request('GET', 'config', isParleyConfig);
    // The config answers everyone, so a refused bearer token shows as "not signed in", not as a 401.
    if (!config.auth.signedIn && this.accessToken !== undefined && this.onTokenRejected !== undefined) {
      this.onTokenRejected();
      config = await this.request('GET', 'config', isParleyConfig);
    }
    this.antiforgery = config.antiforgery ?? null;
    return config;
  }

  /**
   * Signs in with a user name and password (modes "password" and "accounts"); the server sets the
   * session cookie and answers with a new antiforgery token, used from now on. `returnUrl` is a
   * path on this site; the answer says where to go (the server's sanitized choice).
   */
  async login(username: string, password: string, returnUrl?: string): Promise<SignedInDto> {
    return this.signedIn(await this.request('POST', 'auth/login', isSignedInDto, { json: { username, password, returnUrl }, refusal: true }));
  }

  /** Creates a built-in account and signs it in, like `login`. */
  async register(request: RegisterRequest): Promise<SignedInDto> {
    return this.signedIn(await this.request('POST', 'auth/register', isSignedInDto, { json: request, refusal: true }));
  }

  /** First-run setup: creates the first administrator with the server's setup code and signs it in, like `login`. */
  async setup(request: SetupRequest): Promise<SignedInDto> {
    return this.signedIn(await this.request('POST', 'auth/setup', isSignedInDto, { json: request, refusal: true }));
  }

  /** Ends this browser's session on the server. */
  async logout(): Promise<void> {
    await this.request('POST', 'auth/logout', null, { refusal: true });
  }

  /** Ends this session and, for an OpenID Connect sign-in, answers the provider's sign-out page. */
  async oauthLogout(): Promise<string | null> {
    const answer = await this.request('POST', 'auth/oauth/logout', isOAuthRedirect, { refusal: true });
    return answer.redirect ?? null;
  }

  /** Ends every session of the signed-in user, this one included. */
  async logoutAll(): Promise<void> {
    await this.request('POST', 'auth/logout-all', null);
  }

  async listSessions(): Promise<SessionDto[]> {
    return (await this.request('GET', 'auth/sessions', isSessionList)).sessions;
  }

  async revokeSession(sessionId: string): Promise<void> {
    await this.request('DELETE', `auth/sessions/${encodeURIComponent(sessionId)}`, null);
  }

  /** Changes a built-in account's password; the user's other sessions end. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.request('POST', 'auth/password', null, { json: { currentPassword, newPassword } });
  }

  /** Administrators: a single-use code to register with when registration is by invite. */
  createInvite(): Promise<InviteDto> {
    return this.request('POST', 'auth/invites', isInviteDto);
  }

  /** Administrators: every built-in account, disabled and locked ones included. */
  async listUsers(): Promise<AccountDto[]> {
    return (await this.request('GET', 'auth/users', isAccountList)).users;
  }

  /** Administrators: the user can no longer sign in, and their sessions and chats end now. Refused for yourself. */
  async disableUser(userId: string): Promise<void> {
    await this.request('POST', `auth/users/${encodeURIComponent(userId)}/disable`, null);
  }

  /** Administrators: a disabled user may sign in again. */
  async enableUser(userId: string): Promise<void> {
    await this.request('POST', `auth/users/${encodeURIComponent(userId)}/enable`, null);
  }

  private signedIn(answer: SignedInDto): SignedInDto {
    this.antiforgery = answer.antiforgery;
    return answer;
  }

  listThreads(query: ThreadQuery = {}): Promise<ThreadPageDto> {
    const params = new URLSearchParams();
    if (query.search) params.set('search', query.search);
    if (query.cursor) params.set('cursor', query.cursor);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const queryString = params.toString();
    return this.request('GET', queryString ? `threads?${queryString}` : 'threads', isThreadPageDto);
  }

  getThread(threadId: string): Promise<ThreadDetailDto> {
    return this.request('GET', `threads/${encodeURIComponent(threadId)}`, isThreadDetailDto);
  }

  renameThread(threadId: string, name: string): Promise<ThreadDto> {
    return this.request('PATCH', `threads/${encodeURIComponent(threadId)}`, isThreadDto, { json: { name } });
  }

  async deleteThread(threadId: string): Promise<void> {
    await this.request('DELETE', `threads/${encodeURIComponent(threadId)}`, null);
  }

  setFeedback(stepId: string, value: FeedbackValue, comment?: string): Promise<FeedbackDto> {
    const json = comment ? { value, comment } : { value };
    return this.request('PUT', `steps/${encodeURIComponent(stepId)}/feedback`, isFeedbackDto, { json });
  }

  async deleteFeedback(stepId: string): Promise<void> {
    await this.request('DELETE', `steps/${encodeURIComponent(stepId)}/feedback`, null);
  }

  uploadFiles(files: readonly File[], signal?: AbortSignal): Promise<UploadedFileDto[]> {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    return this.request('POST', 'files', arrayOf(isUploadedFileDto), { body: form, signal });
  }

  /** The signed-in user's assistants, where the app has them (`api/assistants`); fails elsewhere. */
  async listAssistants(): Promise<AssistantDto[]> {
    return this.request('GET', 'assistants', arrayOf(isAssistantDto));
  }

  /** Creates or replaces the assistant called `name`. */
  async saveAssistant(assistant: AssistantDto): Promise<AssistantDto> {
    const { name, instructions, model } = assistant;
    return this.request('PUT', `assistants/${encodeURIComponent(name)}`, isAssistantDto, { json: { instructions, model: model || null } });
  }

  async deleteAssistant(name: string): Promise<void> {
    await this.request('DELETE', `assistants/${encodeURIComponent(name)}`, null);
  }

  /** Fetches a text element's content, with the same credentials as every other call. */
  async fetchText(url: string, signal?: AbortSignal): Promise<string> {
    const response = await this.send(async () =>
      this.fetchImpl(url, { credentials: this.credentials, headers: await this.headers('GET'), signal }),
    );
    if (!response.ok) throw await this.failure(response, false);
    return response.text();
  }

  /** Sends a request; a 401 with a bearer token gets one retry with a fresh token. */
  private async send(attempt: () => Promise<Response>): Promise<Response> {
    const response = await attempt();
    if (response.status !== 401 || this.accessToken === undefined || this.onTokenRejected === undefined) return response;
    this.onTokenRejected();
    return attempt();
  }

  private async request<T>(method: string, path: string, guard: Guard<T>, init?: RequestOptions): Promise<T>;
  private async request(method: string, path: string, guard: null, init?: RequestOptions): Promise<void>;
  private async request<T>(method: string, path: string, guard: Guard<T> | null, init: RequestOptions = {}): Promise<T | void> {
    const response = await this.send(async () => {
      const headers = await this.headers(method);
      let body: BodyInit | undefined = init.body;
      if (init.json !== undefined) {
        headers.set('Content-Type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return this.fetchImpl(new URL(path, this.apiUrl).href, {
        method,
        headers,
        body,
        credentials: this.credentials,
        signal: init.signal,
      });
    });
    if (!response.ok) throw await this.failure(response, init.refusal ?? false);
    if (guard === null) return;
    const data: unknown = await response.json();
    if (!guard(data)) {
      throw new ApiError({ title: 'Unexpected response', status: response.status, detail: `The server sent an unexpected answer to ${method} ${path}.` });
    }
    return data;
  }

  /** The error for a failed call; a 401 that means "your session ended" is reported first. */
  private async failure(response: Response, refusal: boolean): Promise<ApiError> {
    if (response.status === 401 && !refusal && this.accessToken === undefined) this.onUnauthorized?.();
    return toApiError(response);
  }

  private async headers(method: string): Promise<Headers> {
    const headers = new Headers({ Accept: 'application/json' });
    if (UNSAFE_METHODS.has(method) && this.antiforgery !== null) {
      headers.set(this.antiforgery.headerName, this.antiforgery.token);
    }
    const token = this.accessToken ? await this.accessToken() : null;
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return headers;
  }
}

interface RequestOptions {
  json?: unknown;
  body?: FormData;
  signal?: AbortSignal;
  /** A 401 here is an answer (wrong password), not a sign that the session ended. */
  refusal?: boolean;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'));
  const fallback: ProblemDetails = {
    title: response.statusText || `Request failed (${response.status})`,
    status: response.status,
  };
  const contentType = response.headers.get('Content-Type') ?? '';
  if (!contentType.includes('json')) return new ApiError(fallback, retryAfter);
  try {
    const body: unknown = await response.json();
    if (!isRecord(body)) return new ApiError(fallback, retryAfter);
    return new ApiError(
      {
        type: isString(body.type) ? body.type : undefined,
        title: isString(body.title) ? body.title : fallback.title,
        status: isNumber(body.status) ? body.status : response.status,
        detail: isString(body.detail) ? body.detail : undefined,
      },
      retryAfter,
    );
  } catch {
    return new ApiError(fallback, retryAfter);
  }
}

/** `Retry-After` in seconds: a number of seconds, or an HTTP date. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}
