import { UserInputError } from '../auth/create-user';
import { escapeHtml, htmlPage, readForm } from '../auth/form-helpers';
import { requireFormAdmin } from './require-form-admin';
import { FeedError } from '../feeds/parse-feed';
import type { Principal } from '../auth/principal';
import { getRuntime } from '../runtime/get-runtime';
import type { Runtime } from '../runtime/start-runtime';

type Form = Awaited<ReturnType<typeof readForm>>;

/**
 * A settings form handler: admin only (others get 404), form parsed, one action run; input
 * errors become a 400 page with the reason, never a stack trace.
 */
export function settingsAction(back: string, fn: (rt: Runtime, form: Form, admin: Principal) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const rt = getRuntime();
    const admin = await requireFormAdmin(rt, request);
    if (!admin) return htmlPage('Not found', '<p>There is nothing here.</p>', 404);
    const form = await readForm(request);
    try {
      return await fn(rt, form, admin);
    } catch (err) {
      if (err instanceof UserInputError || err instanceof FeedError) {
        return htmlPage('That did not work', `<p class="alert" role="alert">${escapeHtml(err.message)}</p><p><a href="${escapeHtml(back)}">Back</a></p>`, 400);
      }
      return htmlPage('Error', `<p class="alert" role="alert">Something went wrong; nothing was changed.</p><p><a href="${escapeHtml(back)}">Back</a></p>`, 500);
    }
  };
}
