// Policy matching and push (measure 1): the activities of policyMatchingWorkflow. Each page is
// idempotent: the stored matches of its enterprises are replaced, and every notification has
// the dedupe key match:<enterpriseId>:<policyCode>:<item>:<recipientId>, so a retry, a repeated
// run or a later version never notifies a user twice about the same item. The same page is
// matched against the external policies in effect (activities/external-policies.ts).
import { ApplicationFailure, log } from '@temporalio/activity';
import { localDateOf } from '../domain/calendar';
import { isAppError } from '../domain/errors';
import { formatFen } from '../domain/money';
import { findItem, findMeasure, matchEnterprise, type CatalogueVersion, type LikelyMatch, type MatchResult } from '../domain/policy';
import { enterpriseMatchProfile } from '../domain/policy/enterprise-profile';
import type { Enterprise, User } from '../generated/prisma/client';
import type { MatchRow } from '../infra/db/catalogue-repository';
import type { ActivityDeps } from './deps';
import { matchExternalPolicies } from './external-policies';
import {
  MatchingFailure,
  type MatchEnterprisePageInput,
  type MatchEnterprisePageResult,
  type MatchingRun,
} from '../workflows/policy-matching-ids';

export const MATCH_NOTIFICATION_KIND = 'policy.match';

/** The dedupe key of a match notification; the prefix up to the item names the match. */
export function matchDedupeKey(enterpriseId: string, policyCode: string, item: string, recipientId: string): string {
  return `match:${enterpriseId}:${policyCode}:${item}:${recipientId}`;
}

/** One item an enterprise likely qualifies for; several candidates (two titles) add up. */
interface LikelyItem {
  policyCode: string;
  item: string;
  estimatedAmountFen: number;
  why: string[];
}

function likelyByItem(likely: readonly LikelyMatch[]): LikelyItem[] {
  const byKey = new Map<string, LikelyItem>();
  for (const l of likely) {
    const key = `${l.policyCode}/${l.item}`;
    const seen = byKey.get(key);
    if (seen) {
      seen.estimatedAmountFen += l.estimatedAmountFen;
      seen.why.push(l.why);
    } else byKey.set(key, { policyCode: l.policyCode, item: l.item, estimatedAmountFen: l.estimatedAmountFen, why: [l.why] });
  }
  return [...byKey.values()];
}

function matchRows(enterpriseId: string, result: MatchResult): MatchRow[] {
  return [
    ...likelyByItem(result.likely).map((l) => ({
      enterpriseId,
      policyCode: l.policyCode,
      item: l.item,
      likelihood: 'likely' as const,
      estimatedFen: l.estimatedAmountFen,
      detail: { why: l.why },
    })),
    ...result.possible.map((p) => ({
      enterpriseId,
      policyCode: p.policyCode,
      item: p.item,
      likelihood: 'possible' as const,
      estimatedFen: null,
      detail: { missingFacts: [...p.missingFacts] },
    })),
  ];
}

function notificationText(catalogue: CatalogueVersion, enterprise: Enterprise, match: LikelyItem) {
  const measure = findMeasure(catalogue, match.policyCode);
  const item = findItem(measure, match.item);
  const amount = formatFen(match.estimatedAmountFen);
  return {
    title: `政策匹配 ${measure.code} ${item.nameZh}`,
    body:
      `${enterprise.name}可能符合第${measure.no}条「${measure.titleZh}」的条件,预计可获${amount}元。` +
      ` You may qualify for ${measure.code} ${item.name}: about ${amount} yuan (${match.why.join('; ')}). Check the facts with a quote before you apply.`,
  };
}

export function createCatalogueActivities(deps: ActivityDeps) {
  const { repos } = deps;

  async function loadVersion(catalogueVersion: number) {
    const loaded = await repos.catalogue.loadVersion(catalogueVersion);
    if (!loaded) throw ApplicationFailure.nonRetryable(`Catalogue version ${catalogueVersion} does not exist.`, MatchingFailure.UnknownCatalogueVersion);
    return loaded;
  }

  return {
    /**
     * Which version a run matches under and the date it reads as today: the later of today
     * (Asia/Shanghai) and the version's effective date, so a version published ahead of its
     * date is matched as it will apply.
     */
    async resolveMatchingRun(input: { catalogueVersion: number | null }): Promise<MatchingRun> {
      const today = localDateOf(deps.now());
      const loaded = input.catalogueVersion === null ? await repos.catalogue.loadInEffect(today) : await loadVersion(input.catalogueVersion);
      if (!loaded) throw ApplicationFailure.nonRetryable(`No catalogue version is in effect on ${today}.`, MatchingFailure.UnknownCatalogueVersion);
      const { version, effectiveFrom } = loaded.record;
      return { catalogueVersion: version, asOf: effectiveFrom > today ? effectiveFrom : today };
    },

    /** Matches one page of enterprises, stores the matches and notifies new ones. */
    async matchEnterprisePage(input: MatchEnterprisePageInput): Promise<MatchEnterprisePageResult> {
      const { catalogue } = await loadVersion(input.catalogueVersion);
      const page = await repos.enterprises.listAfter({ afterCreditCode: input.afterCreditCode, limit: input.limit });
      const ids = page.map((e) => e.id);
      const [awards, earlier, users] = await Promise.all([
        repos.catalogue.priorAwardsOf(ids),
        repos.catalogue.likelyBefore(input.catalogueVersion, ids),
        repos.users.listActiveEnterpriseUsers(ids),
      ]);
      const usersOf = new Map<string, User[]>();
      for (const u of users) if (u.enterpriseId) usersOf.set(u.enterpriseId, [...(usersOf.get(u.enterpriseId) ?? []), u]);

      const counts = { enterprises: page.length, likely: 0, possible: 0, newMatches: 0, notified: 0, skipped: 0 };
      const matched: string[] = [];
      const rows: MatchRow[] = [];
      const fresh: Array<{ enterprise: Enterprise; match: LikelyItem }> = [];
      for (const e of page) {
        let result: MatchResult;
        try {
          result = matchEnterprise(catalogue, enterpriseMatchProfile(e, input.asOf, awards.get(e.id) ?? []));
        } catch (err) {
          // A stored profile that no longer fits the schema is a data problem of one
          // enterprise: it must not stop the run for all the others.
          if (!isAppError(err) || err.code !== 'FACTS_INVALID') throw err;
          log.warn('enterprise left out of policy matching: stored profile invalid', { enterpriseId: e.id, problem: err.message });
          counts.skipped++;
          continue;
        }
        matched.push(e.id);
        const enterpriseRows = matchRows(e.id, result);
        rows.push(...enterpriseRows);
        const likely = likelyByItem(result.likely);
        counts.likely += likely.length;
        counts.possible += result.possible.length;
        for (const match of likely) {
          if (!earlier.get(e.id)?.has(`${match.policyCode}/${match.item}`)) fresh.push({ enterprise: e, match });
        }
      }
      const at = deps.now();
      await repos.catalogue.replaceMatches(input.catalogueVersion, matched, rows, at);

      counts.newMatches = fresh.length;
      for (const { enterprise, match } of fresh) {
        const text = notificationText(catalogue, enterprise, match);
        for (const user of usersOf.get(enterprise.id) ?? []) {
          const written = await repos.notifications.enqueue({
            recipientId: user.id,
            kind: MATCH_NOTIFICATION_KIND,
            ...text,
            payload: {
              enterpriseId: enterprise.id,
              policyCode: match.policyCode,
              item: match.item,
              catalogueVersion: input.catalogueVersion,
              estimatedAmountFen: match.estimatedAmountFen,
              reason: input.reason,
            },
            dedupeKey: matchDedupeKey(enterprise.id, match.policyCode, match.item, user.id),
            createdAt: at,
          });
          if (written) counts.notified++;
        }
      }
      // The external policies in effect (measure 1 beyond the 46), in the same page and push.
      counts.notified += await matchExternalPolicies(deps, page, input.asOf, usersOf, at);
      const last = page.at(-1);
      return { ...counts, nextCursor: page.length < input.limit || !last ? null : last.creditCode };
    },
  };
}
