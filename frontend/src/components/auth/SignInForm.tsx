import { type FormEvent, useState } from 'react';
import type { ParleyApi } from '../../protocol/api';
import type { SignedInDto } from '../../protocol/auth';
import { signInProblem } from './authMessages';

interface SignInFormProps {
  api: ParleyApi;
  /** Where to come back to, as a path on this site (the server checks it again). */
  returnPath: string;
  onSignedIn: (answer: SignedInDto) => void;
}

/** User name and password, posted as JSON with the antiforgery header (modes "password" and "accounts"). */
export function SignInForm({ api, returnPath, onSignedIn }: SignInFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onSignedIn(await api.login(username, password, returnPath));
    } catch (error) {
      setProblem(signInProblem(error));
      setBusy(false);
    }
  };

  return (
    <form className="login-form" data-testid="login-form" aria-label="Sign in" onSubmit={(event) => void onSubmit(event)}>
      <label>
        User name
        <input
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          data-testid="login-username"
          required
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
        />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          data-testid="login-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
      </label>
      {problem && (
        <p className="error-text" role="alert" data-testid="login-error">
          {problem}
        </p>
      )}
      <button type="submit" className="primary-button" data-testid="login-submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
