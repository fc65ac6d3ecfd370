// What the dashboard shows, read from the page as text, and what it should show, formatted from the
// bridge's REST answer with the app's own formatters, so the two compare exactly. Also the connection
// indicator, and bounded waits for it.
import { isDeepStrictEqual } from 'node:util';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  type CampaignView,
  completedOf,
  humanAnsweredOf,
  type MetricsResponse,
  OUTCOME_KEYS,
  type Outcomes,
  type SystemHealth,
} from '../../../bridge/protocol/index.ts';
import { complianceOf } from '../../../web/src/compliance.ts';
import { formatCount, formatPercent, formatPercentValue, formatRate } from '../../../web/src/format.ts';
import { percentShares } from '../../../web/src/shares.ts';

type Texts = Record<string, string>;

export interface KpiShown {
  activeCalls: string;
  queueDepth: string;
  dialingRate: string;
  totalAttempts: string;
}

export interface BreakdownShown {
  counts: Texts;
  percents: Texts;
  total: string;
  donutTotal: string;
}

export interface CardShown {
  name: string;
  href: string;
  status: string;
  figures: Texts;
  /** label → "3.0 % (12 / 400)" */
  rates: Texts;
  compliance: { severity: string; rate: string };
  outcomes: Texts;
}

export interface OverviewShown {
  kpi: KpiShown;
  campaignCount: string;
  cards: Record<string, CardShown>;
  /** health label → value as shown (the answer rate with its counts) */
  health: Texts;
  breakdown: BreakdownShown;
}

export interface CampaignPageShown {
  name: string;
  status: string;
  kpi: KpiShown;
  rates: Texts;
  compliance: { severity: string; rate: string };
  health: Texts;
  breakdown: BreakdownShown;
}

// ---------------------------------------------------------------- expected, from REST

const rateText = (fraction: number, numerator: number, denominator: number) =>
  `${formatPercent(fraction)} (${formatCount(numerator)} / ${formatCount(denominator)})`;

function ratesOf(c: CampaignView): Texts {
  return {
    'Answer rate': rateText(c.answerRate, c.humanAnswered, c.completed),
    'Conversion rate': rateText(c.conversionRate, c.outcomes.converted, c.humanAnswered),
    'Abandon rate': rateText(c.abandonRate, c.outcomes.abandoned, c.humanAnswered),
  };
}

function complianceText(c: CampaignView): { severity: string; rate: string } {
  const k = complianceOf(c.outcomes.abandoned, c.humanAnswered);
  return {
    severity: k.severity,
    rate: `Abandon ${formatPercent(c.abandonRate)} of 3.0 % limit (${formatCount(c.outcomes.abandoned)} / ${formatCount(c.humanAnswered)})`,
  };
}

function breakdownOf(o: Outcomes): BreakdownShown {
  const shares = percentShares(OUTCOME_KEYS.map((k) => o[k]));
  return {
    counts: Object.fromEntries(OUTCOME_KEYS.map((k) => [k, formatCount(o[k])])),
    percents: Object.fromEntries(OUTCOME_KEYS.map((k, i) => [k, formatPercentValue(shares[i] ?? 0)])),
    total: formatCount(completedOf(o)),
    donutTotal: formatCount(completedOf(o)),
  };
}

const kpiOf = (m: {
  activeCalls: number;
  queueDepth: number;
  dialingRate: number;
  totalAttempts: number;
}) => ({
  activeCalls: formatCount(m.activeCalls),
  queueDepth: formatCount(m.queueDepth),
  dialingRate: formatRate(m.dialingRate),
  totalAttempts: formatCount(m.totalAttempts),
});

export function expectedOverview(metrics: MetricsResponse, health: SystemHealth): OverviewShown {
  const a = metrics.aggregate;
  const cards: Record<string, CardShown> = {};
  for (const c of metrics.campaigns) {
    cards[c.campaignId] = {
      name: c.name,
      href: `/analytics/campaigns/${encodeURIComponent(c.campaignId)}`,
      status: c.status,
      figures: {
        Active: formatCount(c.activeCalls),
        Queue: formatCount(c.queueDepth),
        Dialing: formatRate(c.dialingRate),
      },
      rates: ratesOf(c),
      compliance: complianceText(c),
      outcomes: Object.fromEntries(OUTCOME_KEYS.map((k) => [k, formatCount(c.outcomes[k])])),
    };
  }
  return {
    kpi: kpiOf({
      activeCalls: a.totalActiveCalls,
      queueDepth: a.totalQueueDepth,
      dialingRate: a.totalDialingRate,
      totalAttempts: a.totalAttempts,
    }),
    campaignCount: `(${formatCount(metrics.campaigns.length)})`,
    cards,
    health: {
      'CPU Usage': formatPercent(health.cpuUsage),
      'Memory Usage': formatPercent(health.memoryUsage),
      // the overview shows the answer rate of the summed counts, with its definition
      'Answer Rate': rateText(a.answerRate, humanAnsweredOf(a.outcomes), completedOf(a.outcomes)),
      'Active Campaigns': formatCount(health.activeCampaigns),
    },
    breakdown: breakdownOf(a.outcomes),
  };
}

export function expectedCampaignPage(c: CampaignView, health: SystemHealth): CampaignPageShown {
  return {
    name: c.name,
    status: c.status,
    kpi: kpiOf(c),
    rates: ratesOf(c),
    compliance: complianceText(c),
    health: {
      'CPU Usage': formatPercent(health.cpuUsage),
      'Memory Usage': formatPercent(health.memoryUsage),
      // one campaign's page shows the rate the dialer reports for all campaigns
      'Answer Rate': formatPercent(health.answerRate),
      'Active Campaigns': formatCount(health.activeCampaigns),
    },
    breakdown: breakdownOf(c.outcomes),
  };
}

// ---------------------------------------------------------------- shown, from the page
// The functions below run in the page (playwright serializes them): no imports, no closures.

export function readOverview(page: Page): Promise<OverviewShown> {
  return page.evaluate((): OverviewShown => {
    const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const kpi = (root: ParentNode, key: string) => text(root.querySelector(`[data-kpi=${key}] .tile-value`));
    const pairs = (root: ParentNode, sel: string, key: (e: Element) => string, val: (e: Element) => string) =>
      Object.fromEntries([...root.querySelectorAll(sel)].map((e) => [key(e), val(e)]));
    const rate = (e: Element) =>
      `${text(e.querySelector('.rate-value'))} ${text(e.querySelector('.rate-counts'))}`;
    const cards: Record<string, CardShown> = {};
    for (const card of document.querySelectorAll('article.campaign-card')) {
      const h3 = card.querySelector('h3');
      cards[(h3?.id ?? '').replace(/^card-/, '')] = {
        name: text(h3),
        href: h3?.querySelector('a')?.getAttribute('href') ?? '',
        status: card.querySelector('.card-header .status-badge')?.getAttribute('data-status') ?? '',
        figures: pairs(
          card,
          '.card-figures > div',
          (e) => text(e.querySelector('dt')),
          (e) => text(e.querySelector('dd')),
        ),
        rates: pairs(card, '.rates .rate', (e) => text(e.querySelector('.rate-label')), rate),
        compliance: {
          severity: card.querySelector('.compliance')?.getAttribute('data-severity') ?? '',
          rate: text(card.querySelector('.compliance-rate')),
        },
        outcomes: pairs(
          card,
          '.card-outcomes [data-outcome]',
          (e) => e.getAttribute('data-outcome') ?? '',
          (e) => text(e.querySelector('dd')),
        ),
      };
    }
    const health = pairs(
      document,
      '.system-health .health-item',
      (e) => text(e.querySelector('.health-label')),
      (e) => (e.querySelector('.rate') ? rate(e) : text(e.querySelector('.health-value'))),
    );
    return {
      kpi: {
        activeCalls: kpi(document, 'activeCalls'),
        queueDepth: kpi(document, 'queueDepth'),
        dialingRate: kpi(document, 'dialingRate'),
        totalAttempts: kpi(document, 'totalAttempts'),
      },
      campaignCount: text(document.querySelector('#campaigns-title .count')),
      cards,
      health,
      breakdown: {
        counts: pairs(
          document,
          '.breakdown-row',
          (e) => e.getAttribute('data-outcome') ?? '',
          (e) => text(e.querySelector('.breakdown-count')),
        ),
        percents: pairs(
          document,
          '.breakdown-row',
          (e) => e.getAttribute('data-outcome') ?? '',
          (e) => text(e.querySelector('.breakdown-percent')),
        ),
        total: text(document.querySelector('.breakdown-total strong')),
        donutTotal: text(document.querySelector('.donut-total')),
      },
    };
  });
}

export function readCampaignPage(page: Page): Promise<CampaignPageShown> {
  return page.evaluate((): CampaignPageShown => {
    const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const kpi = (key: string) => text(document.querySelector(`[data-kpi=${key}] .tile-value`));
    const pairs = (sel: string, key: (e: Element) => string, val: (e: Element) => string) =>
      Object.fromEntries([...document.querySelectorAll(sel)].map((e) => [key(e), val(e)]));
    const rate = (e: Element) =>
      `${text(e.querySelector('.rate-value'))} ${text(e.querySelector('.rate-counts'))}`;
    const outcome = (e: Element) => e.getAttribute('data-outcome') ?? '';
    return {
      name: text(document.querySelector('.page-header h1')),
      status: document.querySelector('.page-header .status-badge')?.getAttribute('data-status') ?? '',
      kpi: {
        activeCalls: kpi('activeCalls'),
        queueDepth: kpi('queueDepth'),
        dialingRate: kpi('dialingRate'),
        totalAttempts: kpi('totalAttempts'),
      },
      rates: pairs('.panel-compliance .rates .rate', (e) => text(e.querySelector('.rate-label')), rate),
      compliance: {
        severity:
          document.querySelector('.panel-compliance .compliance')?.getAttribute('data-severity') ?? '',
        rate: text(document.querySelector('.panel-compliance .compliance-rate')),
      },
      health: pairs(
        '.system-health .health-item',
        (e) => text(e.querySelector('.health-label')),
        (e) => (e.querySelector('.rate') ? rate(e) : text(e.querySelector('.health-value'))),
      ),
      breakdown: {
        counts: pairs('.breakdown-row', outcome, (e) => text(e.querySelector('.breakdown-count'))),
        percents: pairs('.breakdown-row', outcome, (e) => text(e.querySelector('.breakdown-percent'))),
        total: text(document.querySelector('.breakdown-total strong')),
        donutTotal: text(document.querySelector('.donut-total')),
      },
    };
  });
}

// ---------------------------------------------------------------- REST

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export async function restOverview(bridgeUrl: string): Promise<OverviewShown> {
  const [metrics, health] = await Promise.all([
    getJson<MetricsResponse>(`${bridgeUrl}/analytics/metrics`),
    getJson<SystemHealth>(`${bridgeUrl}/analytics/system/health`),
  ]);
  return expectedOverview(metrics, health);
}

export async function restCampaignPage(bridgeUrl: string, id: string): Promise<CampaignPageShown> {
  const [campaign, health] = await Promise.all([
    getJson<CampaignView>(`${bridgeUrl}/analytics/campaigns/${encodeURIComponent(id)}/metrics`),
    getJson<SystemHealth>(`${bridgeUrl}/analytics/system/health`),
  ]);
  return expectedCampaignPage(campaign, health);
}

/**
 * Poll until the page shows what REST says (both read afresh each round), at most `timeoutMs`; then
 * fail with the difference. Meant for data that holds still (the simulator's clock frozen).
 */
export async function expectShownToEqualRest<T>(
  read: () => Promise<T>,
  rest: () => Promise<T>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const expected = await rest();
    const shown = await read();
    if (isDeepStrictEqual(shown, expected)) return shown;
    if (Date.now() > deadline) {
      expect(shown).toEqual(expected);
      return shown;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

// ---------------------------------------------------------------- the connection indicator

export const STATUS_SELECTOR = '.connection-status[role=status]';

export interface StatusShown {
  /** "WebSocket", "SSE", "Polling", "Offline" */
  channel: string;
  /** "updated 2 s ago", "no data yet", … */
  age: string;
  /** live | stale | offline */
  state: string;
}

export function readStatus(page: Page): Promise<StatusShown> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const words = (el?.textContent ?? '').replace(/\s+/g, ' ').replace(/^[^A-Za-z]+/, '');
    const [channel = '', age = ''] = words.split(' · ');
    return { channel: channel.trim(), age: age.trim(), state: el?.getAttribute('data-state') ?? '' };
  }, STATUS_SELECTOR);
}

/** Wait until the indicator names `channel`; returns the wall-clock ms from `since` (default: now). */
export async function waitForChannel(
  page: Page,
  channel: string,
  timeoutMs: number,
  since = Date.now(),
): Promise<number> {
  await page.waitForFunction(
    ([sel, want]) => {
      const words = (document.querySelector(sel as string)?.textContent ?? '')
        .replace(/\s+/g, ' ')
        .replace(/^[^A-Za-z]+/, '');
      return words.split(' · ')[0]?.trim() === want;
    },
    [STATUS_SELECTOR, channel],
    { timeout: timeoutMs, polling: 50 },
  );
  return Date.now() - since;
}

/**
 * Start recording, in the page, every channel the indicator names and whether the "Offline since"
 * mark is up, as `{ channel, offlineMark, at }` entries (only changes; `at` is Date.now() in the page).
 */
export function recordChannels(page: Page): Promise<void> {
  return page.evaluate((sel) => {
    type Entry = { channel: string; offlineMark: boolean; at: number };
    const w = window as unknown as { __channels?: Entry[] };
    const log: Entry[] = [];
    w.__channels = log;
    const take = () => {
      const words = (document.querySelector(sel)?.textContent ?? '')
        .replace(/\s+/g, ' ')
        .replace(/^[^A-Za-z]+/, '');
      const channel = words.split(' · ')[0]?.trim() ?? '';
      const offlineMark = document.querySelector('[data-testid=offline-mark]') !== null;
      const last = log[log.length - 1];
      if (!last || last.channel !== channel || last.offlineMark !== offlineMark)
        log.push({ channel, offlineMark, at: Date.now() });
    };
    take();
    new MutationObserver(take).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  }, STATUS_SELECTOR);
}

export function recordedChannels(
  page: Page,
): Promise<{ channel: string; offlineMark: boolean; at: number }[]> {
  return page.evaluate(
    () =>
      (window as unknown as { __channels?: { channel: string; offlineMark: boolean; at: number }[] })
        .__channels ?? [],
  );
}
