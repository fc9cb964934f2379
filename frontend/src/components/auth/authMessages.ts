// What the sign-in screens say when something goes wrong. The server's answers are deliberately
// terse (one 401 for every refused sign-in); these turn them into sentences a user can act on.
import { ApiError } from '../../protocol/api';
import { errorMessage } from '../../chat/ChatContext';

/** The codes OAuth callbacks put in `?auth_error=` (C# OAuthFailure). */
const AUTH_ERRORS: Record<string, string> = {
  cancelled: 'Sign-in was cancelled at the provider. Try again when you are ready.',
  denied: 'This account is not allowed to sign in to this app.',
  link_conflict: 'That sign-in already belongs to another account, so it was not linked to this one.',
  provider_unavailable: 'The sign-in provider cannot be reached right now. Try again in a moment.',
  failed: 'Sign-in did not complete. Try again.',
};

/** The message for an `?auth_error=` code; unknown codes get the generic one, never the raw text. */
export function authErrorMessage(code: string): string {
  return AUTH_ERRORS[code] ?? AUTH_ERRORS.failed!;
}

function tooManyAttempts(error: ApiError): string {
  return error.retryAfterSeconds === null
    ? 'Too many attempts. Wait a moment, then try again.'
    : `Too many attempts. Try again in ${error.retryAfterSeconds} s.`;
}

/** Why a sign-in with a user name and password failed. */
export function signInProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return `Could not sign in: ${errorMessage(error)}`;
  switch (error.status) {
    case 401:
      return 'The user name or password is wrong.';
    case 429:
      return tooManyAttempts(error);
    case 404:
      return 'Signing in with a password is not enabled on this server.';
    default:
      return error.message;
  }
}

/** Why a registration failed. */
export function registerProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return `Could not create the account: ${errorMessage(error)}`;
  switch (error.status) {
    case 403:
      return error.problem.title === 'Registration closed'
        ? 'Registration is closed. Ask an administrator for an account.'
        : 'The invite code is not valid: it may be mistyped, expired or already used.';
    case 409:
      return 'That user name is taken. Choose another one.';
    case 429:
      return tooManyAttempts(error);
    case 404:
      return 'Creating accounts is not enabled on this server.';
    default:
      return error.message;
  }
}

/** Why first-run setup failed. */
export function setupProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return `Could not set up: ${errorMessage(error)}`;
  switch (error.status) {
    case 403:
      return 'The setup code is not valid. Open the setup link from the server\'s latest start-up output; restarting the server prints a new one.';
    case 409:
      return error.problem.title === 'Already set up'
        ? 'This server has an administrator already. Reload the page and sign in.'
        : 'That user name is taken. Choose another one.';
    case 429:
      return tooManyAttempts(error);
    case 404:
      return 'First-run setup is not enabled on this server.';
    default:
      return error.message;
  }
}

/** Why a password change failed. */
export function passwordProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return `Could not change the password: ${errorMessage(error)}`;
  switch (error.status) {
    case 400:
      return error.problem.title === 'Wrong password' ? 'The current password is wrong.' : error.message;
    case 404:
      return 'This user signs in another way and has no password here.';
    case 429:
      return tooManyAttempts(error);
    default:
      return error.message;
  }
}
