// The policy catalogue's versions and measure snapshots, the awards granted per enterprise
// (read for once-only and per-period limits) and the matcher's results (measure 1). The only
// code that touches catalogue_versions, catalogue_measures, award_grants and enterprise_matches.
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import { defaultCatalogue, PARAMETER_DEFINITIONS, withParameters, type CatalogueVersion, type ParameterValues, type PriorAward } from '../../domain/policy';
import { measureSnapshot, ZMeasureSnapshot, type TMeasureSnapshot } from '../../domain/policy/snapshot';
import { Prisma, type PrismaClient, type CatalogueVersion as CatalogueVersionRow } from '../../generated/prisma/client';

const ZStoredParameters = z.record(z.string(), z.int().nullable());

export interface CatalogueVersionRecord {
  version: number;
  effectiveFrom: string;
  parameters: ParameterValues;
  note: string | null;
  publishedAt: Date;
  publishedBy: string | null;
}

export interface LoadedCatalogue {
  record: CatalogueVersionRecord;
  catalogue: CatalogueVersion;
}

export interface MeasureFilter {
  kind?: string;
  department?: string;
}

export interface MatchRow {
  enterpriseId: string;
  policyCode: string;
  item: string;
  likelihood: 'likely' | 'possible';
  estimatedFen: number | null;
  detail: Prisma.InputJsonObject;
}

/** A 'YYYY-MM-DD' date as the DATE column stores it (midnight UTC) and back. */
const toDbDate = (date: string) => new Date(`${date}T00:00:00.000Z`);
const fromDbDate = (d: Date) => d.toISOString().slice(0, 10);

function toRecord(row: CatalogueVersionRow): CatalogueVersionRecord {
  return {
    version: row.version,
    effectiveFrom: fromDbDate(row.effectiveFrom),
    parameters: ZStoredParameters.parse(row.parameters),
    note: row.note,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
  };
}

/**
 * The rules are code (domain/policy); a stored version is only its number, effective date and
 * parameter values. So a version is rebuilt as defaultCatalogue() + withParameters(stored
 * values), which also re-validates them. The base is given version 0 so that every stored
 * version, 1 included, is rebuilt the same way. A stored parameter the code no longer declares
 * is dropped: no rule reads it any more.
 */
export function rebuildCatalogue(record: CatalogueVersionRecord): CatalogueVersion {
  const known = new Set(PARAMETER_DEFINITIONS.map((p) => p.name));
  const values = Object.fromEntries(Object.entries(record.parameters).filter(([name]) => known.has(name)));
  return withParameters({ ...defaultCatalogue(), version: 0 }, values, record.version, record.effectiveFrom);
}

const load = (row: CatalogueVersionRow | null): LoadedCatalogue | null => {
  if (!row) return null;
  const record = toRecord(row);
  return { record, catalogue: rebuildCatalogue(record) };
};

export function createCatalogueRepository(prisma: PrismaClient) {
  return {
    // ---- versions -------------------------------------------------------------------------

    /**
     * Stores a version: its parameters and a snapshot of every measure, in one transaction.
     * `ifAbsent`: a version that exists already is left alone (seeding, safe to repeat and to
     * race); otherwise an existing version number is a CONFLICT (two concurrent publications).
     * Returns true when this call wrote the version.
     */
    writeVersion: async (
      catalogue: CatalogueVersion,
      meta: { note: string | null; publishedBy: string | null; publishedAt: Date },
      options: { ifAbsent: boolean },
    ): Promise<boolean> => {
      try {
        return await prisma.$transaction(async (tx) => {
          const created = await tx.catalogueVersion.createMany({
            data: [
              {
                version: catalogue.version,
                effectiveFrom: toDbDate(catalogue.effectiveFrom),
                parameters: { ...catalogue.parameters },
                note: meta.note,
                publishedAt: meta.publishedAt,
                publishedBy: meta.publishedBy,
              },
            ],
            skipDuplicates: options.ifAbsent,
          });
          if (created.count === 0) return false;
          await tx.catalogueMeasure.createMany({
            data: catalogue.measures.map((m) => ({
              version: catalogue.version,
              code: m.code,
              kind: m.kind,
              leadDepartment: m.lead,
              coDepartments: [...m.co],
              // Plain JSON by construction (strings, numbers, arrays, z.toJSONSchema output).
              data: measureSnapshot(catalogue, m) as Prisma.InputJsonObject,
            })),
          });
          return true;
        });
      } catch (e) {
        if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
          throw new AppError('CONFLICT', `Catalogue version ${catalogue.version} was published at the same time by someone else; reload the versions and publish again.`, {
            version: catalogue.version,
          });
        }
        throw e;
      }
    },

    listVersions: async (): Promise<CatalogueVersionRecord[]> =>
      (await prisma.catalogueVersion.findMany({ orderBy: { version: 'asc' } })).map(toRecord),

    /** The highest version number: the one a new publication builds on. */
    loadLatest: async (): Promise<LoadedCatalogue | null> => load(await prisma.catalogueVersion.findFirst({ orderBy: { version: 'desc' } })),

    loadVersion: async (version: number): Promise<LoadedCatalogue | null> => load(await prisma.catalogueVersion.findUnique({ where: { version } })),

    /**
     * The version in effect on a date: the highest version whose effectiveFrom is on or before
     * it (effective dates never decrease with the version number; publishing enforces that).
     */
    loadInEffect: async (asOf: string): Promise<LoadedCatalogue | null> =>
      load(await prisma.catalogueVersion.findFirst({ where: { effectiveFrom: { lte: toDbDate(asOf) } }, orderBy: { version: 'desc' } })),

    // ---- measure snapshots ----------------------------------------------------------------

    /** Snapshots in catalogue order; department matches the lead or a co-department. */
    listMeasures: async (version: number, filter: MeasureFilter): Promise<TMeasureSnapshot[]> => {
      const rows = await prisma.catalogueMeasure.findMany({
        where: {
          version,
          ...(filter.kind ? { kind: filter.kind } : {}),
          ...(filter.department ? { OR: [{ leadDepartment: filter.department }, { coDepartments: { has: filter.department } }] } : {}),
        },
        orderBy: { code: 'asc' },
      });
      return rows.map((r) => ZMeasureSnapshot.parse(r.data));
    },

    findMeasure: async (version: number, code: string): Promise<TMeasureSnapshot | null> => {
      const row = await prisma.catalogueMeasure.findUnique({ where: { version_code: { version, code } } });
      return row ? ZMeasureSnapshot.parse(row.data) : null;
    },

    // ---- awards granted (written by the payment step of award cases) ----------------------

    /** Prior awards of some enterprises, as quote() and matchEnterprise() take them. */
    priorAwardsOf: async (enterpriseIds: readonly string[], only?: { policyCode: string; item: string }): Promise<Map<string, PriorAward[]>> => {
      const rows = await prisma.awardGrant.findMany({
        where: { enterpriseId: { in: [...enterpriseIds] }, ...(only ?? {}) },
        orderBy: { grantedAt: 'asc' },
      });
      const out = new Map<string, PriorAward[]>(enterpriseIds.map((id) => [id, []]));
      for (const r of rows) {
        const award: PriorAward = { policyCode: r.policyCode, item: r.item, limitKey: r.limitKey, amountFen: Number(r.amountFen) };
        out.get(r.enterpriseId)?.push(r.period === null ? award : { ...award, period: r.period });
      }
      return out;
    },

    // ---- matches (measure 1) --------------------------------------------------------------

    /** Replaces the stored matches of these enterprises under one version (idempotent). */
    replaceMatches: async (catalogueVersion: number, enterpriseIds: readonly string[], rows: readonly MatchRow[], matchedAt: Date): Promise<void> => {
      await prisma.$transaction([
        prisma.enterpriseMatch.deleteMany({ where: { catalogueVersion, enterpriseId: { in: [...enterpriseIds] } } }),
        prisma.enterpriseMatch.createMany({
          data: rows.map((r) => ({ ...r, catalogueVersion, estimatedFen: r.estimatedFen === null ? null : BigInt(r.estimatedFen), matchedAt })),
        }),
      ]);
    },

    /** Per enterprise, the items ('M03/title') stored as likely under any version before this one. */
    likelyBefore: async (catalogueVersion: number, enterpriseIds: readonly string[]): Promise<Map<string, Set<string>>> => {
      const rows = await prisma.enterpriseMatch.findMany({
        where: { catalogueVersion: { lt: catalogueVersion }, enterpriseId: { in: [...enterpriseIds] }, likelihood: 'likely' },
        select: { enterpriseId: true, policyCode: true, item: true },
      });
      const out = new Map<string, Set<string>>();
      for (const r of rows) {
        const set = out.get(r.enterpriseId) ?? new Set<string>();
        set.add(`${r.policyCode}/${r.item}`);
        out.set(r.enterpriseId, set);
      }
      return out;
    },
  };
}
export type CatalogueRepository = ReturnType<typeof createCatalogueRepository>;
