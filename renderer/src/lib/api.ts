/**
 * The renderer's only way to the main process. window.api returns Results; this module turns
 * a failed Result back into an ApiError with the main process's plain-language message, so
 * components can simply await and catch.
 */
import type { ApiMethod, Bridge, FactdeskApi, FlushResult, MenuCommand } from '../../../api/contract';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function bridge(): Bridge {
  return window.api;
}

export const api = new Proxy({} as FactdeskApi, {
  get(_target, method: ApiMethod) {
    return async (...args: unknown[]) => {
      const call = bridge()[method] as (...a: unknown[]) => ReturnType<Bridge[ApiMethod]>;
      const result = await call(...args);
      if (!result.ok) throw new ApiError(result.error.code, result.error.message);
      return result.value;
    };
  },
});

export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return bridge().onMenuCommand(listener);
}

/** Main asks before the window closes; the answer says whether every change is saved. */
export function onFlushRequest(listener: () => Promise<FlushResult>): () => void {
  return bridge().onFlushRequest(listener);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
