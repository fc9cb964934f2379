import type { AuthProvider } from '../../protocol/config';
import { safeUrl } from '../../protocol/base';

/** The start URL of a provider with where to come back to; null unless it is http(s). */
export function providerHref(provider: AuthProvider, base: string, returnPath: string): string | null {
  const href = safeUrl(provider.startUrl, base);
  if (href === null) return null;
  const url = new URL(href);
  url.searchParams.set('returnUrl', returnPath);
  return url.href;
}

/** One "Sign in with …" button per OAuth / OpenID Connect provider: the browser goes to the provider and back. */
export function ProviderButtons({ providers, base, returnPath }: { providers: readonly AuthProvider[]; base: string; returnPath: string }) {
  const links = providers.flatMap((provider) => {
    const href = providerHref(provider, base, returnPath);
    return href === null ? [] : [{ provider, href }];
  });
  if (links.length === 0) return null;
  return (
    <ul className="login-providers">
      {links.map(({ provider, href }) => (
        <li key={provider.id}>
          <a className="secondary-button" href={href} data-testid="login-provider" data-provider-id={provider.id}>
            Sign in with {provider.displayName}
          </a>
        </li>
      ))}
    </ul>
  );
}
