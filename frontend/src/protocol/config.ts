// The shape of GET {base}api/config. Read leniently: the server adds members over time.
import type { UserDto } from './dtos';
import { isUserDto } from './guards';
import { arrayOf, isBoolean, isNumber, isString, optional, shape } from './validate';

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

export interface AuthConfig {
  signedIn: boolean;
  /** Enabled sign-in modes, e.g. "anonymous", "password", "accounts", "oauth", "copilot", "header". */
  modes: string[];
  loginUrl?: string | null;
  logoutUrl?: string | null;
  providers?: AuthProvider[] | null;
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
    loginUrl: optional(isString),
    logoutUrl: optional(isString),
    providers: optional(arrayOf(shape<AuthProvider>({ id: isString, displayName: isString, startUrl: isString }))),
  }),
});
