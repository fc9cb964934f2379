// The shape of GET {base}api/config. Read leniently: the server adds members over time.
import type { UserDto } from './dtos';
import { isUserDto } from './guards';
import { arrayOf, isBoolean, isNumber, isString, oneOf, optional, shape } from './validate';

export interface UploadLimits {
  maxMessageChars: number;
  maxUploadBytes: number;
  maxFilesPerMessage: number;
  /** MIME types ("image/png", "image/*") or extensions (".csv"); empty accepts any type the server allows. */
  acceptedTypes: string[];
}

export interface AntiforgeryConfig {
  headerName: string;
  token: string;
}

/** An external sign-in provider (OAuth / OpenID Connect): the browser goes to `startUrl`. */
export interface AuthProvider {
  id: string;
  displayName: string;
  startUrl: string;
}

/** Who may create a built-in account: anyone, holders of an invite code, or nobody. */
export type Registration = 'open' | 'invite' | 'closed';

export interface AuthConfig {
  /** Whether the request had a user; a guest (anonymous mode) counts as signed in. */
  signedIn: boolean;
  /** Enabled sign-in modes, e.g. "anonymous", "password", "accounts", "oauth", "copilot", "header", "host". */
  modes: string[];
  /** Built-in accounts' registration ("open", "invite", "closed"); read it with `registrationOf`. */
  registration?: string | null;
  /** The password sign-in endpoint (POST), null when there is none. */
  loginUrl?: string | null;
  logoutUrl?: string | null;
  /** Whether the user administers built-in accounts (creates invites). */
  isAdmin?: boolean | null;
  providers?: AuthProvider[] | null;
  /** Built-in accounts have no administrator yet: the sign-in page offers first-run setup. */
  setupRequired?: boolean | null;
}

export interface ParleyConfig {
  appName: string;
  user?: UserDto | null;
  limits: UploadLimits;
  antiforgery?: AntiforgeryConfig | null;
  auth: AuthConfig;
}

export const isParleyConfig = shape<ParleyConfig>({
  appName: isString,
  user: optional(isUserDto),
  limits: shape<UploadLimits>({
    maxMessageChars: isNumber,
    maxUploadBytes: isNumber,
    maxFilesPerMessage: isNumber,
    acceptedTypes: arrayOf(isString),
  }),
  antiforgery: optional(shape<AntiforgeryConfig>({ headerName: isString, token: isString })),
  auth: shape<AuthConfig>({
    signedIn: isBoolean,
    modes: arrayOf(isString),
    registration: optional(isString),
    loginUrl: optional(isString),
    logoutUrl: optional(isString),
    isAdmin: optional(isBoolean),
    providers: optional(arrayOf(shape<AuthProvider>({ id: isString, displayName: isString, startUrl: isString }))),
    setupRequired: optional(isBoolean),
  }),
});

const isRegistration = oneOf<Registration>(['open', 'invite', 'closed']);

/** The registration the sign-in page offers; anything unknown is treated as closed. */
export function registrationOf(auth: AuthConfig): Registration {
  return isRegistration(auth.registration) ? auth.registration : 'closed';
}
