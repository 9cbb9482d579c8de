// `npm run chaos`: fault tests of the whole system (issue 17, item 8). Two worker processes and
// the API against a Temporal dev server and PostgreSQL; applications driven through the API while
// a worker is SIGKILLed five times, the dev server is restarted once on its SQLite file and the
// PostgreSQL connections are cut for ten seconds once; then every case's final state, each
// payment, the audit chain and every HTTP answer are checked and the figures printed.
// Exit code: 0 when every check passes, 1 when one fails, 2 when the run could not be made.
// See scripts/README.md.
import { parseOptions } from './chaos/options';
import { runChaos } from './chaos/run';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const passed = await runChaos(options);
  process.exit(passed ? 0 : 1);
}

main().catch((err: unknown) => {
  process.stderr.write(`chaos run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(2);
});
