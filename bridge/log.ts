// A tiny structured logger: one JSON object per line. Runtime-neutral (console only), so the same
// code logs from Node and from an edge runtime, where stdout is collected line by line.

export const LOG_LEVELS = ['info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  /** Lowest level written; 'silent' writes nothing. Default 'info'. */
  level?: LogLevel;
  /** Where a finished line goes. Default: console.log for info, console.error for warn and error. */
  write?: (line: string, level: Exclude<LogLevel, 'silent'>) => void;
  /** Fields added to every line, e.g. `{ component: 'upstream' }`. */
  bindings?: LogFields;
  now?: () => number;
}

const RANK = { info: 0, warn: 1, error: 2, silent: 3 } as const satisfies Record<LogLevel, number>;

const consoleWrite = (line: string, level: Exclude<LogLevel, 'silent'>): void => {
  if (level === 'info') console.log(line);
  else console.error(line);
};

// Errors carry their message in non-enumerable fields and would print as {}; bigints would throw.
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** One JSON line; never throws, even on circular fields (the line then says so instead). */
export function formatLine(time: number, level: string, msg: string, fields: LogFields | undefined): string {
  // The core keys come first for readability and are written last so a field cannot overwrite them.
  const core = { time: new Date(time).toISOString(), level, msg };
  try {
    return JSON.stringify(Object.assign({ ...core }, fields, core), replacer);
  } catch (err) {
    return JSON.stringify({ ...core, logError: `fields not serialisable: ${String(err)}` });
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (!(level in RANK)) throw new Error(`log level must be one of ${LOG_LEVELS.join(', ')} (got ${level})`);
  const write = options.write ?? consoleWrite;
  const now = options.now ?? Date.now;
  const bindings = options.bindings;
  const emit =
    (at: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields?: LogFields): void => {
      if (RANK[at] < RANK[level]) return;
      write(formatLine(now(), at, msg, bindings ? { ...bindings, ...fields } : fields), at);
    };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that adds `bindings` to every line of `log`. */
export function withFields(log: Logger, bindings: LogFields): Logger {
  return {
    info: (msg, fields) => log.info(msg, { ...bindings, ...fields }),
    warn: (msg, fields) => log.warn(msg, { ...bindings, ...fields }),
    error: (msg, fields) => log.error(msg, { ...bindings, ...fields }),
  };
}

/** Discards everything: the default where a component is given no logger. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/**
 * A logger that writes at most one line per `intervalMs`; the next line written says how many were
 * dropped (`suppressed`). For messages a remote peer can trigger at will, so a flood of bad input
 * cannot flood the logs.
 */
export function rateLimited(log: Logger, intervalMs: number, now: () => number = Date.now): Logger {
  let lastAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  const gate =
    (write: Logger['info']) =>
    (msg: string, fields?: LogFields): void => {
      const t = now();
      if (t - lastAt < intervalMs) {
        suppressed++;
        return;
      }
      write(msg, suppressed > 0 ? { ...fields, suppressed } : fields);
      lastAt = t;
      suppressed = 0;
    };
  return { info: gate(log.info), warn: gate(log.warn), error: gate(log.error) };
}
