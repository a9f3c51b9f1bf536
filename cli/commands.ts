import type { Options } from './factdesk';

/** One `factdesk` command: its positional arguments (after the command's name), its options, the store folder. */
export type Command = (args: string[], values: Options, dir: string) => Promise<unknown>;
