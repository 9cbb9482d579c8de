// Test data for a fuzz run (scripts/fuzz-api.sh). Without it Schemathesis only ever reaches the
// 404 of an unknown case, enterprise or measure: identifiers are random UUIDs and case numbers
// that no generator guesses. So before the passes this signs in, files two applications as ent1
// (one of them accepted by the lead department) and collects the identifiers that exist: case
// numbers, enterprise and user ids, measure and item codes. It writes them as Schemathesis
// dictionaries bound to the parameters of those names (with a probability below 1, so random
// values are still tried), appended to the committed configuration: the committed file names
// the checks, this tail only adds data. It also writes the Web Fuzzing Commons auth file the
// configuration's [auth.wfc] reads: how Schemathesis signs in as each pass user and as the two
// enterprise users whose objects must stay apart (the object_level_authorization peers).
//
// Usage: tsx scripts/fuzz/seed-data.ts BASE_URL PASSWORD COMMITTED_CONFIG OUT_CONFIG OUT_WFC USER...
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const ZLoginAnswer = z.object({ token: z.string() });
const ZMe = z.object({ id: z.string(), enterpriseId: z.string().nullable() });
const ZPolicies = z.object({ items: z.array(z.object({ code: z.string(), items: z.array(z.object({ code: z.string() })) })) });
const ZFiled = z.object({ caseId: z.string() });

const USERS = ['admin', 'ent1', 'ent2', 'gxj.reviewer', 'gxj.head', 'supervisor', 'agent1'] as const;
type User = (typeof USERS)[number];
/** The identities whose objects must not reach each other (scripts/fuzz/schemathesis.toml names them). */
const PEERS = ['ent1', 'ent2'] as const;

/** A WFC sign-in through POST /api/v1/auth/login; Schemathesis signs in again when the token ages. */
function wfcEntry(username: string, password: string) {
  return {
    name: username,
    loginEndpointAuth: {
      endpoint: '/api/v1/auth/login',
      verb: 'POST',
      contentType: 'application/json',
      payloadUserPwd: { username, password, usernameField: 'username', passwordField: 'password' },
      token: { extractFrom: 'body', extractSelector: '/token', sendIn: 'header', sendName: 'Authorization', sendTemplate: 'Bearer {token}' },
    },
  };
}

async function main(): Promise<void> {
  const [base, password, committedConfig, outConfig, outWfc, ...passUsers] = process.argv.slice(2);
  if (!base || !password || !committedConfig || !outConfig || !outWfc || passUsers.length === 0) {
    throw new Error('usage: seed-data.ts BASE_URL PASSWORD COMMITTED_CONFIG OUT_CONFIG OUT_WFC USER...');
  }

  const call = async (token: string | null, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };

  const tokens = {} as Record<User, string>;
  const me = {} as Record<User, z.infer<typeof ZMe>>;
  for (const user of USERS) {
    tokens[user] = ZLoginAnswer.parse(await call(null, 'POST', '/api/v1/auth/login', { username: user, password })).token;
    me[user] = ZMe.parse(await call(tokens[user], 'GET', '/api/v1/me'));
  }
  // Every pass user can sign in (a typo in FUZZ_USERS fails here, not as a run of 401s).
  for (const user of passUsers) await call(null, 'POST', '/api/v1/auth/login', { username: user, password });
  const policies = ZPolicies.parse(await call(tokens.admin, 'GET', '/api/v1/policies'));

  // Two M09 exhibition applications of ent1 (the example of scripts/demo-application.ts): one
  // left as filed, one accepted, so the acts meet cases in two states.
  const facts = { exhibitionName: '东北亚博览会', boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 };
  const caseIds: string[] = [];
  for (const n of [1, 2]) {
    const filed = ZFiled.parse(
      await call(tokens.ent1, 'POST', '/api/v1/applications', { policyCode: 'M09', item: 'exhibition', facts, documentIds: [] }, { 'idempotency-key': `fuzz-seed-filing-${n}` }),
    );
    caseIds.push(filed.caseId);
  }
  await call(tokens['gxj.reviewer'], 'POST', `/api/v1/applications/${caseIds[1]}/accept`, { opinion: '材料齐全,予以受理' });

  const enterpriseIds = [me.ent1.enterpriseId, me.ent2.enterpriseId].filter((id): id is string => id !== null);
  const userIds = USERS.map((u) => me[u].id);
  const policyCodes = policies.items.map((p) => p.code);
  const itemCodes = [...new Set(policies.items.flatMap((p) => p.items.map((i) => i.code)))];

  const values = (list: readonly string[]) => `values = [${list.map((v) => JSON.stringify(v)).join(', ')}]`;
  const tail = [
    '',
    '# ---- generated by scripts/fuzz/seed-data.ts for this run: identifiers that exist ----',
    '[dictionaries.case-ids]',
    values(caseIds),
    '[dictionaries.ids]',
    values([...enterpriseIds, ...userIds]),
    '[dictionaries.enterprise-ids]',
    values(enterpriseIds),
    '[dictionaries.user-ids]',
    values(userIds),
    '[dictionaries.policy-codes]',
    values(policyCodes),
    '[dictionaries.item-codes]',
    values(itemCodes),
    '',
    '[parameters]',
    '"path.caseId" = { dictionary = "case-ids", probability = 0.5 }',
    '"path.id" = { dictionary = "ids", probability = 0.5 }',
    '"path.code" = { dictionary = "policy-codes", probability = 0.5 }',
    '"path.policyCode" = { dictionary = "policy-codes", probability = 0.5 }',
    '"query.policyCode" = { dictionary = "policy-codes", probability = 0.5 }',
    '"body.policyCode" = { dictionary = "policy-codes", probability = 0.5 }',
    '"body.item" = { dictionary = "item-codes", probability = 0.5 }',
    '"query.enterpriseId" = { dictionary = "enterprise-ids", probability = 0.5 }',
    '"body.enterpriseId" = { dictionary = "enterprise-ids", probability = 0.5 }',
    '"body.assigneeId" = { dictionary = "user-ids", probability = 0.5 }',
    '',
  ].join('\n');
  writeFileSync(outConfig, readFileSync(committedConfig, 'utf8') + tail);
  const identities = [...new Set([...passUsers, ...PEERS])];
  writeFileSync(outWfc, JSON.stringify({ schemaVersion: '0.2.0', auth: identities.map((u) => wfcEntry(u, password)) }, null, 2), { mode: 0o600 });
  process.stdout.write(`seed data: cases ${caseIds.join(', ')}; ${enterpriseIds.length} enterprises, ${userIds.length} users, ${policyCodes.length} measures, ${itemCodes.length} items\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`seed data failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
