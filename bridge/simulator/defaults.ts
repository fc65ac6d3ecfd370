// Every tunable of the simulator in one place. Ranges are [min, max] drawn per campaign from the
// seed; the figures follow shared/DOMAIN.md ("How a predictive dialer behaves").

export const DEFAULTS = {
  server: {
    host: '127.0.0.1',
    port: 4000,
    seed: 1,
    speed: 1,
    campaigns: 6,
    metricsHz: 4,
    // API Gateway's quotas (PROTOCOL.md §2); options shrink them in tests.
    idleTimeoutMs: 600_000,
    maxConnectionMs: 7_200_000,
    maxMessageBytes: 131_072,
    maxConnectsPerSecond: 500,
    /** Real milliseconds between model steps: small enough for smooth call events, large enough to stay cheap. */
    tickMs: 50,
    /** Real milliseconds between system_health_update messages. */
    healthIntervalMs: 2_000,
    wsPath: '/production',
  },
  model: {
    maxCampaigns: 100,
    agents: [8, 40],
    /** Lists are sized so the campaign's agents work through them in this many hours (one shift). */
    shiftHours: [4, 8],
    /** Share of staffed time agents spend on calls or wrap-up, for sizing the list. */
    plannedOccupancy: 0.85,
    shares: {
      human: [0.15, 0.35],
      machine: [0.1, 0.3],
      noAnswer: [0.25, 0.45],
      busy: [0.03, 0.08],
      failed: [0.02, 0.1],
    },
    /** Of connected human answers. */
    conversion: [0.02, 0.15],
    optOut: [0.01, 0.05],
    talkMedianS: [120, 240],
    talkSigma: [0.5, 0.8],
    /** Opt-outs end quickly, conversions take longer (order taking, booking). */
    optOutTalkMedianS: 30,
    convertedTalkFactor: 1.5,
    maxTalkS: 2_700,
    wrapMeanS: [15, 60],
    dialSetupS: [1, 3],
    failAfterS: [0.5, 4],
    busyAfterS: [1, 3],
    humanAnswerAfterS: [3, 15],
    machineAnswerAfterS: [8, 14],
    /** Answering-machine detection plus the hang-up or voicemail drop. */
    machineHandleS: [2, 5],
    /** ~4 rings, then the dialer gives up. */
    noAnswerAfterS: [15, 18],
    /** A live person with no free agent within this many seconds is abandoned (DOMAIN.md). */
    abandonAfterS: 2,
    dialLevel: { min: 1, max: 3, initial: [1, 1.3], up: 0.1, down: 0.2 },
    /** Adaptive pacing keeps the abandon rate under this, below the 3 % legal limit. */
    abandonTarget: 0.025,
    /** Agents idle more than this share of the time ask for a higher dial level. */
    idleShareToRaise: 0.15,
    /** Wrap-ups ending within this horizon count as agents about to be free (predictive dialing). */
    predictHorizonS: 8,
    paceIntervalS: 1,
    adaptIntervalS: 30,
    /** Weight of the previous window in the recent abandon rate (exponential decay per adapt step). */
    recentDecay: 0.85,
    /** Window for dialingRate. */
    rateWindowS: 60,
    /** Occasional supervisor pauses: mean time between them, and their length. */
    meanActiveBetweenPausesS: 3_600,
    pauseLengthS: [180, 720],
    /** A completed campaign gets a fresh list this long after completing, so a long demo keeps moving. */
    refillAfterS: 3_600,
  },
} as const;

export type Range = readonly [number, number];
