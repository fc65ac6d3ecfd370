import { describe, expect, it } from 'vitest';
import { adaptDialLevel, linesToDial } from '../../bridge/simulator/model/pacing.ts';

describe('linesToDial', () => {
  const base = { dialLevel: 2, freeAgents: 3, soonFreeAgents: 1, outstandingLines: 2, queueDepth: 100 };

  it('dials the dial level times the agents free now or soon, minus lines already out', () => {
    expect(linesToDial(base)).toBe(6); // 2 × (3 + 1) − 2
    expect(
      linesToDial({ ...base, dialLevel: 1.5, freeAgents: 1, soonFreeAgents: 0, outstandingLines: 0 }),
    ).toBe(1);
  });

  it('never dials a negative number, nor more than the queue holds', () => {
    expect(linesToDial({ ...base, outstandingLines: 20 })).toBe(0);
    expect(linesToDial({ ...base, queueDepth: 4 })).toBe(4);
    expect(linesToDial({ ...base, freeAgents: 0, soonFreeAgents: 0, outstandingLines: 0 })).toBe(0);
  });
});

describe('adaptDialLevel', () => {
  const calm = {
    dialLevel: 2,
    recentAbandonRate: 0,
    campaignAbandonRate: 0,
    campaignHumanAnswers: 500,
    idleShare: 0.3,
  };

  it('raises the level while agents wait and drops are rare', () => {
    expect(adaptDialLevel(calm)).toBe(2.1);
  });

  it('holds the level when agents are busy', () => {
    expect(adaptDialLevel({ ...calm, idleShare: 0.05 })).toBe(2);
  });

  it('lowers the level as the recent or campaign abandon rate nears 3 %', () => {
    expect(adaptDialLevel({ ...calm, recentAbandonRate: 0.04 })).toBe(1.8);
    expect(adaptDialLevel({ ...calm, campaignAbandonRate: 0.029 })).toBe(1.8);
    // Between the raise and lower thresholds it waits.
    expect(adaptDialLevel({ ...calm, recentAbandonRate: 0.02 })).toBe(2);
  });

  it('ignores a campaign rate that rests on too few answers', () => {
    expect(adaptDialLevel({ ...calm, campaignAbandonRate: 0.5, campaignHumanAnswers: 4 })).toBe(2.1);
  });

  it('stays within 1.0–3.0', () => {
    expect(adaptDialLevel({ ...calm, dialLevel: 3 })).toBe(3);
    expect(adaptDialLevel({ ...calm, dialLevel: 1, recentAbandonRate: 0.2 })).toBe(1);
  });
});
