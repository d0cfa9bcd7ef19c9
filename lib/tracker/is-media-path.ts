export const MEDIA_EXTENSIONS = [
  '.mp3', '.m4a', '.mp4', '.m4v', '.aac', '.ogg', '.oga', '.opus', '.wav', '.flac', '.mov', '.webm',
] as const;

/** True when a URL path (no query) ends in one of the media extensions of SPEC §2. */
export function isMediaPath(path: string): boolean {
  let p = path.toLowerCase();
  if (p.includes('%')) {
    try {
      p = decodeURIComponent(p);
    } catch {
      /* judged as given */
    }
  }
  return MEDIA_EXTENSIONS.some((ext) => p.endsWith(ext));
}
