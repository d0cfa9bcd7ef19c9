/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A path on this site (not `//host` or `/\\host`, no white space): safe to redirect to. */
export function isLocalPath(p: string): boolean {
  return /^\/(?![/\\])[^\s]*$/.test(p);
}

/** A 303 to a local path (anything else goes to `/`: no open redirect). */
export function seeOther(location: string, headers: Record<string, string> = {}): Response {
  const safe = isLocalPath(location) ? location : '/';
  return new Response(null, { status: 303, headers: { Location: safe, 'Cache-Control': 'no-store', ...headers } });
}

/** A small server-made HTML page (a one-time secret, or a form error). */
export function htmlPage(title: string, bodyHtml: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — earshot</title>
<link rel="stylesheet" href="/earshot.css"></head><body><main class="narrow"><h1>${escapeHtml(title)}</h1>${bodyHtml}</main></body></html>`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** Form fields of a urlencoded or multipart body, with repeated names as lists. */
export async function readForm(request: Request): Promise<{ get: (k: string) => string; all: (k: string) => string[]; file: (k: string) => Promise<string> }> {
  const form = await request.formData();
  return {
    /** An uploaded file's text ('' when none was chosen). */
    file: async (k) => {
      const v = form.get(k);
      return v && typeof v !== 'string' && v.size > 0 ? v.text() : '';
    },
    get: (k) => {
      const v = form.get(k);
      return typeof v === 'string' ? v : '';
    },
    all: (k) => form.getAll(k).filter((v): v is string => typeof v === 'string'),
  };
}
