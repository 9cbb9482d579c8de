// What the run needs before the first application, made through the API as an administrator
// would: accounts for a GXJ reviewer and an auditor, the enterprises with their users and bank
// accounts, and the year's M09 budget. The production entry seeds no demo accounts; only the
// administrator comes from BOOTSTRAP_ADMIN_PASSWORD.
import { randomBytes } from 'node:crypto';
import { expectedCheckCharacter } from '../../domain/credit-code';
import { ZBankAccountAnswer, ZBudgetPut, ZEnterpriseAnswer, ZLoginAnswer, ZUserAnswer } from './api-schemas';
import type { ApiClient } from './http';

export interface ChaosEnterprise {
  id: string;
  name: string;
  token: string;
  user: { userId: string; username: string };
}

export interface ChaosActors {
  admin: string;
  reviewer: string;
  auditor: string;
  enterprises: ChaosEnterprise[];
}

/** A valid 统一社会信用代码 (GB 32100-2015) for the i-th chaos enterprise of this run. */
function creditCode(runTag: string, i: number): string {
  const first17 = `91220400MA${runTag}${String(i).padStart(3, '0')}`.slice(0, 17);
  const check = expectedCheckCharacter(first17);
  if (!check) throw new Error(`cannot build a credit code from ${first17}`);
  return first17 + check;
}

export async function login(api: ApiClient, username: string, password: string) {
  const { body } = await api.call({ op: 'login', method: 'POST', path: '/api/v1/auth/login', route: '/api/v1/auth/login', body: { username, password }, expect: [200], schema: ZLoginAnswer });
  return body;
}

export async function setUpActors(api: ApiClient, o: { adminPassword: string; enterprises: number; budgetYear: number; budgetFen: number }): Promise<ChaosActors> {
  const admin = (await login(api, 'admin', o.adminPassword)).token;
  const password = randomBytes(12).toString('base64url');
  // Four characters of the credit code's organisation part tell this run's enterprises apart.
  const runTag = Array.from(randomBytes(4), (b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'.charAt(b % 31)).join('');

  const createUser = (username: string, role: string, extra: { departmentCode?: string; enterpriseId?: string }) =>
    api.call({
      op: 'setup',
      method: 'POST',
      path: '/api/v1/users',
      route: '/api/v1/users',
      token: admin,
      body: { username, displayName: `混沌测试 ${username}`, password, role, ...extra },
      expect: [201],
      schema: ZUserAnswer,
    });
  await createUser('chaos.gxj.reviewer', 'reviewer', { departmentCode: 'GXJ' });
  await createUser('chaos.auditor', 'auditor', {});
  const reviewer = (await login(api, 'chaos.gxj.reviewer', password)).token;
  const auditor = (await login(api, 'chaos.auditor', password)).token;

  const enterprises: ChaosEnterprise[] = [];
  for (let i = 1; i <= o.enterprises; i++) {
    const name = `辽源混沌测试第${i}机械有限公司`;
    const { body: ent } = await api.call({
      op: 'setup',
      method: 'POST',
      path: '/api/v1/enterprises',
      route: '/api/v1/enterprises',
      token: admin,
      body: { creditCode: creditCode(runTag, i), name, industry: 'C34 通用设备制造业', aboveScale: true, profile: { employees: 50 + i } },
      expect: [201],
      schema: ZEnterpriseAnswer,
    });
    const username = `chaos.ent${i}`;
    await createUser(username, 'enterprise', { enterpriseId: ent.id });
    const session = await login(api, username, password);
    // The enterprise's own user sets the account awards are paid into.
    await api.call({
      op: 'setup',
      method: 'PUT',
      path: `/api/v1/enterprises/${ent.id}/bank-account`,
      route: '/api/v1/enterprises/:id/bank-account',
      token: session.token,
      body: { accountName: name, accountNo: `62220200${String(100000000 + i)}`, bankName: '中国工商银行辽源分行' },
      expect: [200],
      schema: ZBankAccountAnswer,
    });
    enterprises.push({ id: ent.id, name, token: session.token, user: { userId: session.user.id, username } });
  }

  await api.call({
    op: 'setup',
    method: 'PUT',
    path: `/api/v1/budgets/${o.budgetYear}/M09`,
    route: '/api/v1/budgets/:year/:policyCode',
    token: admin,
    body: { amountFen: o.budgetFen },
    expect: [200],
    schema: ZBudgetPut,
  });
  return { admin, reviewer, auditor, enterprises };
}
