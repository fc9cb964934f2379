interface AccountFieldsProps {
  /** Prefix of the fields' test ids: `{prefix}-username`, `{prefix}-display-name`, `{prefix}-password`. */
  testIdPrefix: string;
  username: string;
  onUsername: (value: string) => void;
  displayName: string;
  onDisplayName: (value: string) => void;
  password: string;
  onPassword: (value: string) => void;
}

/**
 * The fields of a new built-in account (registration and first-run setup). Their constraints
 * mirror the server's rules (C# AccountRules) so the browser can say what is wrong before asking;
 * the server still decides.
 */
export function AccountFields({ testIdPrefix, username, onUsername, displayName, onDisplayName, password, onPassword }: AccountFieldsProps) {
  return (
    <>
      <label>
        User name
        <input
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={64}
          pattern="[A-Za-z0-9][A-Za-z0-9._@\-]*"
          title="Letters, digits and . _ - @, starting with a letter or digit"
          data-testid={`${testIdPrefix}-username`}
          required
          value={username}
          onChange={(event) => onUsername(event.currentTarget.value)}
        />
      </label>
      <label>
        <span>
          Display name <span className="muted">(optional)</span>
        </span>
        <input
          name="displayName"
          autoComplete="name"
          maxLength={256}
          data-testid={`${testIdPrefix}-display-name`}
          value={displayName}
          onChange={(event) => onDisplayName(event.currentTarget.value)}
        />
      </label>
      <label>
        Password
        <input
          name="new-password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          maxLength={1024}
          data-testid={`${testIdPrefix}-password`}
          required
          value={password}
          onChange={(event) => onPassword(event.currentTarget.value)}
        />
      </label>
    </>
  );
}
