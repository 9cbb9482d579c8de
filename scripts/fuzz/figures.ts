// The figures of a fuzz run (scripts/fuzz-api.sh), counted on both sides: what Schemathesis sent
// and found (its JSON and NDJSON reports), and what the API itself logged (pino's "incoming
// request" / "request completed" lines of the pass's slice of the log). A request the API
// received and never answered is a hung request even if the client gave up on it first; a 5xx
// counts whether or not Schemathesis' checks looked at it.
//
// Usage: tsx scripts/fuzz/figures.ts REPORT_ROOT API_LOG USER:ST_EXIT:FROM:TO...
// (FROM and TO: byte offsets of the API log around the pass). Exit 1 when any pass has a server
// error, a hung or timed-out request, or a failed check; 2 when the input cannot be read.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const ZJsonReport = z.object({
  schemathesis_version: z.string(),
  running_time: z.number().nullable(),
  stop_reason: z.string(),
  operations: z.object({ total: z.number(), selected: z.number(), tested: z.number(), errored: z.number(), skipped: z.number() }).nullable(),
  test_cases: z.object({ generated: z.number(), with_failures: z.number(), unique_failures: z.number(), errored: z.number() }),
  failures: z.array(z.object({ code: z.string(), title: z.string(), count: z.number(), operations: z.array(z.string()) })),
  errors: z.array(z.object({ title: z.string(), count: z.number() })),
});

const ZCheckResult = z.object({ name: z.string(), status: z.string() });
const ZInteraction = z.object({
  request: z.object({ method: z.string(), uri: z.string() }),
  response: z.object({ status_code: z.number(), elapsed: z.number() }).nullable(),
});
const ZScenarioFinished = z.object({
  ScenarioFinished: z.object({
    status: z.string(),
    recorder: z.object({
      label: z.string(),
      checks: z.record(z.string(), z.array(ZCheckResult)).optional(),
      interactions: z.record(z.string(), ZInteraction).optional(),
    }),
  }),
});

const ZLogLine = z.object({
  level: z.number(),
  reqId: z.string().optional(),
  msg: z.string().optional(),
  req: z.object({ method: z.string(), url: z.string() }).optional(),
  res: z.object({ statusCode: z.number() }).optional(),
  responseTime: z.number().optional(),
  err: z.object({ type: z.string().optional(), message: z.string().optional() }).optional(),
});

interface PassArg {
  user: string;
  stExit: number;
  from: number;
  to: number;
}

function parsePassArg(arg: string): PassArg {
  const m = /^([^:]+):(\d+):(\d+):(\d+)$/.exec(arg);
  if (!m) throw new Error(`a pass is USER:ST_EXIT:FROM:TO, not ${arg}`);
  return { user: m[1]!, stExit: Number(m[2]), from: Number(m[3]), to: Number(m[4]) };
}

function onlyFile(dir: string, prefix: string): string | null {
  const names = readdirSync(dir).filter((n) => n.startsWith(prefix));
  return names.length === 1 ? path.join(dir, names[0]!) : null;
}

function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

function countBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function show(counts: Map<string, number>): string {
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
}

/** One pass as Schemathesis saw it: every request it sent, every check it ran. */
function clientSide(dir: string) {
  const jsonPath = onlyFile(dir, 'json-');
  const ndjsonPath = onlyFile(dir, 'ndjson-');
  const report = jsonPath ? ZJsonReport.parse(JSON.parse(readFileSync(jsonPath, 'utf8'))) : null;
  const interactions: Array<z.infer<typeof ZInteraction>> = [];
  const checkRuns = new Map<string, { run: number; failed: number }>();
  if (ndjsonPath) {
    for (const line of readFileSync(ndjsonPath, 'utf8').split('\n')) {
      if (!line.startsWith('{"ScenarioFinished"')) continue;
      const event = ZScenarioFinished.safeParse(JSON.parse(line));
      if (!event.success) continue;
      const { recorder } = event.data.ScenarioFinished;
      interactions.push(...Object.values(recorder.interactions ?? {}));
      for (const results of Object.values(recorder.checks ?? {})) {
        for (const r of results) {
          const c = checkRuns.get(r.name) ?? { run: 0, failed: 0 };
          c.run += 1;
          if (r.status === 'failure') c.failed += 1;
          checkRuns.set(r.name, c);
        }
      }
    }
  }
  return { report, interactions, checkRuns };
}

/** One pass as the API logged it. */
function serverSide(logText: string) {
  const incoming = new Map<string, string>();
  const completed = new Map<string, { status: number; ms: number }>();
  const problems = new Map<string, number>();
  for (const line of logText.split('\n')) {
    if (!line.startsWith('{')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const entry = ZLogLine.safeParse(parsed);
    if (!entry.success || !entry.data.reqId) continue;
    const e = entry.data;
    const reqId = e.reqId!;
    if (e.msg === 'incoming request' && e.req) incoming.set(reqId, `${e.req.method} ${e.req.url.split('?')[0]}`);
    else if (e.msg === 'request completed' && e.res) completed.set(reqId, { status: e.res.statusCode, ms: e.responseTime ?? 0 });
    else if (e.level >= 50) {
      const what = `${incoming.get(reqId) ?? '?'}: ${e.msg ?? ''} ${e.err?.type ?? ''} ${(e.err?.message ?? '').slice(0, 160)}`;
      problems.set(what, (problems.get(what) ?? 0) + 1);
    }
  }
  const unanswered = [...incoming.entries()].filter(([id]) => !completed.has(id)).map(([, what]) => what);
  return { incoming, completed: [...completed.values()], unanswered, problems };
}

function main(): number {
  const [reportRoot, apiLog, ...passArgs] = process.argv.slice(2);
  if (!reportRoot || !apiLog || passArgs.length === 0) {
    process.stderr.write('usage: figures.ts REPORT_ROOT API_LOG USER:ST_EXIT:FROM:TO...\n');
    return 2;
  }
  const log = readFileSync(apiLog);
  let bad = false;
  const out: string[] = ['', '== fuzz figures'];
  const totals = { operations: 0, requests: 0, serverErrors: 0, hung: 0, failures: 0 };
  for (const arg of passArgs) {
    const pass = parsePassArg(arg);
    const client = clientSide(path.join(reportRoot, pass.user));
    const server = serverSide(log.subarray(pass.from, pass.to).toString('utf8'));
    const r = client.report;
    const sent = client.interactions.length;
    const noAnswer = client.interactions.filter((i) => i.response === null).length;
    const clientStatuses = countBy(client.interactions.filter((i) => i.response !== null), (i) => statusClass(i.response!.status_code));
    const client5xx = clientStatuses.get('5xx') ?? 0;
    const slowestClient = Math.max(0, ...client.interactions.map((i) => i.response?.elapsed ?? 0));
    const serverStatuses = countBy(server.completed, (c) => statusClass(c.status));
    const server5xx = serverStatuses.get('5xx') ?? 0;
    const slowestServer = Math.max(0, ...server.completed.map((c) => c.ms));
    const errors = r ? r.errors.reduce((n, e) => n + e.count, 0) : 0;
    const failedChecks = [...client.checkRuns.entries()].filter(([, c]) => c.failed > 0);

    out.push(`pass ${pass.user} (Schemathesis exit ${pass.stExit}${r ? `, ${r.stop_reason} in ${(r.running_time ?? 0).toFixed(1)} s` : ', no JSON report'})`);
    if (r?.operations) {
      out.push(`  operations tested   ${r.operations.tested} of ${r.operations.selected} selected (${r.operations.errored} errored, ${r.operations.skipped} skipped)`);
    }
    if (r) out.push(`  test cases          ${r.test_cases.generated} generated, ${r.test_cases.with_failures} with failures (${r.test_cases.unique_failures} unique), ${r.test_cases.errored} errored`);
    out.push(`  requests            ${sent} sent by Schemathesis (${noAnswer} without an answer); ${server.incoming.size} received by the API, ${server.completed.length} answered`);
    out.push(`  statuses            Schemathesis saw ${show(clientStatuses)}; the API logged ${show(serverStatuses)}`);
    out.push(`  checks run          ${show(new Map([...client.checkRuns.entries()].map(([k, c]) => [k, c.run])))}`);
    out.push(`  failures by check   ${failedChecks.length === 0 ? 'none' : failedChecks.map(([k, c]) => `${k} ${c.failed}`).join(', ')}`);
    for (const f of r?.failures ?? []) out.push(`    ${f.code} ${f.title}: ${f.count} (${f.operations.slice(0, 6).join('; ')}${f.operations.length > 6 ? '; ...' : ''})`);
    out.push(`  server errors       ${client5xx} seen by Schemathesis, ${server5xx} logged by the API`);
    for (const [what, n] of [...server.problems.entries()].slice(0, 15)) out.push(`    ${n} × ${what}`);
    out.push(`  timeouts, hung      ${errors} Schemathesis errors (timeouts, connection failures)${r && r.errors.length > 0 ? `: ${r.errors.map((e) => `${e.title} ${e.count}`).join(', ')}` : ''}; ${server.unanswered.length} requests the API never answered`);
    for (const what of server.unanswered.slice(0, 10)) out.push(`    unanswered: ${what}`);
    out.push(`  slowest answer      ${(slowestClient * 1000).toFixed(0)} ms as Schemathesis timed it, ${slowestServer.toFixed(0)} ms as the API logged it`);

    const passBad = pass.stExit !== 0 || !r || client5xx > 0 || server5xx > 0 || noAnswer > 0 || errors > 0 || server.unanswered.length > 0 || failedChecks.length > 0;
    bad ||= passBad;
    totals.operations += r?.operations?.tested ?? 0;
    totals.requests += sent;
    totals.serverErrors += Math.max(client5xx, server5xx);
    totals.hung += errors + server.unanswered.length;
    totals.failures += failedChecks.reduce((n, [, c]) => n + c.failed, 0);
  }
  out.push(
    `total: ${passArgs.length} passes, ${totals.operations} operations tested, ${totals.requests} requests, ${totals.serverErrors} server errors, ${totals.hung} hung or timed-out requests, ${totals.failures} failed checks`,
    '',
  );
  process.stdout.write(out.join('\n'));
  return bad ? 1 : 0;
}

process.exitCode = main();
