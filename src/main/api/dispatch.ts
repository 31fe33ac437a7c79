// The main-process edge of the API: checks the method name, parses the payload with its zod schema
// and runs the handler. Whatever a renderer sends, the answer is a Result; a handler that throws is a
// bug, reported as 'internal' rather than crashing the process.
import { isApiMethod, type ApiMethod, type ApiPayload, type ApiResponses, type Result } from '../../shared/api';
import { requestSchemas } from '../../shared/api-requests';
import { fail } from './result';

/** One handler per API method, receiving the parsed payload. */
export type Handlers = { [M in ApiMethod]: (payload: ApiPayload<M>) => Promise<Result<ApiResponses[M]>> };

/** Calls a method by name with an untrusted payload. */
export type Dispatch = (method: unknown, payload: unknown) => Promise<Result<unknown>>;

/** Wraps the handlers behind validation. */
export function createDispatcher(handlers: Handlers, log: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): Dispatch {
  return async (method, payload) => {
    if (!isApiMethod(method)) return fail('unknown-method', `Il metodo API ${JSON.stringify(String(method)).slice(0, 80)} non esiste.`);
    const parsed = requestSchemas[method].safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`);
      return fail('invalid-request', `Invalid request for ${method}: ${issues.join('; ')}`);
    }
    try {
      const handler = handlers[method] as (p: unknown) => Promise<Result<unknown>>;
      return await handler(parsed.data);
    } catch (err) {
      log(`pecdesk: ${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return fail('internal', `${method} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}
