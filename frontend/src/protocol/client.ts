// The realtime half of the protocol: one hub method out (`Send`), one client method in (`Receive`).
import type { TokenSource } from './api';
import { type ConnectionFactory, type HubConnectionLike, createSignalRConnection } from './connection';
import type { HostFunctionCall, ServerEvent } from './events';
import { isClientAck, isServerEvent } from './guards';
import type { JsonValue } from './json';
import type { ClientAck, ClientMessage } from './messages';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** Runs a function the copilot's host page registered; its result or thrown message goes back to the handler. */
export type HostFunctionHandler = (name: string, args: JsonValue) => Promise<JsonValue>;

export interface ParleyClientOptions {
  /** The absolute base URL of the app, ending in "/"; the hub is at `{baseUrl}hub`. */
  baseUrl: string;
  /** A bearer token for the hub (the copilot); the app uses its cookie. Called again on every reconnect. */
  accessToken?: TokenSource;
  hostFunctions?: HostFunctionHandler;
  /** Reports frames that failed validation and were dropped. */
  onMalformedFrame?: (frame: unknown) => void;
  createConnection?: ConnectionFactory;
  /** How long a send waits for a dropped connection to come back before failing. */
  sendTimeoutMs?: number;
  /**
   * Called when the server refused to connect (401 on negotiate). With a bearer token the client
   * then tries once more, so this is where a stale token is dropped; with a cookie, the session
   * has ended.
   */
  onUnauthorized?: () => void;
}

export interface StartOptions {
  threadId?: string;
  chatProfile?: string;
}

export type AskAnswer = { text: string } | { fileIds: string[] } | { actionId: string };

type Listener<T> = (value: T) => void;

/** A typed client for one chat over the Parley hub. It re-attaches its chat session after a reconnect. */
export class ParleyClient {
  private readonly options: ParleyClientOptions;
  private connection: HubConnectionLike | null = null;
  private connecting: Promise<void> | null = null;
  private currentStatus: ConnectionStatus = 'idle';
  private sessionId: string | null = null;
  private threadId: string | null = null;
  private readonly eventListeners = new Set<Listener<ServerEvent[]>>();
  private readonly statusListeners = new Set<Listener<ConnectionStatus>>();

  constructor(options: ParleyClientOptions) {
    this.options = options;
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  /** The chat session to re-attach after a reconnect; null before `chat_started` and after `session_ended`. */
  get currentSessionId(): string | null {
    return this.sessionId;
  }

  /** Subscribes to validated event batches; returns the unsubscribe function. */
  onEvents(listener: Listener<ServerEvent[]>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStatus(listener: Listener<ConnectionStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Opens the connection (once; later calls share it). After a give-up (`disconnected`) it opens a new one and re-attaches. */
  connect(): Promise<void> {
    if (this.connecting !== null) return this.connecting;
    this.connecting = this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** Starts a new chat, or resumes `threadId` from history. Forgets the previous session. */
  async start(options: StartOptions = {}): Promise<ClientAck> {
    this.sessionId = null;
    return this.send({ type: 'start', ...options });
  }

  sendMessage(content: string, fileIds: string[] = [], clientId: string = newClientId()): Promise<ClientAck> {
    return this.send({ type: 'user_message', clientId, content, ...(fileIds.length > 0 ? { fileIds } : {}) });
  }

  stopGeneration(): Promise<ClientAck> {
    return this.send({ type: 'stop' });
  }

  invokeAction(actionId: string): Promise<ClientAck> {
    return this.send({ type: 'action', actionId });
  }

  answerAsk(askId: string, answer: AskAnswer): Promise<ClientAck> {
    return this.send({ type: 'ask_reply', askId, ...answer });
  }

  updateSettings(values: Record<string, JsonValue>): Promise<ClientAck> {
    return this.send({ type: 'settings_update', values });
  }

  /** Answers the last user message again; the steps after it are deleted. */
  regenerate(): Promise<ClientAck> {
    return this.send({ type: 'regenerate' });
  }

  /** Replaces the text of one of the user's messages and answers it again. */
  editMessage(stepId: string, content: string): Promise<ClientAck> {
    return this.send({ type: 'edit_message', stepId, content });
  }

  /** Tells the handler about files dropped on the chat outside of a message. */
  announceFiles(fileIds: string[]): Promise<ClientAck> {
    return this.send({ type: 'files_uploaded', fileIds });
  }

  /** Sends any client message once connected, waiting out a reconnect, and returns the hub's ack. */
  async send(message: ClientMessage): Promise<ClientAck> {
    const connection = await this.whenConnected();
    return toAck(await connection.invoke('Send', message));
  }

  /** Closes the connection for good (page unload, widget unmount). */
  async stop(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    this.connecting = null;
    this.sessionId = null;
    this.setStatus('idle');
    if (connection !== null) await connection.stop();
  }

  private async open(): Promise<void> {
    if (this.currentStatus === 'connected' || this.currentStatus === 'reconnecting') return;
    const create = this.options.createConnection ?? createSignalRConnection;
    const connection = create(`${this.options.baseUrl}hub`, this.options.accessToken);
    connection.on('Receive', (frame) => this.receive(frame));
    connection.onreconnecting(() => {
      if (this.connection === connection) this.setStatus('reconnecting');
    });
    connection.onreconnected(() => {
      if (this.connection === connection) void this.reattach(connection);
    });
    connection.onclose(() => {
      if (this.connection === connection) this.setStatus('disconnected');
    });
    this.connection = connection;
    this.setStatus('connecting');
    try {
      await this.startConnection(connection);
    } catch (error) {
      if (this.connection === connection) this.setStatus('disconnected');
      throw error;
    }
    // stop() ran while this connection was starting (an unmount): it is no longer ours.
    if (this.connection !== connection) return;
    // A session that survived a give-up and a manual reconnect is re-attached like after an automatic one.
    if (this.sessionId !== null) await this.reattach(connection);
    else this.setStatus('connected');
  }

  private async startConnection(connection: HubConnectionLike): Promise<void> {
    try {
      await connection.start();
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      this.options.onUnauthorized?.();
      if (this.options.accessToken === undefined || this.connection !== connection) throw error;
      await connection.start();
    }
  }

  /**
   * Re-attaches the chat session before anything else is sent, so messages queued during the
   * outage reach the right chat. If the server no longer has the session, the thread is resumed.
   */
  private async reattach(connection: HubConnectionLike): Promise<void> {
    const sessionId = this.sessionId;
    let ack: ClientAck = { ok: true };
    try {
      if (sessionId !== null) {
        ack = toAck(await connection.invoke('Send', { type: 'start', sessionId } satisfies ClientMessage));
        if (!ack.ok && this.threadId !== null) {
          ack = toAck(await connection.invoke('Send', { type: 'start', threadId: this.threadId } satisfies ClientMessage));
        }
      }
    } catch (error) {
      ack = { ok: false, code: 'reattach_failed', message: error instanceof Error ? error.message : String(error) };
    } finally {
      // Sends queued during the outage go out only now, after the chat is back.
      this.setStatus('connected');
    }
    if (!ack.ok) {
      this.emit([{ type: 'error', code: ack.code ?? 'reattach_failed', message: ack.message ?? 'The chat could not be restored.' }]);
    }
  }

  private receive(frame: unknown): void {
    const batch = Array.isArray(frame) ? frame : [frame];
    const events: ServerEvent[] = [];
    for (const candidate of batch) {
      if (isServerEvent(candidate)) events.push(candidate);
      else this.options.onMalformedFrame?.(candidate);
    }
    for (const event of events) {
      if (event.type === 'chat_started') {
        this.sessionId = event.sessionId;
        this.threadId = event.threadId;
      } else if (event.type === 'session_ended') {
        this.sessionId = null;
      } else if (event.type === 'host_fn_call') {
        void this.callHostFunction(event);
      }
    }
    if (events.length > 0) this.emit(events);
  }

  private async callHostFunction(call: HostFunctionCall): Promise<void> {
    const handler = this.options.hostFunctions;
    let reply: ClientMessage;
    if (handler === undefined) {
      reply = { type: 'host_fn_result', callId: call.callId, error: 'This page offers no host functions.' };
    } else {
      try {
        reply = { type: 'host_fn_result', callId: call.callId, result: await handler(call.name, call.args) };
      } catch (error) {
        reply = { type: 'host_fn_result', callId: call.callId, error: error instanceof Error ? error.message : String(error) };
      }
    }
    await this.send(reply).catch(() => undefined);
  }

  private emit(events: ServerEvent[]): void {
    for (const listener of this.eventListeners) listener(events);
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.currentStatus === status) return;
    this.currentStatus = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private whenConnected(): Promise<HubConnectionLike> {
    const connection = this.connection;
    if (connection !== null && this.currentStatus === 'connected') return Promise.resolve(connection);
    if (this.currentStatus === 'idle' || this.currentStatus === 'disconnected') {
      return Promise.reject(new Error('Not connected to the chat server.'));
    }
    const timeoutMs = this.options.sendTimeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error('The connection to the chat server was lost.'));
      }, timeoutMs);
      const unsubscribe = this.onStatus((status) => {
        if (status === 'connected' && this.connection !== null) {
          clearTimeout(timer);
          unsubscribe();
          resolve(this.connection);
        } else if (status === 'disconnected' || status === 'idle') {
          clearTimeout(timer);
          unsubscribe();
          reject(new Error('The connection to the chat server was lost.'));
        }
      });
    });
  }
}

/** SignalR's HttpError for a 401 answer to negotiate. */
function isUnauthorized(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'statusCode' in error && error.statusCode === 401;
}

function toAck(value: unknown): ClientAck {
  return isClientAck(value) ? value : { ok: false, code: 'bad_response', message: 'The server sent an unexpected answer.' };
}

/** A random id; `crypto.randomUUID` needs a secure context, which a plain-http intranet host is not. */
function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
