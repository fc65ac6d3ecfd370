import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, FIELDS, validateConfig } from '../../bridge/config/config.ts';
import { DEFAULTS } from '../../bridge/config/defaults.ts';
import { parseEnv } from '../../bridge/config/env.ts';

describe('configuration', () => {
  it('uses the defaults for an empty environment', () => {
    const r = parseEnv({});
    expect(r.ok && r.config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      upstreamWsUrl: null,
      ringSize: 1024,
    });
  });

  it('reads every variable it documents', () => {
    const r = parseEnv({
      PORT: '9000',
      HOST: '0.0.0.0',
      UPSTREAM_WS_URL: 'wss://abc.execute-api.eu-west-1.amazonaws.com/production',
      UPSTREAM_API_BASE_URL: 'https://api.example.com/v1',
      LOG_LEVEL: 'warn',
      MAX_CLIENTS: '5000',
      RING_SIZE: '64',
      SIMULATOR_SPEED: '2.5',
    });
    expect(r.ok && r.config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      upstreamWsUrl: 'wss://abc.execute-api.eu-west-1.amazonaws.com/production',
      upstreamApiBaseUrl: 'https://api.example.com/v1',
      logLevel: 'warn',
      maxClients: 5000,
      ringSize: 64,
      simulatorSpeed: 2.5,
    });
  });

  it('names every bad variable with what it expects, one line each', () => {
    const r = parseEnv({ PORT: '70000', UPSTREAM_WS_URL: 'http://x', LOG_LEVEL: 'loud', RING_SIZE: 'many' });
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems).toEqual([
      'PORT: must be an integer from 1 to 65535 (got 70000)',
      'UPSTREAM_WS_URL: must be an absolute ws:// or wss:// URL (got "http://x")',
      'LOG_LEVEL: must be one of info, warn, error, silent (got "loud")',
      'RING_SIZE: must be an integer from 1 to 1000000 (got "many")',
    ]);
  });

  it('refuses port 0 from the environment, where it would hide the URL', () => {
    const r = parseEnv({ PORT: '0' });
    expect(r.ok ? [] : r.problems).toEqual(['PORT: must be an integer from 1 to 65535 (got 0)']);
  });

  it('requires the REST base with the WebSocket URL', () => {
    const r = parseEnv({ UPSTREAM_WS_URL: 'ws://127.0.0.1:4000/production' });
    expect(r.ok ? [] : r.problems).toEqual([
      'UPSTREAM_API_BASE_URL: is required when UPSTREAM_WS_URL is set',
    ]);
  });

  it('checks relations between limits', () => {
    const r = parseEnv({ CLIENT_QUEUE_BYTES: '2000000', WS_MAX_PAYLOAD: '4000000' });
    expect(r.ok ? [] : r.problems).toEqual([
      'WS_HARD_MAX_PAYLOAD: must be ≥ WS_MAX_PAYLOAD (4000000)',
      'CLIENT_QUEUE_HARD_BYTES: must be ≥ CLIENT_QUEUE_BYTES (2000000)',
    ]);
  });

  it('validates programmatic config by field name and rejects unknown fields', () => {
    expect(() => validateConfig({ port: -1 })).toThrow(ConfigError);
    try {
      validateConfig({ port: -1, nonsense: 1 } as never);
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'port: must be an integer from 0 to 65535 (got -1)',
        'nonsense: is not a configuration field',
      ]);
    }
    expect(validateConfig({ port: 0 }).port).toBe(0);
    expect(validateConfig({}).maxClients).toBe(DEFAULTS.maxClients);
  });

  it('documents every variable in docs/configuration.md', () => {
    const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    const missing = Object.values(FIELDS)
      .map((f) => f.env)
      .filter((name) => !new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`, 'm').test(doc));
    expect(missing).toEqual([]);
  });
});
