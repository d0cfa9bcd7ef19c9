import { headers } from 'next/headers';

/** The request's preferred locale (Accept-Language), for formatting numbers like the reader expects. */
export async function requestLocale(): Promise<string> {
  const al = (await headers()).get('accept-language') ?? '';
  const first = al.split(',')[0]?.split(';')[0]?.trim();
  try {
    return first ? new Intl.NumberFormat(first).resolvedOptions().locale : 'en-US';
  } catch {
    return 'en-US';
  }
}

export function formatter(locale: string): (n: number | null | undefined) => string {
  const f = new Intl.NumberFormat(locale);
  return (n) => (n === null || n === undefined ? '—' : f.format(n));
}
