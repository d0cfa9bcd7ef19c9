import { splitTarget } from './split-target';
import { unwrapPrefixChain } from './unwrap-prefix-chain';
import { urlKey } from './url-key';

/**
 * The attribution key and innermost host of a full URL (an enclosure URL from a feed, in
 * any target form, with or without measurement prefixes), or null when it is not a valid target.
 */
export function attributionKeyOf(url: string, selfHosts?: ReadonlySet<string>): { key: string; host: string } | null {
  const r = splitTarget(url.replace(/[?#].*$/s, ''));
  if (!r.ok) return null;
  const inner = unwrapPrefixChain(r.parts, selfHosts);
  return { key: urlKey(inner), host: inner.host };
}
