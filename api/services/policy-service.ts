// The policy catalogue for every signed-in user: measures as published (snapshots), quotes
// under the version in effect on the quote date, an enterprise's matches (measure 1), and the
// list of versions. Publishing lives in publish-catalogue-version.ts.
import type { LoadedCatalogue } from '../../infra/db/catalogue-repository';
import { localDateOf } from '../../domain/calendar';
import { AppError, isAppError } from '../../domain/errors';
import { findMeasure, matchEnterprise, quote, type FactIssue } from '../../domain/policy';
import { enterpriseMatchProfile } from '../../domain/policy/enterprise-profile';
import type { TMeasureSnapshot } from '../../domain/policy/snapshot';
import type { Actor } from '../../domain/roles';
import { notFound } from '../auth/guards';
import type { ServiceDeps } from './deps';
import { findEnterpriseInScope } from './enterprise-scope';
import type { TemporalGateway } from '../temporal/gateway';
import { createCataloguePublisher, toVersionView } from './publish-catalogue-version';

export interface QuoteInput {
  item: string;
  facts: unknown;
  enterpriseId?: string | undefined;
  asOf?: string | undefined;
}

export interface CatalogueFilter {
  kind?: string | undefined;
  department?: string | undefined;
  version?: number | undefined;
}

function measureSummary(m: TMeasureSnapshot) {
  return {
    code: m.code,
    no: m.no,
    chapter: m.chapter,
    titleZh: m.titleZh,
    name: m.name,
    kind: m.kind,
    lead: m.lead,
    co: m.co,
    applicantTypes: m.applicantTypes,
    items: m.items.map((i) => ({ code: i.code, kind: i.kind, name: i.name, nameZh: i.nameZh })),
  };
}

/** The API names a fact by its place in the request body: body.facts.<field>. */
function requestPath(path: string): string {
  if (path === 'asOf') return 'body.asOf';
  return path === '(facts)' ? 'body.facts' : `body.facts.${path}`;
}

function withRequestPaths(err: unknown): unknown {
  if (!isAppError(err) || err.code !== 'FACTS_INVALID') return err;
  const issues = (err.details?.issues ?? []) as FactIssue[];
  return new AppError('FACTS_INVALID', err.message, { ...err.details, issues: issues.map((i) => ({ path: requestPath(i.path), message: i.message })) });
}

export function createPolicyService(deps: ServiceDeps, temporal: TemporalGateway | undefined) {
  const { repos, now } = deps;
  const today = () => localDateOf(now());

  async function inEffectOn(asOf: string, field: string): Promise<LoadedCatalogue> {
    const loaded = await repos.catalogue.loadInEffect(asOf);
    if (loaded) return loaded;
    const first = (await repos.catalogue.listVersions())[0];
    const message = `No catalogue version is in effect on ${asOf}; the first takes effect on ${first?.effectiveFrom ?? '(none published)'}.`;
    throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: field, message }] });
  }

  async function versionOrToday(version: number | undefined): Promise<LoadedCatalogue> {
    if (version === undefined) return inEffectOn(today(), 'query.version');
    const loaded = await repos.catalogue.loadVersion(version);
    if (!loaded) {
      const known = (await repos.catalogue.listVersions()).map((v) => v.version);
      throw new AppError('NOT_FOUND', `Catalogue version ${version} was not found. Published versions: ${known.join(', ')}.`, { version, known });
    }
    return loaded;
  }

  return {
    async list(filter: CatalogueFilter) {
      const { record } = await versionOrToday(filter.version);
      const measures = await repos.catalogue.listMeasures(record.version, filter);
      return { catalogueVersion: record.version, effectiveFrom: record.effectiveFrom, items: measures.map(measureSummary) };
    },

    async get(code: string, version: number | undefined) {
      const { record, catalogue } = await versionOrToday(version);
      findMeasure(catalogue, code); // UNKNOWN_POLICY with the known codes
      const snapshot = await repos.catalogue.findMeasure(record.version, code);
      if (!snapshot) throw notFound(`Measure ${code} of catalogue version`, String(record.version));
      return { catalogueVersion: record.version, effectiveFrom: record.effectiveFrom, ...snapshot };
    },

    async listVersions() {
      const versions = await repos.catalogue.listVersions();
      const current = await repos.catalogue.loadInEffect(today());
      return { inEffect: current?.record.version ?? null, items: versions.map(toVersionView) };
    },

    /**
     * A quote under the version in effect on asOf (default: today, Asia/Shanghai). With an
     * enterprise (an enterprise user's own by default), its granted awards feed the once-only
     * and per-period limits.
     */
    async quote(actor: Actor, policyCode: string, input: QuoteInput) {
      const enterpriseId = input.enterpriseId ?? (actor.role === 'enterprise' ? actor.enterpriseId : null);
      if (enterpriseId) await findEnterpriseInScope(repos, actor, enterpriseId);
      const asOf = input.asOf ?? today();
      const { record, catalogue } = await inEffectOn(asOf, 'body.asOf');
      const priorAwards = enterpriseId ? ((await repos.catalogue.priorAwardsOf([enterpriseId], { policyCode, item: input.item })).get(enterpriseId) ?? []) : [];
      let q;
      try {
        q = quote(catalogue, { policyCode, item: input.item, facts: input.facts, asOf, priorAwards });
      } catch (err) {
        throw withRequestPaths(err);
      }
      return {
        policyCode: q.policyCode,
        item: q.item,
        catalogueVersion: q.catalogueVersion,
        effectiveFrom: record.effectiveFrom,
        asOf,
        enterpriseId,
        eligible: q.eligible,
        amountFen: q.amountFen,
        breakdown: q.breakdown.map((l) => ({ ...l })),
        reasons: [...q.reasons],
        pending: q.pending.map((p) => ({ ...p })),
        parameters: { ...q.parameters },
        notes: [...q.notes],
        limit: { ...q.limit },
        limitKeys: [...q.limitKeys],
        ...(q.period === undefined ? {} : { period: q.period }),
      };
    },

    /** What the enterprise likely qualifies for today, and what it may with facts still missing. */
    async matches(actor: Actor, enterpriseId: string) {
      const enterprise = await findEnterpriseInScope(repos, actor, enterpriseId);
      const asOf = today();
      const { record, catalogue } = await inEffectOn(asOf, 'asOf');
      const awards = (await repos.catalogue.priorAwardsOf([enterprise.id])).get(enterprise.id) ?? [];
      const result = matchEnterprise(catalogue, enterpriseMatchProfile(enterprise, asOf, awards));
      return {
        enterpriseId: enterprise.id,
        catalogueVersion: record.version,
        asOf,
        likely: result.likely.map((l) => ({ ...l })),
        possible: result.possible.map((p) => ({ ...p, missingFacts: [...p.missingFacts] })),
      };
    },

    ...createCataloguePublisher(deps, temporal),
  };
}
export type PolicyService = ReturnType<typeof createPolicyService>;
