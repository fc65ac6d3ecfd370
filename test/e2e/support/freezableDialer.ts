// The simulator's own model with a clock that can be stopped, passed in through the simulator's
// `dialer` option. Pausing campaigns does not make the numbers hold still (calls in progress run on
// for up to 45 simulated minutes, and CPU and memory are sampled from the host), so a test that compares
// the screen with REST stops the simulated clock instead: no call starts or ends, the metrics and the
// health report stay exactly as they were, and the simulator keeps serving and publishing them.
import type { SystemHealth } from '../../../bridge/protocol/index.ts';
import { createDialer, type Dialer, type DialerOptions } from '../../../bridge/simulator/server.ts';

export interface FreezableDialer extends Dialer {
  /** Stop the simulated clock. Status changes asked for before still go out (a zero-length step flushes them). */
  freeze(): void;
  thaw(): void;
  frozen(): boolean;
}

export function freezableDialer(opts: DialerOptions = {}): FreezableDialer {
  const inner = createDialer(opts);
  let frozen = false;
  let health: SystemHealth | null = null;
  return {
    ...inner,
    step: (dtMs) => inner.step(frozen ? 0 : dtMs),
    systemHealth(host) {
      if (!frozen || health === null) health = inner.systemHealth(host);
      return health;
    },
    freeze() {
      frozen = true;
      health = null; // the first report after freezing is fresh, then it holds
    },
    thaw() {
      frozen = false;
    },
    frozen: () => frozen,
  };
}
