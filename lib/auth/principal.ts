/** Who is asking: a signed-in user or an API token. `shows: 'all'` for admins and admin tokens. */
export type Principal =
  | { kind: 'user'; userId: number; email: string; isAdmin: boolean; timeZone: string | null; shows: 'all' | number[] }
  | { kind: 'token'; tokenId: number; isAdmin: boolean; shows: 'all' | number[] };

/** Whether the principal may see this show (a show it may not see is answered as if it did not exist). */
export function canSeeShow(p: Principal, showId: number): boolean {
  return p.shows === 'all' || p.shows.includes(showId);
}
