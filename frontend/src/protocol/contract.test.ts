// The wire contract, checked from the TypeScript side. The C# side checks the same fixture against
// the records in src/Parley/Protocol, so a type added or renamed on one side only fails a test.
import { describe, expect, expectTypeOf, it } from 'vitest';
import samples from '../../../tests/contract/protocol-samples.json';
import { SERVER_EVENT_TYPES, type ServerEventType } from './events';
import {
  GUARDED_CLIENT_MESSAGE_TYPES,
  GUARDED_SERVER_EVENT_TYPES,
  isClientMessage,
  isServerEvent,
} from './guards';
import { CLIENT_MESSAGE_TYPES, type ClientMessageType } from './messages';

const clientSamples: unknown[] = samples.client;
const serverSamples: unknown[] = samples.server;

function typeOf(sample: unknown): unknown {
  return typeof sample === 'object' && sample !== null && 'type' in sample ? sample.type : undefined;
}

describe('protocol-samples.json', () => {
  it.each(clientSamples.map((sample) => [typeOf(sample), sample]))('client sample %s is a valid ClientMessage', (_, sample) => {
    expect(isClientMessage(sample)).toBe(true);
  });

  it.each(serverSamples.map((sample) => [typeOf(sample), sample]))('server sample %s is a valid ServerEvent', (_, sample) => {
    expect(isServerEvent(sample)).toBe(true);
  });

  it('has exactly one sample of every client message type', () => {
    const types = clientSamples.map(typeOf);
    expect([...types].sort()).toEqual([...CLIENT_MESSAGE_TYPES].sort());
  });

  it('has exactly one sample of every server event type', () => {
    const types = serverSamples.map(typeOf);
    expect([...types].sort()).toEqual([...SERVER_EVENT_TYPES].sort());
  });

  it('lists the same types as the guards know', () => {
    expect([...GUARDED_CLIENT_MESSAGE_TYPES].sort()).toEqual([...CLIENT_MESSAGE_TYPES].sort());
    expect([...GUARDED_SERVER_EVENT_TYPES].sort()).toEqual([...SERVER_EVENT_TYPES].sort());
  });

  it('lists every member of the unions (checked by tsc)', () => {
    expectTypeOf<(typeof CLIENT_MESSAGE_TYPES)[number]>().toEqualTypeOf<ClientMessageType>();
    expectTypeOf<(typeof SERVER_EVENT_TYPES)[number]>().toEqualTypeOf<ServerEventType>();
  });
});
