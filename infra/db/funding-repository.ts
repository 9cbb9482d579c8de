// The special fund (专项资金) ledger and what pays out of it: budgets per measure and year,
// commitments of approved award cases, payments, enterprises' bank accounts and the awards
// granted. The only code that touches budgets, budget_commitments, payments,
// enterprise_bank_accounts, and the writes of award_grants.
//
// Every change to a budget's money runs in one transaction holding a transaction-level advisory
// lock keyed by (year, policy code): two approvals racing for the last of a budget are
// serialised, and the second sees what the first committed. A missing budget row is a total of 0.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { AppError } from '../../domain/errors';
import type { Fen } from '../../domain/money';

/** Lock space of the budget locks (the two-key form of pg_advisory_xact_lock). */
const BUDGET_LOCK_SPACE = 4_620_052;

export type CommitmentStatus = 'waiting' | 'committed' | 'paid' | 'released';

export interface BudgetLine {
  year: number;
  policyCode: string;
  totalFen: Fen;
  /** Committed and paid together: what the budget no longer has. */
  committedFen: Fen;
  paidFen: Fen;
  /** Approved amounts waiting for the budget to grow. */
  waitingFen: Fen;
  remainingFen: Fen;
  waitingCount: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export interface CommitmentRequest {
  caseId: string;
  year: number;
  policyCode: string;
  amountFen: Fen;
  /** The approval instant: waiting commitments of a budget commit in this order (ties by caseId). */
  approvedAt: Date;
  at: Date;
}

export interface CommitmentOutcome {
  status: 'committed' | 'waiting';
  remainingFen: Fen;
  /** Waiting commitments of the same budget ahead of this one (0 once committed). */
  ahead: number;
}

export interface Commitment {
  caseId: string;
  year: number;
  policyCode: string;
  amountFen: Fen;
  approvedAt: Date;
  status: CommitmentStatus;
  requestedAt: Date;
  committedAt: Date | null;
}

export interface AwardGrantInput {
  policyCode: string;
  item: string;
  limitKey: string;
  period?: string | null | undefined;
  amountFen: Fen;
}

export interface BankAccount {
  accountName: string;
  accountNo: string;
  bankName: string;
}

export interface StoredBankAccount extends BankAccount {
  enterpriseId: string;
  updatedAt: Date;
  updatedBy: string | null;
}

export interface PaymentRecord {
  idempotencyKey: string;
  caseId: string;
  enterpriseId: string;
  amountFen: Fen;
  accountName: string;
  accountNo: string;
  bankName: string;
  status: 'succeeded' | 'refused';
  transferRef: string | null;
  failure: string | null;
  createdAt: Date;
}

type Db = PrismaClient | Prisma.TransactionClient;

/** A stored amount back to a number; refuses what a number cannot hold exactly. */
function fen(value: bigint | null | undefined): Fen {
  const v = value ?? 0n;
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new AppError('STATE_CONFLICT', `The amount ${v} fen exceeds what the system can handle exactly (${Number.MAX_SAFE_INTEGER}).`);
  }
  return Number(v);
}

function requireFen(value: number, field: string, min: 0 | 1): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new AppError('VALIDATION_FAILED', `${field} must be an integer number of fen${min === 1 ? ' above 0' : ', 0 or more'}, at most ${Number.MAX_SAFE_INTEGER}; got ${value}.`, {
      issues: [{ path: field, message: 'not a valid amount of fen' }],
    });
  }
}

function toCommitment(r: { caseId: string; year: number; policyCode: string; amountFen: bigint; approvedAt: Date; status: string; requestedAt: Date; committedAt: Date | null }): Commitment {
  return { ...r, amountFen: fen(r.amountFen), status: r.status as CommitmentStatus };
}

function toPayment(r: Omit<PaymentRecord, 'amountFen' | 'status'> & { amountFen: bigint; status: string }): PaymentRecord {
  return { ...r, amountFen: fen(r.amountFen), status: r.status === 'succeeded' ? 'succeeded' : 'refused' };
}

async function lockBudget(tx: Prisma.TransactionClient, year: number, policyCode: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BUDGET_LOCK_SPACE}::int4, hashtext(${`${year}/${policyCode}`}))`;
}

/** The budget lines of some (year, policy code) pairs, from the budget rows and the commitments. */
async function linesOf(db: Db, year: number, policyCode?: string): Promise<BudgetLine[]> {
  const where = { year, ...(policyCode !== undefined ? { policyCode } : {}) };
  const [budgets, sums] = await Promise.all([
    db.budget.findMany({ where }),
    db.budgetCommitment.groupBy({ by: ['policyCode', 'status'], where: { ...where, status: { not: 'released' } }, _sum: { amountFen: true }, _count: { _all: true } }),
  ]);
  const codes = new Set([...budgets.map((b) => b.policyCode), ...sums.map((s) => s.policyCode), ...(policyCode !== undefined ? [policyCode] : [])]);
  return [...codes].sort().map((code) => {
    const b = budgets.find((x) => x.policyCode === code);
    const sumOf = (status: CommitmentStatus) => sums.find((s) => s.policyCode === code && s.status === status);
    const totalFen = fen(b?.totalFen);
    const paidFen = fen(sumOf('paid')?._sum.amountFen);
    const committedFen = fen(sumOf('committed')?._sum.amountFen) + paidFen;
    return {
      year,
      policyCode: code,
      totalFen,
      committedFen,
      paidFen,
      waitingFen: fen(sumOf('waiting')?._sum.amountFen),
      remainingFen: totalFen - committedFen,
      waitingCount: sumOf('waiting')?._count._all ?? 0,
      updatedAt: b?.updatedAt ?? null,
      updatedBy: b?.updatedBy ?? null,
    };
  });
}

async function lineOf(db: Db, year: number, policyCode: string): Promise<BudgetLine> {
  const [line] = await linesOf(db, year, policyCode);
  if (!line) throw new Error(`no budget line for ${year}/${policyCode}`);
  return line;
}

const ORDER = [{ approvedAt: 'asc' }, { caseId: 'asc' }] satisfies Prisma.BudgetCommitmentOrderByWithRelationInput[];

export function createFundingRepository(prisma: PrismaClient) {
  return {
    // ---- budgets ------------------------------------------------------------------------

    /** Sets a budget's total; refuses (STATE_CONFLICT) a total below what is committed and paid. */
    setBudget: async (year: number, policyCode: string, totalFen: Fen, by: string, at: Date): Promise<{ before: BudgetLine; after: BudgetLine }> => {
      requireFen(totalFen, 'amountFen', 0);
      return prisma.$transaction(async (tx) => {
        await lockBudget(tx, year, policyCode);
        const before = await lineOf(tx, year, policyCode);
        if (totalFen < before.committedFen) {
          throw new AppError(
            'STATE_CONFLICT',
            `The ${year} budget of ${policyCode} cannot be set to ${totalFen} fen: ${before.committedFen} fen are already committed (${before.paidFen} fen of them paid).`,
            { totalFen: before.totalFen, committedFen: before.committedFen, paidFen: before.paidFen, requestedFen: totalFen },
          );
        }
        await tx.budget.upsert({
          where: { year_policyCode: { year, policyCode } },
          create: { year, policyCode, totalFen: BigInt(totalFen), updatedAt: at, updatedBy: by },
          update: { totalFen: BigInt(totalFen), updatedAt: at, updatedBy: by },
        });
        return { before, after: await lineOf(tx, year, policyCode) };
      });
    },

    budgetLine: (year: number, policyCode: string): Promise<BudgetLine> => lineOf(prisma, year, policyCode),

    /** Every policy code of the year with a budget or a commitment, in code order. */
    budgetsOfYear: (year: number): Promise<BudgetLine[]> => linesOf(prisma, year),

    // ---- commitments --------------------------------------------------------------------

    /**
     * Records the case's commitment (waiting, once per caseId: a repeat never counts twice), then
     * commits the budget's waiting commitments strictly in approval order while each fits, stopping
     * at the first that does not (a later, smaller one never jumps the queue). A released
     * commitment requested again (the case was approved anew) rejoins the queue at its new
     * approval instant.
     */
    requestCommitment: async (r: CommitmentRequest): Promise<CommitmentOutcome> => {
      requireFen(r.amountFen, 'amountFen', 1);
      return prisma.$transaction(async (tx) => {
        await lockBudget(tx, r.year, r.policyCode);
        const existing = await tx.budgetCommitment.findUnique({ where: { caseId: r.caseId } });
        if (existing && (existing.year !== r.year || existing.policyCode !== r.policyCode) && existing.status !== 'released') {
          throw new AppError('STATE_CONFLICT', `Case ${r.caseId} already has a ${existing.status} commitment on the ${existing.year} budget of ${existing.policyCode}.`);
        }
        const fresh = { year: r.year, policyCode: r.policyCode, amountFen: BigInt(r.amountFen), approvedAt: r.approvedAt, status: 'waiting', requestedAt: r.at, committedAt: null };
        if (!existing) await tx.budgetCommitment.create({ data: { caseId: r.caseId, ...fresh } });
        else if (existing.status === 'released') await tx.budgetCommitment.update({ where: { caseId: r.caseId }, data: fresh });

        const line = await lineOf(tx, r.year, r.policyCode);
        let remaining = line.remainingFen;
        const waiting = await tx.budgetCommitment.findMany({ where: { year: r.year, policyCode: r.policyCode, status: 'waiting' }, orderBy: ORDER });
        let firstStillWaiting = waiting.length;
        for (const [i, w] of waiting.entries()) {
          const amount = fen(w.amountFen);
          if (amount > remaining) {
            firstStillWaiting = i;
            break;
          }
          // Conditional on 'waiting': a release that got in first is not overwritten.
          const { count } = await tx.budgetCommitment.updateMany({ where: { caseId: w.caseId, status: 'waiting' }, data: { status: 'committed', committedAt: r.at } });
          if (count === 1) remaining -= amount;
        }
        const mine = await tx.budgetCommitment.findUniqueOrThrow({ where: { caseId: r.caseId } });
        // A commitment already paid was committed first: to the case it is committed.
        if (mine.status === 'committed' || mine.status === 'paid') return { status: 'committed', remainingFen: remaining, ahead: 0 };
        if (mine.status === 'released') throw new AppError('STATE_CONFLICT', `The commitment of case ${r.caseId} was released meanwhile.`);
        return { status: 'waiting', remainingFen: remaining, ahead: waiting.findIndex((w) => w.caseId === r.caseId) - firstStillWaiting };
      });
    },

    /**
     * committed → paid; paying again is a no-op. STATE_CONFLICT when nothing is committed. The
     * instant of payment is the payment record's (payments.created_at).
     */
    markPaid: async (caseId: string): Promise<Commitment> => {
      // Paid money stays counted (committedFen = committed + paid), so no budget lock is needed;
      // the transition is conditional, so a concurrent release and payment cannot both win.
      await prisma.budgetCommitment.updateMany({ where: { caseId, status: 'committed' }, data: { status: 'paid' } });
      const c = await prisma.budgetCommitment.findUnique({ where: { caseId } });
      if (c?.status !== 'paid') {
        throw new AppError('STATE_CONFLICT', `Case ${caseId} has no committed funds to mark paid (commitment: ${c?.status ?? 'none'}).`);
      }
      return toCommitment(c);
    },

    /**
     * Gives a waiting or committed commitment back to its budget (e.g. the case was rejected after
     * approval); releasing again is a no-op, null when the case has none. Paid money is not given
     * back: STATE_CONFLICT. Waiting cases of that budget are not committed here: the caller
     * signals them (waitingCaseIds) and their own requests commit them in order. Releasing only
     * grows what remains, so it needs no budget lock.
     */
    release: async (caseId: string): Promise<Commitment | null> => {
      await prisma.budgetCommitment.updateMany({ where: { caseId, status: { in: ['waiting', 'committed'] } }, data: { status: 'released' } });
      const c = await prisma.budgetCommitment.findUnique({ where: { caseId } });
      if (c?.status === 'paid') throw new AppError('STATE_CONFLICT', `Case ${caseId} has been paid; its ${fen(c.amountFen)} fen cannot be released.`);
      return c ? toCommitment(c) : null;
    },

    /** Case ids waiting on a budget, in the order they will commit. */
    waitingCaseIds: async (year: number, policyCode: string): Promise<string[]> =>
      (await prisma.budgetCommitment.findMany({ where: { year, policyCode, status: 'waiting' }, orderBy: ORDER, select: { caseId: true } })).map((c) => c.caseId),

    commitmentOf: async (caseId: string): Promise<Commitment | null> => {
      const c = await prisma.budgetCommitment.findUnique({ where: { caseId } });
      return c ? toCommitment(c) : null;
    },

    // ---- awards granted (what once-only and per-period limits are checked against) -------

    /** Records the awards a paid case granted; a repeat inserts nothing. Returns the rows added. */
    recordAwardGrants: async (caseId: string, enterpriseId: string, grants: readonly AwardGrantInput[], at: Date): Promise<number> => {
      grants.forEach((g, i) => requireFen(g.amountFen, `grants.${i}.amountFen`, 0));
      const { count } = await prisma.awardGrant.createMany({
        data: grants.map((g) => ({
          id: randomUUID(),
          caseId,
          enterpriseId,
          policyCode: g.policyCode,
          item: g.item,
          limitKey: g.limitKey,
          period: g.period ?? null,
          amountFen: BigInt(g.amountFen),
          grantedAt: at,
        })),
        skipDuplicates: true,
      });
      return count;
    },

    // ---- bank accounts ------------------------------------------------------------------

    setBankAccount: async (enterpriseId: string, account: BankAccount, by: string, at: Date): Promise<StoredBankAccount> => {
      const data = { accountName: account.accountName, accountNo: account.accountNo, bankName: account.bankName, updatedAt: at, updatedBy: by };
      return prisma.enterpriseBankAccount.upsert({ where: { enterpriseId }, create: { enterpriseId, ...data }, update: data });
    },

    bankAccountOf: (enterpriseId: string): Promise<StoredBankAccount | null> => prisma.enterpriseBankAccount.findUnique({ where: { enterpriseId } }),

    /** The enterprise's cases stopped on a refused payment (to signal after an account change). */
    paymentFailedCasesOf: (enterpriseId: string): Promise<Array<{ caseId: string; workflowId: string }>> =>
      prisma.caseRecord.findMany({
        where: { enterpriseId, status: 'payment_failed' },
        orderBy: [{ openedAt: 'asc' }, { caseId: 'asc' }],
        select: { caseId: true, workflowId: true },
      }),

    // ---- payments (the in-process gateway's record of transfers) ------------------------

    paymentByKey: async (idempotencyKey: string): Promise<PaymentRecord | null> => {
      const p = await prisma.payment.findUnique({ where: { idempotencyKey } });
      return p ? toPayment(p) : null;
    },

    /** The successful transfer of a case, if any (whatever its key). */
    succeededPaymentOf: async (caseId: string): Promise<PaymentRecord | null> => {
      const p = await prisma.payment.findFirst({ where: { caseId, status: 'succeeded' }, orderBy: { createdAt: 'asc' } });
      return p ? toPayment(p) : null;
    },

    /** Stores a transfer's outcome once per key and returns what is stored (the first outcome wins). */
    recordPayment: async (p: PaymentRecord): Promise<PaymentRecord> => {
      requireFen(p.amountFen, 'amountFen', 1);
      await prisma.payment.createMany({ data: [{ ...p, amountFen: BigInt(p.amountFen) }], skipDuplicates: true });
      return toPayment(await prisma.payment.findUniqueOrThrow({ where: { idempotencyKey: p.idempotencyKey } }));
    },
  };
}
export type FundingRepository = ReturnType<typeof createFundingRepository>;
