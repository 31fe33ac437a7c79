// The main-process edge of the API: checks the method name, parses the payload with its zod schema
// and runs the handler. Whatever a renderer sends, the answer is a Result; a handler that throws is a
// bug, reported as 'internal' rather than crashing the process.
import type { z } from 'zod';
import { isApiMethod, type ApiMethod, type ApiPayload, type ApiResponses, type Result } from '../../shared/api';
import { requestSchemas } from '../../shared/api-requests';
import { fail } from './result';

/** One handler per API method, receiving the parsed payload. */
export type Handlers = { [M in ApiMethod]: (payload: ApiPayload<M>) => Promise<Result<ApiResponses[M]>> };

/** Calls a method by name with an untrusted payload. */
export type Dispatch = (method: unknown, payload: unknown) => Promise<Result<unknown>>;

/** The answer to a method name the API does not have. */
export function unknownMethod(method: unknown) {
  return fail('unknown-method', 'unknown-method', { method: JSON.stringify(String(method)).slice(0, 80) });
}

/** The answer to a payload its method's schema refused, naming the first issues. */
export function invalidRequest(method: ApiMethod, error: z.ZodError) {
  const issues = error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`);
  return fail('invalid-request', 'invalid-request', { method, issues: issues.join('; ') });
}

/** Wraps the handlers behind validation. */
export function createDispatcher(handlers: Handlers, log: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): Dispatch {
  return async (method, payload) => {
    if (!isApiMethod(method)) return unknownMethod(method);
    const parsed = requestSchemas[method].safeParse(payload);
    if (!parsed.success) return invalidRequest(method, parsed.error);
    try {
      const handler = handlers[method] as (p: unknown) => Promise<Result<unknown>>;
      return await handler(parsed.data);
    } catch (err) {
      log(`pecdesk: ${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return fail('internal', 'internal', { method, detail: err instanceof Error ? err.message : String(err) });
    }
  };
}
