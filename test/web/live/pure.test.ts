// The small pure pieces: backoff, close-code policy, endpoint resolution, envelope decoding.
import { describe, expect, test, vi } from 'vitest';
import { between, fullJitter } from '../../../web/src/live/backoff.ts';
import { closeAction } from '../../../web/src/live/closeCodes.ts';
import { resolveEndpoints } from '../../../web/src/live/config.ts';
import { decodeEnvelope } from '../../../web/src/live/envelope.ts';
import { campaign, metricsEnv } from './fakes.ts';

describe('fullJitter', () => {
  const opts = { baseMs: 500, capMs: 20_000 };
  test('spans [0, base·2^attempt) and never passes the cap', () => {
    expect(fullJitter(0, opts, () => 0)).toBe(0);
    expect(fullJitter(0, opts, () => 0.999)).toBeCloseTo(499.5);
    expect(fullJitter(3, opts, () => 0.5)).toBe(2_000);
    expect(fullJitter(10, opts, () => 0.999)).toBeCloseTo(19_980);
    expect(fullJitter(5_000, opts, () => 0.5)).toBe(10_000);
  });
  test('between() stays inside its range', () => {
    expect(between(30_000, 55_000, () => 0)).toBe(30_000);
    expect(between(30_000, 55_000, () => 0.999)).toBeLessThan(55_000);
  });
});

describe('closeAction', () => {
  test.each([
    [1000, 'backoff'],
    [1001, 'quick'],
    [1006, 'backoff'],
    [1008, 'backoff'],
    [1009, 'fallback'],
    [1011, 'backoff'],
    [1012, 'quick'],
    [1013, 'long'],
    [4000, 'quick'],
    [4499, 'quick'],
    [4500, 'fallback'],
    [4999, 'fallback'],
    [undefined, 'backoff'],
  ])('code %s → %s', (code, action) => {
    expect(closeAction(code)).toBe(action);
  });
});

describe('resolveEndpoints', () => {
  const page = { origin: 'https://wall.example:8443', protocol: 'https:', host: 'wall.example:8443' };
  test('defaults to the page origin, wss for an https page', () => {
    expect(resolveEndpoints({}, page)).toEqual({
      apiBase: 'https://wall.example:8443',
      wsUrl: 'wss://wall.example:8443/ws',
    });
  });
  test('VITE_API_BASE_URL moves both, VITE_WS_URL overrides the socket alone', () => {
    expect(resolveEndpoints({ VITE_API_BASE_URL: 'http://127.0.0.1:8787/' }, page)).toEqual({
      apiBase: 'http://127.0.0.1:8787',
      wsUrl: 'ws://127.0.0.1:8787/ws',
    });
    expect(resolveEndpoints({ VITE_WS_URL: 'ws://127.0.0.1:9/socket' }, page).wsUrl).toBe(
      'ws://127.0.0.1:9/socket',
    );
  });
  test('a malformed override is reported by name and the default is used', () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(resolveEndpoints({ VITE_WS_URL: 'http://x/ws', VITE_API_BASE_URL: 'not a url' }, page)).toEqual({
      apiBase: 'https://wall.example:8443',
      wsUrl: 'wss://wall.example:8443/ws',
    });
    expect(err.mock.calls.map((c) => String(c[0]).split(':')[0])).toEqual([
      'VITE_API_BASE_URL',
      'VITE_WS_URL',
    ]);
    err.mockRestore();
  });
});

describe('decodeEnvelope', () => {
  test('accepts a bridge envelope', () => {
    const env = metricsEnv(3, campaign('a'));
    expect(decodeEnvelope(JSON.stringify(env))).toEqual({ ok: true, value: env });
  });
  test('names the field that is wrong', () => {
    const env = { ...metricsEnv(3, campaign('a', { queueDepth: -2 })) };
    const r = decodeEnvelope(JSON.stringify(env));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/data\.queueDepth: must be ≥ 0/);
  });
  test('rejects text that is not JSON and data that is not text', () => {
    expect(decodeEnvelope('{')).toEqual({ ok: false, message: 'message is not valid JSON' });
    expect(decodeEnvelope(new ArrayBuffer(2))).toEqual({ ok: false, message: 'message is not text' });
  });
});
