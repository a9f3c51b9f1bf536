/**
 * The main process's log: one file in the standard log folder (Electron's app.getPath('logs')),
 * rotated by size, for support to read when something went wrong.
 *
 * Articles are confidential until published, so nothing an editor typed or imported is ever
 * written here: no IPC arguments, no error messages (UserError and validation messages quote
 * titles, field values and file names), no article text. A line says which request failed, its
 * error code, the error's class and, for unexpected errors, the stack frames without the
 * message line. Everything passes through `entry()`, which keeps only fixed vocabularies.
 *
 * Until startFileLog() is called (only main/index.ts does), log lines go nowhere: the
 * `factdesk` command and the tests share the handlers and must not write into the app's log.
 */
import path from 'node:path';

export type LogLevel = 'error' | 'warn' | 'info';
/** Values that may be logged: fixed codes, names and numbers, never free text from the editor. */
export type LogFields = Record<string, string | number | boolean>;
export type LogWriter = (level: LogLevel, event: string, fields: LogFields) => void;

/** Above this size main.log is renamed main.old.log and a new one is started: at most ~2 × this on disk. */
export const LOG_MAX_BYTES = 2 * 1024 * 1024;
export const LOG_FILE_NAME = 'main.log';

let writer: LogWriter | null = null;

/** Where log lines go; null turns logging off. Tests use this to capture lines. */
export function setLogWriter(next: LogWriter | null): void {
  writer = next;
}

/**
 * Sends the log to `<dir>/main.log`, rotated at LOG_MAX_BYTES. Returns the file's path.
 * electron-log is loaded here, not on import: the `factdesk` command shares this module and
 * never logs to a file, so it does not pay for loading it.
 */
export async function startFileLog(dir: string): Promise<string> {
  const { default: log } = await import('electron-log/node');
  const file = path.join(dir, LOG_FILE_NAME);
  const logger = log.create({ logId: 'factdesk-main' });
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.maxSize = LOG_MAX_BYTES;
  logger.transports.file.level = 'info';
  // Readable by the editor only: even redacted, a log says when they worked and on what.
  logger.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  logger.transports.file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}';
  logger.transports.console.level = process.env.NODE_ENV === 'development' ? 'info' : false;
  // No IPC or remote transport: this logger is the main process's alone (electron-log leaves
  // the IPC transport undefined outside Electron).
  if (logger.transports.ipc) logger.transports.ipc.level = false;
  if (logger.transports.remote) logger.transports.remote.level = false;
  setLogWriter((level, event, fields) => logger[level](`${event} ${JSON.stringify(fields)}`));
  return file;
}

/** Writes one line; `fields` must already be free of user content (see redactError). */
export function logEvent(level: LogLevel, event: string, fields: LogFields = {}): void {
  if (!writer) return;
  try {
    writer(level, event, fields);
  } catch {
    // A full disk or a read-only log folder must never turn a request into a failure.
  }
}

/**
 * A failed IPC (or command-line) request. `method` is checked against the contract by the
 * caller; the arguments are deliberately not a parameter. Unexpected errors are errors; the
 * editor's own mistakes and refusals (invalid input, not found, import failed) are warnings.
 */
export function logRequestFailure(method: string, code: string, err?: unknown): void {
  const fields: LogFields = { request: safeToken(method), code: safeToken(code) };
  if (code === 'unexpected') logEvent('error', 'request failed', { ...fields, ...redactError(err) });
  else logEvent('warn', 'request refused', fields);
}

/**
 * What may be said about an error without quoting it: its class, its errno-style code (ENOENT,
 * EACCES) and its stack frames. Never `message`, which can carry any text the error was built
 * from (a title, a quote, a file name, a JSON fragment of an article).
 */
export function redactError(err: unknown): LogFields {
  if (!(err instanceof Error)) return { error: err === null ? 'null' : typeof err };
  const fields: LogFields = { error: safeToken(err.name || err.constructor?.name || 'Error') };
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) fields.errno = code;
  const frames = stackFrames(err);
  if (frames) fields.stack = frames;
  return fields;
}

/**
 * Only the `at …` lines V8 wrote after the message: the stack starts with "Name: message",
 * and a message of several lines could itself contain lines that look like frames.
 */
function stackFrames(err: Error): string {
  let stack = typeof err.stack === 'string' ? err.stack : '';
  const message = typeof err.message === 'string' ? err.message : '';
  const end = message ? stack.indexOf(message) : -1;
  if (end >= 0) stack = stack.slice(end + message.length);
  else stack = stack.slice(stack.indexOf('\n') + 1);
  return stack
    .split('\n')
    .filter((line) => /^\s+at\s.*(?::\d+:\d+\)?|\(<anonymous>\)|\(index \d+\)|<anonymous>)$/.test(line))
    .slice(0, 12)
    .map((line) => line.trim())
    // A frame is a function name and a file position; an `eval` frame could quote source code.
    .map((line) => (line.includes('eval at') ? 'at <eval>' : line))
    .join(' | ');
}

/** A name from a fixed vocabulary (method, error code, class name); anything else is replaced. */
function safeToken(value: string): string {
  return /^[A-Za-z][\w:.-]{0,63}$/.test(value) ? value : '<redacted>';
}
