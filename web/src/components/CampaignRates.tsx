import type { JSX } from 'solid-js';
import type { CampaignView } from '../live/types.ts';
import { RateDefinition } from './RateDefinition.tsx';

/** Answer, conversion and abandon rate of one campaign, each with its counts and definition. */
export function CampaignRates(props: { campaign: CampaignView }): JSX.Element {
  return (
    <div class="rates">
      <RateDefinition
        label="Answer rate"
        numeratorLabel="human-answered"
        numerator={props.campaign.humanAnswered}
        denominatorLabel="completed"
        denominator={props.campaign.completed}
      />
      <RateDefinition
        label="Conversion rate"
        numeratorLabel="converted"
        numerator={props.campaign.outcomes.converted}
        denominatorLabel="human-answered"
        denominator={props.campaign.humanAnswered}
      />
      <RateDefinition
        label="Abandon rate"
        numeratorLabel="abandoned"
        numerator={props.campaign.outcomes.abandoned}
        denominatorLabel="human-answered"
        denominator={props.campaign.humanAnswered}
      />
    </div>
  );
}
