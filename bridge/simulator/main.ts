// `npm run simulator`: the dialer simulator as a stand-alone API Gateway look-alike.
import { parseArgs, USAGE } from './cli.ts';
import { startSimulator } from './server.ts';

const parsed = parseArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`simulator: ${parsed.message}\n${USAGE}`);
  process.exit(1);
}
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}

try {
  const sim = await startSimulator(parsed.options);
  const { seed, campaigns } = { seed: sim.dialer.seed, campaigns: sim.dialer.campaignIds().length };
  console.log(`simulator: seed ${seed}, ${campaigns} campaigns, speed ${parsed.options.speed ?? 1}`);
  console.log(`  WebSocket  ${sim.wsUrl}`);
  console.log(`  REST       ${sim.apiBase}/analytics/metrics`);
  console.log(`             ${sim.apiBase}/analytics/campaigns/:campaignId/metrics`);
  console.log(`             ${sim.apiBase}/analytics/system/health`);
  const shutdown = (signal: string) => {
    console.log(`simulator: ${signal}, closing`);
    sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (err) {
  console.error(`simulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
