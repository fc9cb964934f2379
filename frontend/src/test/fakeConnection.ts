import type { HubConnectionLike } from '../protocol/connection';
import type { ClientAck } from '../protocol/messages';

/** A hub connection without a server: records what was sent and lets a test play the server. */
export class FakeConnection implements HubConnectionLike {
  readonly sent: unknown[] = [];
  /** What the next invocations answer; the default accepts everything. */
  answer: (message: unknown) => ClientAck | Promise<ClientAck> = () => ({ ok: true });
  private readonly handlers = new Map<string, (...args: unknown[]) => void>();
  private reconnecting: ((error?: Error) => void) | undefined;
  private reconnected: ((connectionId?: string) => void) | undefined;
  private closed: ((error?: Error) => void) | undefined;
  started = false;
  stopped = false;

  start(): Promise<void> {
    this.started = true;
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }

  async invoke(methodName: string, ...args: unknown[]): Promise<unknown> {
    if (methodName !== 'Send') throw new Error(`Unknown hub method ${methodName}`);
    this.sent.push(args[0]);
    return this.answer(args[0]);
  }

  on(methodName: string, handler: (...args: unknown[]) => void): void {
    this.handlers.set(methodName, handler);
  }

  onreconnecting(callback: (error?: Error) => void): void {
    this.reconnecting = callback;
  }

  onreconnected(callback: (connectionId?: string) => void): void {
    this.reconnected = callback;
  }

  onclose(callback: (error?: Error) => void): void {
    this.closed = callback;
  }

  /** The server calls `Receive(events)`. */
  receive(frame: unknown): void {
    this.handlers.get('Receive')?.(frame);
  }

  dropAndReconnect(): { reconnected: () => void } {
    this.reconnecting?.();
    return { reconnected: () => this.reconnected?.('conn-2') };
  }

  close(): void {
    this.closed?.();
  }
}
