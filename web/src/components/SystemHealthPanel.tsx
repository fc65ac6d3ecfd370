import { type JSX, Show } from 'solid-js';
import { formatCount, formatPercent } from '../format.ts';
import type { Staleness } from '../freshness.ts';
import type { SystemHealth } from '../live/types.ts';
import { Staged } from '../Staged.tsx';
import { LiveText } from './LiveText.tsx';
import { RateDefinition } from './RateDefinition.tsx';
import { StaleMarker } from './StaleMarker.tsx';

function Usage(props: { label: string; value: number }): JSX.Element {
  return (
    <div class="health-item">
      <span class="health-label">{props.label}</span>
      <span class="health-value">
        <LiveText text={formatPercent(props.value)} />
      </span>
      <span class="meter" aria-hidden="true">
        <span class="meter-fill" style={{ '--fill': Math.min(1, Math.max(0, props.value)) }} />
      </span>
    </div>
  );
}

/**
 * The dialing backend's health. When the counts over all campaigns are at hand (the overview), the
 * answer rate is shown from them, with its definition; otherwise the rate the dialer reports.
 */
export function SystemHealthPanel(props: {
  health: SystemHealth | null;
  answers?: { humanAnswered: number; completed: number } | undefined;
  staleness: Staleness;
}): JSX.Element {
  return (
    <section class="system-health" aria-labelledby="system-health-title" data-fresh={props.staleness.state}>
      <h2 id="system-health-title">System health</h2>
      <Show when={props.health} fallback={<p class="empty">No health report yet.</p>}>
        {(h) => (
          // the first report comes with the first snapshot, the busiest moment of a start: a slice of its own
          <Staged>
            <div class="health-grid">
              <Usage label="CPU Usage" value={h().cpuUsage} />
              <Usage label="Memory Usage" value={h().memoryUsage} />
              <div class="health-item">
                <span class="health-label">Answer Rate</span>
                <Show
                  when={props.answers}
                  fallback={
                    <>
                      <span class="health-value">
                        <LiveText text={formatPercent(h().answerRate)} />
                      </span>
                      <span class="health-note">all campaigns, as the dialer reports it</span>
                    </>
                  }
                >
                  {(a) => (
                    <RateDefinition
                      label="Answer rate"
                      numeratorLabel="human-answered"
                      numerator={a().humanAnswered}
                      denominatorLabel="completed"
                      denominator={a().completed}
                    />
                  )}
                </Show>
              </div>
              <div class="health-item">
                <span class="health-label">Active Campaigns</span>
                <span class="health-value">
                  <LiveText text={formatCount(h().activeCampaigns)} />
                </span>
              </div>
            </div>
          </Staged>
        )}
      </Show>
      <StaleMarker staleness={props.staleness} reserve />
    </section>
  );
}
