/**
 * The part of PouchDB 9 the desk uses. DefinitelyTyped's @types/pouchdb-* (written for PouchDB 6)
 * redeclare Buffer and Blob globally and break Node's own types, so they are not used.
 */
declare module 'pouchdb-node' {
  export namespace Pouch {
    interface Doc {
      _id: string;
      _rev?: string;
      _deleted?: boolean;
      _conflicts?: string[];
      [field: string]: unknown;
    }
    interface ReplicationResult {
      ok: boolean;
      docs_read: number;
      docs_written: number;
      doc_write_failures: number;
      errors: unknown[];
      last_seq: number | string;
    }
    interface ReplicateOptions {
      live?: boolean;
      retry?: boolean;
      batch_size?: number;
      batches_limit?: number;
      back_off_function?: (delay: number) => number;
    }
    interface Replication extends Promise<ReplicationResult> {
      on(event: string, listener: (...args: any[]) => void): this;
      cancel(): void;
    }
    interface Sync extends Promise<unknown> {
      on(event: string, listener: (...args: any[]) => void): this;
      cancel(): void;
    }
    interface AllDocsRow {
      id: string;
      key: string;
      value?: { rev: string; deleted?: boolean };
      doc?: Doc | null;
      error?: string;
    }
    interface Database {
      info(): Promise<{ doc_count: number; update_seq: number | string }>;
      get(id: string, options?: { open_revs?: string[] | 'all'; conflicts?: boolean; revs?: boolean }): Promise<any>;
      put(doc: Doc): Promise<{ ok: boolean; id: string; rev: string }>;
      bulkDocs(docs: object[], options?: { new_edits?: boolean }): Promise<({ ok: true; id: string; rev: string } | { error: string; id: string; reason?: string; status?: number })[]>;
      allDocs(options: {
        keys?: string[];
        startkey?: string;
        endkey?: string;
        include_docs?: boolean;
        conflicts?: boolean;
      }): Promise<{ total_rows: number; rows: AllDocsRow[] }>;
      changes(options: { since?: number | string; return_docs?: boolean; limit?: number }): Promise<{
        results: { id: string; seq: number | string; deleted?: boolean }[];
        last_seq: number | string;
      }>;
      getAttachment(id: string, name: string): Promise<Buffer>;
      replicate: {
        to(target: Database | string, options?: ReplicateOptions): Replication;
        from(source: Database | string, options?: ReplicateOptions): Replication;
      };
      sync(remote: Database | string, options?: ReplicateOptions): Sync;
      close(): Promise<void>;
      destroy(): Promise<void>;
    }
    interface Options {
      adapter?: string;
      skip_setup?: boolean;
      auth?: { username: string; password: string };
      prefix?: string;
    }
  }
  interface PouchDBStatic {
    new (name: string, options?: Pouch.Options): Pouch.Database;
    plugin(plugin: unknown): PouchDBStatic;
    defaults(options: Pouch.Options): PouchDBStatic;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}
