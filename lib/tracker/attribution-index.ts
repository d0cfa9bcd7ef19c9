import type { Queryable } from '../../db/client';

type Target = { showId: number; episodeId: number };

/**
 * In-memory lookup of episode URLs (attribution key → show/episode), podcast guids → show,
 * and the set of known enclosure hosts (for the tracker's 403 rule). Reloaded on change.
 */
export class AttributionIndex {
  private byKey = new Map<string, Target[]>();
  /** host + file name → targets: the fallback when the full path differs (a host that moved files between folders). */
  private byHostFile = new Map<string, Target[]>();
  private showByGuid = new Map<string, number>();
  private hostSet = new Set<string>();
  private signature = '';

  hasHost(host: string): boolean {
    return this.hostSet.has(host);
  }

  /**
   * (show, episode) for a hit, or the show alone when only that is known, or null. Exact
   * key first, then the same file name on the same host; a pg= guid narrows the candidates
   * to its show when it names one of them.
   */
  resolve(urlKey: string, podcastGuid: string | null): { showId: number; episodeId: number | null } | null {
    const guidShow = podcastGuid ? this.showByGuid.get(podcastGuid) : undefined;
    let candidates = this.byKey.get(urlKey) ?? this.byHostFile.get(hostFile(urlKey)) ?? [];
    if (guidShow !== undefined) {
      const narrowed = candidates.filter((c) => c.showId === guidShow);
      if (narrowed.length) candidates = narrowed;
    }
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length > 1) {
      const shows = new Set(candidates.map((c) => c.showId));
      return shows.size === 1 ? { showId: candidates[0]!.showId, episodeId: null } : null;
    }
    return guidShow !== undefined ? { showId: guidShow, episodeId: null } : null;
  }

  /** Reloads from the database when episode URLs or shows changed (cheap check first). */
  async refresh(db: Queryable, force = false): Promise<boolean> {
    const [sig] = await db.query<{ s: string }>(
      `SELECT (SELECT count(*) FROM episode_urls)::text || ':' || coalesce((SELECT max(first_seen_at) FROM episode_urls)::text, '')
          || ':' || (SELECT count(*) FROM shows)::text || ':' || coalesce((SELECT max(id) FROM shows)::text, '') AS s`,
    );
    if (!force && sig?.s === this.signature) return false;
    const urls = await db.query<{ show_id: number; episode_id: number; url_key: string; host: string }>(
      'SELECT show_id, episode_id, url_key, host FROM episode_urls',
    );
    const shows = await db.query<{ id: number; podcast_guid: string | null }>('SELECT id, podcast_guid FROM shows');
    const byKey = new Map<string, Target[]>();
    const byHostFile = new Map<string, Target[]>();
    const hosts = new Set<string>();
    const add = (m: Map<string, Target[]>, k: string, t: Target) => {
      const list = m.get(k) ?? [];
      if (!list.some((x) => x.showId === t.showId && x.episodeId === t.episodeId)) list.push(t);
      m.set(k, list);
    };
    for (const u of urls) {
      const t = { showId: Number(u.show_id), episodeId: Number(u.episode_id) };
      add(byKey, u.url_key, t);
      add(byHostFile, hostFile(u.url_key), t);
      hosts.add(u.host);
    }
    this.byKey = byKey;
    this.byHostFile = byHostFile;
    this.hostSet = hosts;
    this.showByGuid = new Map(shows.filter((s) => s.podcast_guid).map((s) => [s.podcast_guid!.toLowerCase(), Number(s.id)]));
    this.signature = sig?.s ?? '';
    return true;
  }
}

/** `host|file-name` of an attribution key (`host/dir/file.mp3` → `host|file.mp3`). */
function hostFile(urlKey: string): string {
  const slash = urlKey.indexOf('/');
  return `${urlKey.slice(0, slash)}|${urlKey.slice(urlKey.lastIndexOf('/') + 1)}`;
}
