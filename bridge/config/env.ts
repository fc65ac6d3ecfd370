// Environment variables → BridgeConfig. Every bad variable gives one line that names it and says what
// is expected; the entry prints them and exits 1 (no stack trace).
import {
  type BridgeConfig,
  ConfigError,
  type ConfigInput,
  type ConfigKey,
  FIELDS,
  validateConfig,
} from './config.ts';

export type EnvResult = { ok: true; config: BridgeConfig } | { ok: false; problems: string[] };

const ENV_NAME = (k: ConfigKey): string => FIELDS[k].env;

/** Text from the environment → the field's type, or the text itself so validation reports it. */
function fromText(key: ConfigKey, text: string): unknown {
  const kind = FIELDS[key].rule.kind;
  if (kind === 'int' || kind === 'number') {
    const trimmed = text.trim();
    return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
  }
  return text;
}

export function parseEnv(env: Record<string, string | undefined>): EnvResult {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(FIELDS) as ConfigKey[]) {
    const text = env[FIELDS[key].env];
    // an empty variable counts as unset: `FOO= cmd` is a common way to clear one
    if (text === undefined || text === '') continue;
    input[key] = fromText(key, text);
  }
  const problems: string[] = [];
  // port 0 (any free port) is for tests and embedding; a deployment must say where it listens
  if (
    input.port !== undefined &&
    !(Number.isInteger(input.port) && (input.port as number) >= 1 && (input.port as number) <= 65_535)
  ) {
    problems.push(`PORT: must be an integer from 1 to 65535 (got ${JSON.stringify(input.port)})`);
    delete input.port;
  }
  try {
    const config = validateConfig(input as ConfigInput, ENV_NAME);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, problems: [...problems, ...err.problems] };
    throw err;
  }
}
