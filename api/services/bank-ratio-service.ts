// Measure 25: the PBoC branch (RMYH: its reviewers and heads) uploads each quarter's figures;
// anyone signed in reads the published ranking with the change against the previous quarter.
// Every upload is audited, a refused correction too.
import { previousPeriod, RATIO_FORMULA, rankingWithChange, type TBankRatioUpload } from '../../domain/bank-ratios';
import { AppError, isAppError } from '../../domain/errors';
import type { Actor } from '../../domain/roles';
import { notFound } from '../auth/guards';
import type { ServiceDeps } from './deps';
import { auditActor } from './views';

/** The department that reports the banks' figures (人民银行辽源市分行). */
export const BANK_RATIO_DEPARTMENT = 'RMYH';

export function createBankRatioService({ repos, now }: ServiceDeps) {
  async function ranking(period: string, version?: number) {
    const current = await repos.bankRatios.find(period, version);
    if (!current) throw notFound('Bank ranking of', version === undefined ? period : `${period} version ${version}`);
    const before = await repos.bankRatios.find(previousPeriod(period));
    return {
      period,
      version: current.version,
      reason: current.reason,
      publishedAt: current.publishedAt.toISOString(),
      publishedBy: current.publishedBy,
      previousPeriod: previousPeriod(period),
      previousVersion: before?.version ?? null,
      formula: RATIO_FORMULA,
      banks: rankingWithChange(current.banks, before?.banks ?? null),
      versions: (await repos.bankRatios.versions(period)).map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })),
    };
  }

  return {
    ranking,

    async publish(actor: Actor, period: string, upload: TBankRatioUpload) {
      if (!((actor.role === 'reviewer' || actor.role === 'dept_head') && actor.departmentCode === BANK_RATIO_DEPARTMENT)) {
        throw new AppError('FORBIDDEN', `Only the staff of ${BANK_RATIO_DEPARTMENT} (the PBoC branch) upload the banks' loans and deposits.`);
      }
      const at = now();
      try {
        const { version } = await repos.bankRatios.publish({ period, banks: upload.banks, reason: upload.reason ?? null, at, actor: auditActor(actor) });
        return ranking(period, version);
      } catch (err) {
        if (isAppError(err) && err.code === 'STATE_CONFLICT') {
          await repos.audit.append({ at, ...auditActor(actor), action: 'bank-ratios.correct', subjectType: 'bank-ratios', subjectId: period, outcome: 'refused', reason: err.message, payload: { banks: upload.banks.length } });
        }
        throw err;
      }
    },
  };
}
export type BankRatioService = ReturnType<typeof createBankRatioService>;
