import { describe, expect, it } from 'vitest';
import { AccessTokens, tokenExpiry } from './accessTokens';

function jwt(claims: object): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.signature`;
}

describe('AccessTokens', () => {
  it('uses the initial token while it is valid, without calling the host', async () => {
    let calls = 0;
    const tokens = new AccessTokens(jwt({ exp: 2_000 }), () => `fresh-${++calls}`, () => 1_000_000);
    expect(await tokens.get()).toBe(jwt({ exp: 2_000 }));
    expect(calls).toBe(0);
  });

  it('fetches a fresh token when there is none, when it expires soon, and after a rejection', async () => {
    let now = 0;
    let calls = 0;
    const tokens = new AccessTokens(null, () => jwt({ exp: 100 + ++calls }), () => now);
    expect(tokenExpiry((await tokens.get())!)).toBe(101_000);
    now = 80_000;
    expect(tokenExpiry((await tokens.get())!)).toBe(102_000);
    tokens.invalidate();
    now = 80_001;
    expect(tokenExpiry((await tokens.get())!)).toBe(103_000);
    expect(calls).toBe(3);
  });

  it('shares one fetch between concurrent callers', async () => {
    let calls = 0;
    const tokens = new AccessTokens(null, async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 'fresh';
    });
    expect(await Promise.all([tokens.get(), tokens.get(), tokens.get()])).toEqual(['fresh', 'fresh', 'fresh']);
    expect(calls).toBe(1);
  });

  it('keeps a fixed token when the host gives no callback', async () => {
    const tokens = new AccessTokens('opaque-token', undefined);
    tokens.invalidate();
    expect(await tokens.get()).toBe('opaque-token');
  });

  it('reads no expiry from tokens that are not JWTs', () => {
    expect(tokenExpiry('opaque')).toBeNull();
    expect(tokenExpiry('a.!!!.c')).toBeNull();
    expect(tokenExpiry(jwt({ sub: 'x' }))).toBeNull();
  });
});
