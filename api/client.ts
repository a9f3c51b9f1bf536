import type { ApiMethod, FactdeskApi, Result } from './contract';

/**
 * A FactdeskApi over any transport that answers with Results: window.api in the renderer,
 * dispatch for the command line and the tests (main/handlers.ts validatedApi). A failed Result
 * is thrown as the error `fail` makes of it. Free of the schemas, so the renderer's bundle
 * stays free of them too.
 */
export function clientOf(
  invoke: (method: ApiMethod, args: unknown[]) => Promise<Result<unknown>>,
  fail: (error: { code: string; message: string }) => Error,
): FactdeskApi {
  return new Proxy({} as FactdeskApi, {
    get(_target, method: ApiMethod) {
      return async (...args: unknown[]) => {
        const result = await invoke(method, args);
        if (!result.ok) throw fail(result.error);
        return result.value;
      };
    },
  });
}
