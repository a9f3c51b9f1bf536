/**
 * How one IPC method is declared: its channel, its arguments as valibot schemas and its
 * result as a schema. Everything else is derived from that declaration: the types the
 * renderer calls (`FactdeskApi`), the types main's handlers implement (`Handlers`), the
 * preload's bridge, and the validation main's dispatch runs on every call. A field added to a
 * schema therefore reaches all of them, and the validator can never disagree with the type.
 */
import * as v from 'valibot';
import { ArticleIdSchema, StatementIdSchema } from '../domain/schema';

/** Any schema of one argument or of a result. */
type Schema = v.GenericSchema;

/** A method's arguments: one tuple, nothing more (strict), checked in order. */
type ArgumentsSchema<Items extends Schema[]> = v.StrictTupleSchema<Items, undefined>;

export interface Method<Items extends Schema[] = Schema[], Result extends Schema = Schema> {
  /** The IPC channel, with the app's prefix so it can never collide with Electron's own. */
  channel: `factdesk:${string}`;
  /** What main's dispatch validates before the handler runs. */
  args: ArgumentsSchema<Items>;
  /** What the handler returns (main's own data, so not validated at run time; tests check it). */
  result: Result;
}

/** Declares a method: `method('factdesk:statement:mark', [ArticleId, StatementId, Patch], StatementSchema)`. */
export function method<const Items extends Schema[], Result extends Schema>(
  channel: `factdesk:${string}`,
  items: Items,
  result: Result,
): Method<Items, Result> {
  return { channel, args: v.strictTuple(items), result };
}

/** Trailing arguments that may be undefined may also be left out, as `importUrl(url)`. */
type OptionalTail<T extends readonly unknown[]> = T extends readonly [...infer Head, infer Last]
  ? undefined extends Last
    ? [...OptionalTail<Head>, Last?]
    : T
  : T;

/** What a caller (the renderer, the command line, a test) passes: the schemas' input types. */
export type CallArgs<M extends Method> = OptionalTail<v.InferInput<M['args']>>;
/** What a handler receives: the schemas' output, after dispatch validated it and filled in defaults. */
export type HandlerArgs<M extends Method> = v.InferOutput<M['args']>;
export type ResultOf<M extends Method> = v.InferOutput<M['result']>;

/** The API as callers see it, one promise-returning function per method. */
export type ApiOf<Methods extends Record<string, Method>> = {
  [K in keyof Methods]: (...args: CallArgs<Methods[K]>) => Promise<ResultOf<Methods[K]>>;
};

/** The API as main implements it: each handler gets arguments dispatch has already validated. */
export type HandlersOf<Methods extends Record<string, Method>> = {
  [K in keyof Methods]: (...args: HandlerArgs<Methods[K]>) => Promise<ResultOf<Methods[K]>>;
};

// ---- Argument schemas several features share ----

export const articleId = ArticleIdSchema;
export const statementId = StatementIdSchema;
/** An attached source document's id: the store's id form, as for articles and statements. */
export const documentId = ArticleIdSchema;
/** A link the editor asks Factdesk to fetch or open: http(s) only (never file:, javascript:). */
export const httpUrl = v.pipe(v.string(), v.maxLength(2048), v.url(), v.regex(/^https?:\/\//i, 'must be an http(s) link'));
/** How a link may be fetched: allowPrivateNetwork after the editor said yes to an intranet page. */
export const FetchOptionsSchema = v.optional(v.strictObject({ allowPrivateNetwork: v.optional(v.boolean()) }));
export type FetchOptions = v.InferInput<typeof FetchOptionsSchema>;
/** For methods that answer nothing. */
export const nothing = v.void();
