import { describe, expect, it } from 'vitest';
import { step } from '../test/fixtures';
import { isClientAck, isClientMessage, isServerEvent, isStepDto, isThreadPageDto } from './guards';

describe('isServerEvent', () => {
  it('accepts a minimal token event', () => {
    expect(isServerEvent({ type: 'token', stepId: 's', text: 'x' })).toBe(true);
  });

  it('rejects an unknown type, a missing member and a wrong member type', () => {
    expect(isServerEvent({ type: 'tokens', stepId: 's', text: 'x' })).toBe(false);
    expect(isServerEvent({ type: 'token', stepId: 's' })).toBe(false);
    expect(isServerEvent({ type: 'token', stepId: 1, text: 'x' })).toBe(false);
    expect(isServerEvent({ type: 'running', running: 'yes' })).toBe(false);
  });

  it('rejects non-objects and inherited type names', () => {
    expect(isServerEvent(null)).toBe(false);
    expect(isServerEvent('token')).toBe(false);
    expect(isServerEvent([{ type: 'token' }])).toBe(false);
    expect(isServerEvent({ type: 'toString' })).toBe(false);
  });

  it('rejects values outside the enumerations', () => {
    expect(isServerEvent({ type: 'ask_ended', askId: 'a', reason: 'bored' })).toBe(false);
    expect(isServerEvent({ type: 'step', step: { ...step({ id: 's' }), type: 'banana' } })).toBe(false);
  });

  it('accepts nulls where the server may omit a member, and ignores unknown members', () => {
    expect(isStepDto({ ...step({ id: 's' }), parentId: null, feedback: null, futureField: 3 })).toBe(true);
  });

  it('requires the JSON members of a host function call to be present', () => {
    expect(isServerEvent({ type: 'host_fn_call', callId: 'c', name: 'f', args: null })).toBe(true);
    expect(isServerEvent({ type: 'host_fn_call', callId: 'c', name: 'f' })).toBe(false);
  });
});

describe('isClientMessage', () => {
  it('accepts messages with optional members left out', () => {
    expect(isClientMessage({ type: 'start' })).toBe(true);
    expect(isClientMessage({ type: 'user_message', clientId: 'c', content: 'hi' })).toBe(true);
  });

  it('rejects messages the server would refuse', () => {
    expect(isClientMessage({ type: 'user_message', content: 'hi' })).toBe(false);
    expect(isClientMessage({ type: 'files_uploaded', fileIds: [1] })).toBe(false);
    expect(isClientMessage({ type: 'settings_update', values: { f: () => 1 } })).toBe(false);
  });
});

describe('REST and ack guards', () => {
  it('checks acks and thread pages', () => {
    expect(isClientAck({ ok: false, code: 'busy', message: 'Busy' })).toBe(true);
    expect(isClientAck({ code: 'busy' })).toBe(false);
    expect(isThreadPageDto({ items: [] })).toBe(true);
    expect(isThreadPageDto({ items: [{ id: 't' }] })).toBe(false);
  });
});
