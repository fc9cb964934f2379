import type { ParleyApi } from '../../protocol/api';
import { SESSION_MODES } from '../../protocol/auth';
import type { AuthConfig } from '../../protocol/config';
import { safeUrl } from '../../protocol/base';
import { loginUrl } from '../../app/routes';

/** Where a browser goes once its session ended: the sign-in page, or a fresh start as a guest when that is all there is. */
export function afterSignOutUrl(auth: AuthConfig, base: string): string {
  return auth.modes.some((mode) => SESSION_MODES.includes(mode)) ? loginUrl(base) : base;
}

/**
 * Ends this browser's session and says where to go. With OAuth providers configured it uses their
 * sign-out, which ends any session and, after an OpenID Connect sign-in, answers the provider's
 * sign-out page (so the provider does not sign the user straight back in).
 */
export async function signOut(api: ParleyApi, auth: AuthConfig, base: string): Promise<string> {
  if (auth.modes.includes('oauth')) {
    const redirect = safeUrl(await api.oauthLogout(), base);
    if (redirect !== null) return redirect;
  } else {
    await api.logout();
  }
  return afterSignOutUrl(auth, base);
}
