import { settingsAction } from '@/lib/settings/settings-action';
import { registerShow } from '@/lib/feeds/register-show';
import { escapeHtml, htmlPage } from '@/lib/auth/form-helpers';

export const dynamic = 'force-dynamic';

/** Add a show by feed URL or pasted feed; shows the prefix to configure. */
export const POST = settingsAction('/settings', async (rt, form) => {
  const feedXml = (await form.file('feedFile')).trim() || form.get('feedXml').trim() || undefined;
  const added = await registerShow(rt, { feedUrl: form.get('feedUrl').trim() || undefined, feedXml, slug: form.get('slug').trim() || undefined });
  const ex = added.check.example;
  return htmlPage('Show added', `<p class="ok">Added <strong>${escapeHtml(added.slug)}</strong> with ${added.episodes} episodes.</p>
<p>Put this prefix in front of every enclosure URL in the feed: <code>${escapeHtml(added.prefix)}</code></p>
${ex ? `<p>For example</p><p class="secret">${escapeHtml(ex.before)}</p><p>becomes</p><p class="secret">${escapeHtml(ex.after)}</p>` : '<p>Every enclosure already goes through this tracker.</p>'}
<p><a href="/settings/shows/${encodeURIComponent(added.slug)}">Show settings</a> · <a href="/">Dashboard</a></p>`);
});
