import { type FormEvent, useState } from 'react';
import type { ParleyApi } from '../../protocol/api';
import type { SignedInDto } from '../../protocol/auth';
import { AccountFields } from './AccountFields';
import { setupProblem } from './authMessages';

interface SetupFormProps {
  api: ParleyApi;
  returnPath: string;
  /** The code from the setup link (`{base}login#setup=…`); empty when the visitor came without it. */
  initialCode?: string;
  onSignedIn: (answer: SignedInDto) => void;
}

/**
 * First-run setup: creates the first administrator. The server printed a link with a one-time
 * code at start-up; the code proves the visitor is the operator. The form checks what it can
 * (matching passwords, length); the server enforces every rule.
 */
export function SetupForm({ api, returnPath, initialCode = '', onSignedIn }: SetupFormProps) {
  const [setupCode, setSetupCode] = useState(initialCode);
  const [username, setUsername] = useState('admin');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== confirm) {
      setProblem('The two passwords differ.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const answer = await api.setup({
        setupCode: setupCode.trim(),
        username: username.trim(),
        password,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        returnUrl: returnPath,
      });
      onSignedIn(answer);
    } catch (error) {
      setProblem(setupProblem(error));
      setBusy(false);
    }
  };

  return (
    <form className="login-form" data-testid="setup-form" aria-label="Create the administrator" onSubmit={(event) => void onSubmit(event)}>
      <p className="muted">
        Welcome! Create the administrator account. It can invite others and manage users.
      </p>
      {initialCode === '' && (
        <p className="muted" data-testid="setup-code-hint">
          The server printed a setup link when it started (look for “No administrator yet” in its output). Open that link, or paste
          the code after <code>#setup=</code> here.
        </p>
      )}
      <label>
        Setup code
        <input
          name="setup-code"
          autoComplete="off"
          spellCheck={false}
          maxLength={256}
          data-testid="setup-code"
          required
          value={setupCode}
          onChange={(event) => setSetupCode(event.currentTarget.value)}
        />
      </label>
      <AccountFields
        testIdPrefix="setup"
        username={username}
        onUsername={setUsername}
        displayName={displayName}
        onDisplayName={setDisplayName}
        password={password}
        onPassword={(value) => {
          setPassword(value);
          setProblem(null);
        }}
      />
      <label>
        Repeat the password
        <input
          name="confirm-password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          maxLength={1024}
          data-testid="setup-password-confirm"
          required
          value={confirm}
          onChange={(event) => {
            setConfirm(event.currentTarget.value);
            setProblem(null);
          }}
        />
      </label>
      {problem && (
        <p className="error-text" role="alert" data-testid="setup-error">
          {problem}
        </p>
      )}
      <button type="submit" className="primary-button" data-testid="setup-submit" disabled={busy}>
        {busy ? 'Creating the administrator…' : 'Create administrator'}
      </button>
    </form>
  );
}

/** The setup code in a link's fragment (`#setup=…`), or an empty string. */
export function setupCodeFrom(hash: string): string {
  const match = /^#?setup=([A-Za-z0-9_-]{1,256})$/.exec(hash);
  return match ? match[1]! : '';
}
