import { safeUrl } from '../../protocol/base';

/** Shown when the app needs a signed-in user and there is none; the server does the signing in. */
export function LoginScreen({ appName, loginUrl, base }: { appName: string; loginUrl: string | null | undefined; base: string }) {
  const href = safeUrl(loginUrl, base);
  return (
    <main className="login-screen" data-testid="login-screen">
      <h1>{appName}</h1>
      <p>Sign in to start chatting.</p>
      {href && (
        <a className="primary-button" href={href} data-testid="sign-in-link">
          Sign in
        </a>
      )}
    </main>
  );
}
