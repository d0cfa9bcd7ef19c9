'use client';
import { useEffect } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';

/** With no zone in the URL and none saved for the user, use the browser's zone (one replace, then the URL carries it). */
export function BrowserTimeZone({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  useEffect(() => {
    if (!enabled || search.get('tz')) return;
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!tz || tz === 'UTC' || tz === 'Etc/UTC') return;
    const q = new URLSearchParams(search.toString());
    q.set('tz', tz);
    router.replace(`${pathname}?${q.toString()}`);
  }, [enabled, search, pathname, router]);
  return null;
}
