/** The shared desk: work given to editors, and each editor's lists. */
import * as v from 'valibot';
import { ArticleSchema, AssignmentInputSchema } from '../domain/schema';
import { articleId, httpUrl, method, statementId } from './method';

/** One piece of desk work in an editor's lists (services/desk/assignments.ts). */
export const WorkItemSchema = v.object({
  articleId: v.string(),
  title: v.string(),
  /** Null for a whole article. */
  statementId: v.nullable(v.string()),
  /** From 1, as reports number statements; null for a whole article. */
  index: v.nullable(v.number()),
  text: v.string(),
  to: v.string(),
  due: v.string(),
  /** Who is to sign it off: a name, or "any second editor". */
  signOffBy: v.string(),
});
export type WorkItem = v.InferOutput<typeof WorkItemSchema>;

/** The signed-in editor's lists: "Assigned to me", "Awaiting my sign-off", "Overdue". */
export const WorkListsSchema = v.object({
  assignedToMe: v.array(WorkItemSchema),
  awaitingMySignOff: v.array(WorkItemSchema),
  overdue: v.array(WorkItemSchema),
});
export type WorkLists = v.InferOutput<typeof WorkListsSchema>;

/**
 * The desk as the window shows it (services/desk/live.ts). `changes` counts documents on their
 * way (syncing) or kept on this machine (offline); `reason` says why for offline and error.
 */
export const DeskStatusSchema = v.object({
  state: v.picklist(['disconnected', 'password-needed', 'connecting', 'synced', 'syncing', 'offline', 'error']),
  /** The desk's database URL; '' when disconnected. */
  url: v.string(),
  /** The signed-in desk user, whose name every change carries while connected; '' when disconnected. */
  user: v.string(),
  changes: v.number(),
  reason: v.string(),
  /** ISO time of the last moment this store and the desk had each other's changes. */
  lastSyncAt: v.nullable(v.string()),
  /** '' when the password is kept encrypted by the system; otherwise why it is not kept. */
  keyring: v.string(),
});
export type DeskStatus = v.InferOutput<typeof DeskStatusSchema>;

export const DESK_DISCONNECTED: DeskStatus = { state: 'disconnected', url: '', user: '', changes: 0, reason: '', lastSyncAt: null, keyring: '' };

/** What Settings → Desk sends to connect. */
export const DeskAccountInputSchema = v.strictObject({
  url: httpUrl,
  user: v.pipe(v.string(), v.minLength(1, 'needs the desk user name'), v.maxLength(200)),
  password: v.pipe(v.string(), v.minLength(1, 'needs the desk password'), v.maxLength(1024)),
});
export type DeskAccountInput = v.InferInput<typeof DeskAccountInputSchema>;

export const DESK_METHODS = {
  /** Gives the article (statementId null) or one statement to an editor with a deadline; null takes it back. */
  assign: method(
    'factdesk:desk:assign',
    [articleId, v.nullable(statementId), v.nullable(v.strictObject(AssignmentInputSchema.entries))],
    ArticleSchema,
  ),
  /** The signed-in editor's work: assigned to her, awaiting her sign-off, overdue. */
  workLists: method('factdesk:desk:work-lists', [], WorkListsSchema),
  /** The desk's status as the window shows it; changes come as DESK_STATUS_CHANNEL events. */
  deskStatus: method('factdesk:desk:get-status', [], DeskStatusSchema),
  /** Checks the account (one clear sentence when refused; nothing changes then), remembers the desk and starts syncing. */
  connectDesk: method('factdesk:desk:connect', [DeskAccountInputSchema], DeskStatusSchema),
  /** Stops syncing and forgets the desk and its password; the articles stay. */
  disconnectDesk: method('factdesk:desk:disconnect', [], DeskStatusSchema),
};
