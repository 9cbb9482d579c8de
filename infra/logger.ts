// Structured logs (pino). Never log the configuration object: it holds secrets.
import pino, { type Logger } from 'pino';
import type { Logger as TemporalLogger, LogLevel, LogMetadata } from '@temporalio/common';
import { caseIdOfWorkflowId } from '../workflows/ids';

export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    redact: { paths: ['req.headers.authorization', '*.password', '*.passwordHash', '*.token'], censor: '[redacted]' },
  });
}

const PINO_LEVEL = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const satisfies Record<LogLevel, string>;

/**
 * The Temporal Runtime's logger as pino: the SDK's own lines, Core's (forwarded), and the
 * workflow and activity context loggers, each with the SDK's metadata (workflowId, activityType,
 * attempt, ...) and the case number as `caseId` when the workflow is a case. `minimum` drops
 * lines below a level whatever pino's (the embedded mode keeps the SDK's INFO lines out).
 */
export function temporalLogger(log: Logger, minimum: LogLevel = 'TRACE'): TemporalLogger {
  const order: LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];
  const write = (level: LogLevel, message: string, meta: LogMetadata = {}) => {
    if (order.indexOf(level) < order.indexOf(minimum)) return;
    const workflowId: unknown = meta.workflowId;
    const caseId = typeof workflowId === 'string' ? caseIdOfWorkflowId(workflowId) : null;
    log[PINO_LEVEL[level]]({ ...meta, ...(caseId ? { caseId } : {}) }, message);
  };
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}
