import { type FormEvent, useState } from 'react';
import type { ParleyApi } from '../../protocol/api';
import type { SignedInDto } from '../../protocol/auth';
import { AccountFields } from './AccountFields';
import { registerProblem } from './authMessages';

interface RegisterFormProps {
  api: ParleyApi;
  /** "invite" asks for the code an administrator handed out. */
  registration: 'open' | 'invite';
  returnPath: string;
  /** An invite code from the link the user followed (`{base}login?invite=…`). */
  initialInvite?: string;
  onSignedIn: (answer: SignedInDto) => void;
}

/** Creates a built-in account and signs it in. The server enforces the rules; the form only helps. */
export function RegisterForm({ api, registration, returnPath, initialInvite = '', onSignedIn }: RegisterFormProps) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [inviteCode, setInviteCode] = useState(initialInvite);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const answer = await api.register({
        username: username.trim(),
        password,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        ...(registration === 'invite' ? { inviteCode: inviteCode.trim() } : {}),
        returnUrl: returnPath,
      });
      onSignedIn(answer);
    } catch (error) {
      setProblem(registerProblem(error));
      setBusy(false);
    }
  };

  return (
    <form className="login-form" data-testid="register-form" aria-label="Create an account" onSubmit={(event) => void onSubmit(event)}>
      {registration === 'invite' && (
        <label>
          Invite code
          <input
            name="invite"
            autoComplete="off"
            spellCheck={false}
            data-testid="register-invite"
            required
            value={inviteCode}
            onChange={(event) => setInviteCode(event.currentTarget.value)}
          />
        </label>
      )}
      <AccountFields
        testIdPrefix="register"
        username={username}
        onUsername={setUsername}
        displayName={displayName}
        onDisplayName={setDisplayName}
        password={password}
        onPassword={setPassword}
      />
      {problem && (
        <p className="error-text" role="alert" data-testid="register-error">
          {problem}
        </p>
      )}
      <button type="submit" className="primary-button" data-testid="register-submit" disabled={busy}>
        {busy ? 'Creating the account…' : 'Create account'}
      </button>
    </form>
  );
}
