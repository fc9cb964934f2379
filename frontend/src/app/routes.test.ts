import { describe, expect, it } from 'vitest';
import { authErrorFrom, authErrorUrl, isLoginUrl, loginUrl, pageOfApp, returnUrlFrom, sitePath, threadIdFromUrl, threadUrl } from './routes';

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
    const asked = (returnUrl: string) => `${BASE}login?returnUrl=${encodeURIComponent(returnUrl)}`;
    expect(returnUrlFrom(BASE, asked('/support/thread/t1'))).toBe(`${BASE}thread/t1`);
    expect(returnUrlFrom(BASE, asked(`${BASE}thread/t1`))).toBe(`${BASE}thread/t1`);
    expect(returnUrlFrom(BASE, `${BASE}login`)).toBe(BASE);
    expect(returnUrlFrom(BASE, asked('https://evil.example/support/'))).toBe(BASE);
    expect(returnUrlFrom(BASE, asked('//evil.example/support/'))).toBe(BASE);
    expect(returnUrlFrom(BASE, asked('https://chat.example.com/other/'))).toBe(BASE);
    expect(returnUrlFrom(BASE, asked(`${BASE}login`))).toBe(BASE);
  });

  it('puts the path of the page to come back to in the sign-in URL', () => {
    expect(loginUrl(BASE, `${BASE}thread/t1?x=1`)).toBe(`${BASE}login?returnUrl=%2Fsupport%2Fthread%2Ft1%3Fx%3D1`);
    expect(returnUrlFrom(BASE, loginUrl(BASE, `${BASE}thread/t1`))).toBe(`${BASE}thread/t1`);
  });
});

describe('sign-in helpers', () => {
  it('sends the server a path on this site as the return URL', () => {
    expect(sitePath(`${BASE}thread/t1?x=1#top`)).toBe('/support/thread/t1?x=1');
  });

  it('follows only answers that are pages of this app', () => {
    expect(pageOfApp(BASE, '/support/thread/t1')).toBe(`${BASE}thread/t1`);
    expect(pageOfApp(BASE, '/support')).toBe(BASE);
    expect(pageOfApp(BASE, '//evil.example/support/')).toBe(BASE);
    expect(pageOfApp(BASE, '/support/login')).toBe(BASE);
  });

  it('reads and writes the OAuth callback error', () => {
    expect(authErrorFrom(`${BASE}?auth_error=denied`)).toBe('denied');
    expect(authErrorFrom(BASE)).toBeNull();
    expect(authErrorUrl(BASE, 'link conflict')).toBe(`${BASE}login?auth_error=link%20conflict`);
  });
});
