/** Why there is nothing to sign in with here, and what to do about it. */
export function NoSignIn({ modes }: { modes: readonly string[] }) {
  if (modes.includes('header') || modes.includes('host')) {
    return (
      <div className="login-alert" role="alert" data-testid="login-none">
        <p>This app signs you in through your organization&apos;s sign-in, which did not name a user for this request.</p>
        <p className="muted">Reload the page; if this stays, ask whoever runs the app to check the sign-in in front of it.</p>
      </div>
    );
  }
  return (
    <div className="login-alert" role="alert" data-testid="login-none">
      <p>No way to sign in is enabled for this app.</p>
      <p className="muted">
        Whoever runs it needs to turn on a sign-in mode (built-in accounts, a password check, an OAuth provider) or allow
        anonymous use in the server&apos;s Parley:Auth settings.
      </p>
    </div>
  );
}
