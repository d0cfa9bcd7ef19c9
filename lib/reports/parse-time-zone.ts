/** An IANA time zone name as Intl (and PostgreSQL) know it, or null. `UTC` is canonical for utc/Etc/UTC. */
export function parseTimeZone(value: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return null;
  try {
    const tz = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
    return tz === 'Etc/UTC' || tz === 'Etc/GMT' || tz.toUpperCase() === 'UTC' ? 'UTC' : tz;
  } catch {
    return null;
  }
}
