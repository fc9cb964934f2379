// The sign-in half of the REST API, under {base}api/auth/ (C# AuthEndpoints and OAuthEndpoints).
import type { AntiforgeryConfig } from './config';
import type { UserDto } from './dtos';
import { isUserDto } from './guards';
import { arrayOf, isBoolean, isString, optional, shape } from './validate';

/** The answer to `POST auth/login` and `POST auth/register`. */
export interface SignedInDto {
  user: UserDto;
  /** Where to go now: the requested return URL if it is a path on this site, else the app's root. */
  returnUrl: string;
  /** A token bound to the new user; the one from before signing in is no longer accepted. */
  antiforgery: AntiforgeryConfig;
}

/** One of the signed-in user's browser sessions (`GET auth/sessions`). */
export interface SessionDto {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** "Chrome on Linux", from the user agent; null when the browser sent none. */
  device?: string | null;
  ipAddress?: string | null;
  /** How the session signed in: "accounts", "password", "oauth"… */
  authMode?: string | null;
  /** The session of this browser. */
  current: boolean;
}

export interface InviteDto {
  code: string;
  expiresAt: string;
}

/** A built-in account as administrators see it (`GET auth/users`). */
export interface AccountDto {
  /** The Parley user id, for `POST auth/users/{id}/disable` and `…/enable`. */
  id: string;
  username: string;
  displayName?: string | null;
  isAdmin: boolean;
  /** A disabled user cannot sign in; disabling ended their sessions. */
  disabled: boolean;
  createdAt: string;
  /** Set while too many wrong passwords keep the account locked. */
  lockedUntil?: string | null;
}

export interface RegisterRequest {
  username: string;
  password: string;
  displayName?: string;
  inviteCode?: string;
  /** A path on this site. */
  returnUrl?: string;
}

/** `POST auth/setup`: the first administrator, with the code from the link the server printed. */
export interface SetupRequest {
  setupCode: string;
  username: string;
  password: string;
  displayName?: string;
  /** A path on this site. */
  returnUrl?: string;
}

export const isSignedInDto = shape<SignedInDto>({
  user: isUserDto,
  returnUrl: isString,
  antiforgery: shape<AntiforgeryConfig>({ headerName: isString, token: isString }),
});

const isSessionDto = shape<SessionDto>({
  id: isString,
  createdAt: isString,
  lastSeenAt: isString,
  expiresAt: isString,
  device: optional(isString),
  ipAddress: optional(isString),
  authMode: optional(isString),
  current: isBoolean,
});

export const isSessionList = shape<{ sessions: SessionDto[] }>({ sessions: arrayOf(isSessionDto) });

export const isInviteDto = shape<InviteDto>({ code: isString, expiresAt: isString });

const isAccountDto = shape<AccountDto>({
  id: isString,
  username: isString,
  displayName: optional(isString),
  isAdmin: isBoolean,
  disabled: isBoolean,
  createdAt: isString,
  lockedUntil: optional(isString),
});

export const isAccountList = shape<{ users: AccountDto[] }>({ users: arrayOf(isAccountDto) });

/** `POST auth/oauth/logout`: the provider's sign-out page to visit, if it has one. */
export const isOAuthRedirect = shape<{ redirect?: string | null }>({ redirect: optional(isString) });

/** Anonymous users' identifiers start with this (C# AnonymousSignIn); they have no account to sign out of. */
export function isGuest(user: UserDto): boolean {
  return user.identifier.startsWith('anonymous:');
}

/** Modes that sign a browser in to a Parley session, which the user can see and end. */
export const SESSION_MODES: readonly string[] = ['password', 'accounts', 'oauth'];
