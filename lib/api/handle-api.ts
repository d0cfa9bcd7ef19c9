import { ZodError } from 'zod';
import { FeedError } from '../feeds/parse-feed';
import { StatsInputError } from '../reports/query-show-stats';
import { NotReadyError } from '../runtime/get-runtime';
import { UserInputError } from '../auth/create-user';
import { ApiError, apiErrorResponse } from './api-error';

/**
 * Wraps an API route handler: known input errors become 400 with the field named, ApiError its
 * status, anything else a bare 500 (never a stack trace or SQL in the answer).
 */
export function handleApi<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      if (err instanceof ApiError) return apiErrorResponse(err.status, err.code, err.message);
      if (err instanceof ZodError) {
        const issue = err.issues[0]!;
        const field = issue.path.join('.') || 'request';
        return apiErrorResponse(400, 'bad_request', `${field}: ${issue.message}`);
      }
      if (err instanceof StatsInputError) return apiErrorResponse(400, 'bad_request', `${err.field}: ${err.message}`);
      if (err instanceof FeedError || err instanceof UserInputError) return apiErrorResponse(400, 'bad_request', err.message);
      if (err instanceof NotReadyError) return apiErrorResponse(503, 'starting', err.message, { 'Retry-After': '2' });
      return apiErrorResponse(500, 'internal', 'internal error');
    }
  };
}
