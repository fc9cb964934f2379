import { describe, expect, it } from 'vitest';
import { isLoginUrl, loginUrl, returnUrlFrom, threadIdFromUrl, threadUrl } from './routes';

const BASE = 'https://chat.example.com/support/';

describe('routes', () => {
  it('reads the thread id under the mount path', () => {
    expect(threadIdFromUrl(BASE, 'https://chat.example.com/support/thread/thr%2F1')).toBe('thr/1');
    expect(threadIdFromUrl(BASE, 'https://chat.example.com/support/thread/abc/')).toBe('abc');
  });

  it('finds no thread on the base or outside it', () => {
    expect(threadIdFromUrl(BASE, BASE)).toBeNull();
    expect(threadIdFromUrl(BASE, 'https://chat.example.com/other/thread/abc')).toBeNull();
    expect(threadIdFromUrl(BASE, 'https://chat.example.com/support/thread/a/b')).toBeNull();
  });

  it('builds thread URLs that round-trip', () => {
    expect(threadUrl(BASE, 'a b')).toBe('https://chat.example.com/support/thread/a%20b');
    expect(threadIdFromUrl(BASE, threadUrl(BASE, 'a b'))).toBe('a b');
  });
});

describe('login routes', () => {
  it('recognizes the sign-in page under the mount path only', () => {
    expect(isLoginUrl(BASE, `${BASE}login`)).toBe(true);
    expect(isLoginUrl(BASE, `${BASE}login?returnUrl=%2F`)).toBe(true);
    expect(isLoginUrl(BASE, 'https://chat.example.com/login')).toBe(false);
    expect(isLoginUrl(BASE, `${BASE}thread/login`)).toBe(false);
  });

  it('returns only to pages of this app after signing in', () => {
    expect(returnUrlFrom(BASE, loginUrl(BASE, `${BASE}thread/t1`))).toBe(`${BASE}thread/t1`);
    expect(returnUrlFrom(BASE, `${BASE}login`)).toBe(BASE);
    expect(returnUrlFrom(BASE, loginUrl(BASE, 'https://evil.example/support/'))).toBe(BASE);
    expect(returnUrlFrom(BASE, loginUrl(BASE, '//evil.example/support/'))).toBe(BASE);
    expect(returnUrlFrom(BASE, loginUrl(BASE, 'https://chat.example.com/other/'))).toBe(BASE);
    expect(returnUrlFrom(BASE, loginUrl(BASE, `${BASE}login`))).toBe(BASE);
  });
});
