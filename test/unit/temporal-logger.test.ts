// The Temporal Runtime's logger writes through pino: each SDK, Core, workflow or activity line
// keeps its metadata and gains the case number as caseId when its workflow is a case.
import { Writable } from 'node:stream';
import pino from 'pino';
import { temporalLogger } from '../../infra/logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: pino({ level: 'trace' }, stream) };
}

it('writes an activity line with its metadata and the case id of its workflow', () => {
  const { lines, log } = capture();
  temporalLogger(log).warn('Activity failed', { sdkComponent: 'activity', workflowId: 'application-SB-2026-000123', activityType: 'payAward', attempt: 3 });
  expect(lines).toEqual([expect.objectContaining({ level: 40, msg: 'Activity failed', caseId: 'SB-2026-000123', activityType: 'payAward', attempt: 3, sdkComponent: 'activity' })]);
});

it('gives no caseId to a workflow that is not a case, and maps every level', () => {
  const { lines, log } = capture();
  const l = temporalLogger(log);
  l.trace('t', { workflowId: 'policy-matching-v3' });
  l.debug('d');
  l.info('i');
  l.error('e');
  l.log('WARN', 'w');
  expect(lines.map((x) => [x.level, x.msg])).toEqual([[10, 't'], [20, 'd'], [30, 'i'], [50, 'e'], [40, 'w']]);
  expect(lines[0]).not.toHaveProperty('caseId');
});

it('drops lines below its minimum (the embedded mode keeps the SDK quiet)', () => {
  const { lines, log } = capture();
  const l = temporalLogger(log, 'WARN');
  l.info('worker state changed', { proxy: 'DB-2026-000001' });
  l.warn('proxy workflow task failed', { workflowId: 'proxy-DB-2026-000001' });
  expect(lines).toEqual([expect.objectContaining({ msg: 'proxy workflow task failed', caseId: 'DB-2026-000001' })]);
});
