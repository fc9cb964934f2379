import type { ElementDto } from '../../protocol/dtos';
import { safeUrl } from '../../protocol/base';

/** Where the browser fetches an element: its URL if http(s), else Parley's download endpoint. */
export function elementUrl(element: ElementDto, base: string): string | null {
  return safeUrl(element.url ?? `api/elements/${encodeURIComponent(element.id)}`, base);
}
