// Every tunable of the bridge in one place. Env variables (env.ts) and startBridge() override these.

export const DEFAULTS = {
  port: 8787,
  host: '127.0.0.1',
  logLevel: 'info',
  /** WebSocket + SSE connections at once; more are refused (WS close 1013, SSE 503). */
  maxClients: 10_000,
  /** Largest client message answered normally; bigger ones get an error envelope, the socket stays. */
  wsMaxPayload: 65_536,
  /** Frames bigger than this are not even read: the socket is closed with 1009 (ws's maxPayload). */
  wsHardMaxPayload: 1_048_576,
  /** Client messages per second per connection, and the burst allowed above that rate. */
  wsRateLimit: 20,
  wsRateBurst: 40,
  /** Distinct campaigns one WebSocket may subscribe to (each costs a Set entry). */
  maxSubscriptions: 1000,
  /** Emitted envelopes kept for SSE resume (Last-Event-ID). */
  ringSize: 1024,
  /** Campaigns held at most; metrics for more are dropped (and logged) so memory stays bounded. */
  maxCampaigns: 10_000,
  /** Bytes queued for one client before it stops getting events and is resynced by snapshot. */
  clientQueueBytes: 262_144,
  /** Bytes queued for one client past which it is closed (4008) so it reconnects. */
  clientQueueHardBytes: 1_048_576,
  /** A client that stays behind this long is closed (4008) so its buffers are freed. */
  slowClientGraceMs: 30_000,
  /** How often lagging clients are checked for having drained. */
  lagSweepMs: 200,
  /** SSE comment heartbeat, against proxies that cut idle streams. */
  sseHeartbeatMs: 15_000,
  /** SSE `retry:` sent at the start of each stream. */
  sseRetryMs: 2_000,
  /** WebSocket ping; a socket that has not answered the previous ping is terminated. */
  wsPingMs: 25_000,
  /** On shutdown, how long open connections get before they are cut. */
  shutdownGraceMs: 2_000,
  /** Upstream link (bridge/upstream): app-level ping, API Gateway's 2 h limit and the rotation margin. */
  upstreamPingIntervalMs: 60_000,
  upstreamMaxConnectionMs: 7_200_000,
  upstreamRotateMarginMs: 300_000,
  /** The embedded simulator (npm start without UPSTREAM_WS_URL). */
  simulatorSeed: 1,
  simulatorSpeed: 1,
  simulatorCampaigns: 6,
} as const;
