import fs from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';
import { GEO_ATTRIBUTION } from '@/lib/vocabulary';

export const dynamic = 'force-static';
export const metadata = { title: 'How earshot counts — methodology' };

/** The counting methodology, rendered from lib/counting/methodology.md (our own file: trusted Markdown). */
export default function MethodologyPage() {
  const md = fs.readFileSync(path.join(process.cwd(), 'lib', 'counting', 'methodology.md'), 'utf8');
  const html = marked.parse(md, { async: false });
  return (
    <main>
      <p><a href="/">← earshot</a></p>
      <article dangerouslySetInnerHTML={{ __html: html }} />
      <footer className="attribution">{GEO_ATTRIBUTION} (<a href="https://db-ip.com">db-ip.com</a>, CC BY 4.0). User-agent data: OPAWG user-agents-v2 (MIT).</footer>
    </main>
  );
}
