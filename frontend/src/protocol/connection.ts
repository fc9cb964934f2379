// The slice of @microsoft/signalr's HubConnection that ParleyClient uses, so tests can drive the
// client with a fake connection instead of a server.
import { HubConnectionBuilder, HttpTransportType, LogLevel } from '@microsoft/signalr';
import type { TokenSource } from './api';

export interface HubConnectionLike {
  start(): Promise<void>;
  stop(): Promise<void>;
  invoke(methodName: string, ...args: unknown[]): Promise<unknown>;
  on(methodName: string, handler: (...args: unknown[]) => void): void;
  onreconnecting(callback: (error?: Error) => void): void;
  onreconnected(callback: (connectionId?: string) => void): void;
  onclose(callback: (error?: Error) => void): void;
}

export type ConnectionFactory = (hubUrl: string, accessToken?: TokenSource) => HubConnectionLike;

/** Retry quickly at first, then every 10 s for about two minutes: the server keeps a dropped session that long by default. */
const RECONNECT_DELAYS_MS = [0, 1000, 2000, 5000, ...Array<number>(12).fill(10_000)];

export const createSignalRConnection: ConnectionFactory = (hubUrl, accessToken) =>
  new HubConnectionBuilder()
    .withUrl(hubUrl, {
      // WebSockets first; the others only where a proxy blocks them.
      transport: HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling,
      ...(accessToken ? { accessTokenFactory: async () => (await accessToken()) ?? '' } : {}),
    })
    .withAutomaticReconnect(RECONNECT_DELAYS_MS)
    .configureLogging(LogLevel.Warning)
    .build();
