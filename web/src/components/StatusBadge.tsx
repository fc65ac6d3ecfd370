import type { JSX } from 'solid-js';
import type { CampaignStatus } from '../../../bridge/protocol/index.ts';

const STATUS: Record<CampaignStatus, { icon: string; text: string }> = {
  active: { icon: '▶', text: 'Active' },
  paused: { icon: '❚❚', text: 'Paused' },
  completed: { icon: '✓', text: 'Completed' },
  stopped: { icon: '■', text: 'Stopped' },
};

/** A campaign's dialing state in words and icon. */
export function StatusBadge(props: { status: CampaignStatus }): JSX.Element {
  return (
    <span class="status-badge" data-status={props.status}>
      <span aria-hidden="true">{STATUS[props.status].icon}</span> {STATUS[props.status].text}
    </span>
  );
}
