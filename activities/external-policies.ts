// External policies (measure 1) in the matching run: every page of enterprises the run matches
// against the catalogue is matched against the external policies in effect too (the same run,
// the same push). Each enterprise's stored matches are replaced; a notification's dedupe key
// extpolicy:<policyId>:v<version>:<enterpriseId>:<recipientId> tells each user once per policy
// version, whatever retries or republications. Expired policies are not in effect: their
// matches go with the next run.
import type { Enterprise, ExternalPolicy, User } from '../generated/prisma/client';
import { ZEnterpriseProfileFacts } from '../domain/enterprise';
import { externalPolicyDedupeKey } from '../domain/external-policy';
import { evaluateCriteria, ZCriteria } from '../domain/policy/criteria';
import type { ExternalMatchRow } from '../infra/db/external-policies-repository';
import type { ActivityDeps } from './deps';

export const EXTERNAL_POLICY_NOTIFICATION_KIND = 'policy.external';

const LEVEL_ZH: Record<string, string> = { national: '国家', provincial: '省', city: '市' };

function text(policy: ExternalPolicy, enterprise: Enterprise, met: readonly string[]) {
  return {
    title: `政策推送 ${policy.title}`,
    body:
      `${enterprise.name}符合${LEVEL_ZH[policy.level] ?? ''}级政策「${policy.title}」(${policy.issuingAuthority} ${policy.documentNumber})的条件。` +
      ` A ${policy.level} policy matches your profile: ${policy.title}. Criteria met: ${met.join('; ')}.${policy.url ? ` ${policy.url}` : ''}`,
  };
}

/** Matches a page of enterprises against the policies in effect on asOf; returns the notifications written. */
export async function matchExternalPolicies(
  deps: ActivityDeps,
  page: readonly Enterprise[],
  asOf: string,
  usersOf: ReadonlyMap<string, readonly User[]>,
  at: Date,
): Promise<number> {
  const { repos } = deps;
  const policies = (await repos.externalPolicies.listInEffect(new Date(`${asOf}T00:00:00Z`))).flatMap((p) => {
    const criteria = ZCriteria.safeParse(p.criteria);
    return criteria.success ? [{ policy: p, criteria: criteria.data }] : [];
  });
  const rows: ExternalMatchRow[] = [];
  const fresh: Array<{ policy: ExternalPolicy; enterprise: Enterprise; met: readonly string[] }> = [];
  const matched: string[] = [];
  for (const e of page) {
    const facts = ZEnterpriseProfileFacts.safeParse(e.profile);
    // A stored profile that no longer fits is left out here as it is by the catalogue matching.
    if (!facts.success) continue;
    matched.push(e.id);
    for (const { policy, criteria } of policies) {
      const r = evaluateCriteria(criteria, { aboveScale: e.aboveScale, industry: e.industry, facts: facts.data });
      if (r.outcome === 'not_met') continue;
      rows.push({ policyId: policy.id, enterpriseId: e.id, policyVersion: policy.version, outcome: r.outcome, detail: { met: [...r.met], missingFacts: [...r.missingFacts] } });
      if (r.outcome === 'met') fresh.push({ policy, enterprise: e, met: r.met });
    }
  }
  await repos.externalPolicies.replaceMatches(matched, rows, at);
  let notified = 0;
  for (const { policy, enterprise, met } of fresh) {
    for (const user of usersOf.get(enterprise.id) ?? []) {
      const written = await repos.notifications.enqueue({
        recipientId: user.id,
        kind: EXTERNAL_POLICY_NOTIFICATION_KIND,
        ...text(policy, enterprise, met),
        payload: { enterpriseId: enterprise.id, policyId: policy.id, policyVersion: policy.version, met: [...met] },
        dedupeKey: externalPolicyDedupeKey(policy.id, policy.version, enterprise.id, user.id),
        createdAt: at,
      });
      if (written) notified++;
    }
  }
  return notified;
}
