/**
 * The renderer's only way to the main process. window.api returns Results; this module turns
 * a failed Result back into an ApiError with the main process's plain-language message, so
 * components can simply await and catch.
 */
import { clientOf } from '$api/client';
import type { ApiMethod, Bridge, DeskStatus, FlushResult, MenuCommand } from '$api/contract';

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

/** Every method of the contract (api/contract.ts); "go to definition" leads to its schema and doc. */
export const api = clientOf(
  (method, args) => (bridge()[method] as (...a: unknown[]) => ReturnType<Bridge[ApiMethod]>)(...args),
  (error) => new ApiError(error.code, error.message),
);

export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return bridge().onMenuCommand(listener);
}

/** Main asks before the window closes; the answer says whether every change is saved. */
export function onFlushRequest(listener: () => Promise<FlushResult>): () => void {
  return bridge().onFlushRequest(listener);
}

/** Main tells the window when the desk's status changes. */
export function onDeskStatus(listener: (status: DeskStatus) => void): () => void {
  return bridge().onDeskStatus(listener);
}

/** Main tells the window which articles a colleague's change reached (already saved here). */
export function onArticlesChanged(listener: (articleIds: string[]) => void): () => void {
  return bridge().onArticlesChanged(listener);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
