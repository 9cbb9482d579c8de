// Reference data (always) and demo data (embedded mode unless DEMO_SEED=false; never in
// production entries). Idempotent: a second run changes nothing and keeps changed passwords.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Repositories } from '../infra/db/repositories';
import { localDateOf, ZCalendarFile, validateCalendarYear } from '../domain/calendar';
import { hashPassword } from '../api/auth/password';
import { DEPARTMENTS } from '../domain/departments';
import { defaultCatalogue } from '../domain/policy';
import type { TRole } from '../domain/roles';
import { restate, ZProfileStatements } from '../domain/enterprise-profile';

/**
 * The two demo enterprises with profiles that give each likely matches on the first start
 * (titles, a listing and OEM outputs of the current year for ent1; a logistics enterprise first
 * counted above-scale for ent2). `year`: the year the profile's "this year" facts are of.
 */
export function demoEnterprises(year: number) {
  return [
    {
      creditCode: '91220400MA0Y8K2L3Y',
      name: '辽源示范机械制造有限公司',
      industry: 'C34 通用设备制造业',
      aboveScale: true,
      profile: {
        annualRevenueFen: 12_000_000_000,
        employees: 240,
        oemSupplier: true,
        industryCode: 'C34',
        region: '220402',
        foundedOn: '2008-05-16',
        aboveScaleSince: '2015-01-01',
        titles: [{ level: 'provincial' as const, name: '吉林省专精特新中小企业', grantedYear: year, kind: 'industry-it' as const }],
        listings: ['neeq' as const],
        oemOutputs: [{ year, oem: '一汽集团', outputFen: 6_500_000_000 }],
      },
      username: 'ent1',
    },
    {
      creditCode: '91220402MA14R7N567',
      name: '辽源示范物流有限公司',
      industry: 'G54 道路运输业',
      aboveScale: true,
      profile: {
        annualRevenueFen: 2_500_000_000,
        employees: 60,
        isLogistics: true,
        industryCode: 'G54',
        region: '220403',
        foundedOn: '2019-09-01',
        aboveScaleSince: `${year}-01-01`,
        firstTimeAboveScale: true,
        stableOperationMonths: 30,
      },
      username: 'ent2',
    },
  ];
}

/** The demo enterprises as of the current year (Asia/Shanghai). */
export const DEMO_ENTERPRISES = demoEnterprises(Number(localDateOf(new Date()).slice(0, 4)));

export interface SeedSummary {
  departments: number;
  demoUsers: string[];
}

export async function seedReferenceData(repos: Repositories): Promise<void> {
  await repos.departments.syncReferenceData();
  await seedCatalogue(repos);
  await seedBundledCalendar(repos);
}

/** The official notices shipped with the system (prisma/data, copied from shared/data with their sources). */
export async function seedBundledCalendar(repos: Repositories): Promise<void> {
  const file = ZCalendarFile.parse(JSON.parse(readFileSync(path.join(__dirname, 'data', 'cn-calendar-2025-2026.json'), 'utf8')));
  for (const [key, raw] of Object.entries(file.years)) {
    const year = Number(key);
    await repos.calendar.insertBundledIfMissing(year, validateCalendarYear(year, raw), new Date());
  }
}

/** Catalogue version 1 from the code (defaultCatalogue()); an existing version 1 is left alone. */
export async function seedCatalogue(repos: Repositories): Promise<void> {
  await repos.catalogue.writeVersion(defaultCatalogue(), { note: 'Version 1: the 46 measures as adopted', publishedBy: null, publishedAt: new Date() }, { ifAbsent: true });
}

/** Production's first administrator; nothing happens when `admin` exists already. */
export async function bootstrapAdmin(repos: Repositories, password: string): Promise<boolean> {
  if (await repos.users.findByUsername('admin')) return false;
  await repos.users.upsertByUsername({
    username: 'admin',
    displayName: '系统管理员 Administrator',
    passwordHash: await hashPassword(password),
    role: 'admin',
    departmentCode: null,
    enterpriseId: null,
  });
  return true;
}

/**
 * Demo accounts, enterprises and a buyer. A demo enterprise whose profile nobody has stated yet
 * (no statements) gets the demo profile, stated by the seed; one stated through the API is kept.
 */
export async function seedDemoData(repos: Repositories, demoPassword: string, opts: { year?: number } = {}): Promise<SeedSummary> {
  const enterprises = opts.year === undefined ? DEMO_ENTERPRISES : demoEnterprises(opts.year);
  const passwordHash = await hashPassword(demoPassword);
  const users: Array<{ username: string; displayName: string; role: TRole; departmentCode: (typeof DEPARTMENTS)[number]['code'] | null; enterpriseId: string | null }> = [
    { username: 'admin', displayName: '系统管理员 Administrator', role: 'admin', departmentCode: null, enterpriseId: null },
    { username: 'supervisor', displayName: '工信局督办 GXJ supervision', role: 'supervisor', departmentCode: 'GXJ', enterpriseId: null },
    { username: 'auditor', displayName: '审计员 Auditor', role: 'auditor', departmentCode: null, enterpriseId: null },
    { username: 'agent1', displayName: '代办员一 Proxy agent 1', role: 'agent', departmentCode: 'GXJ', enterpriseId: null },
    { username: 'agent2', displayName: '代办员二 Proxy agent 2', role: 'agent', departmentCode: 'GXJ', enterpriseId: null },
    { username: 'buyer1', displayName: '市机关事务管理局 采购 Buyer (government department)', role: 'buyer', departmentCode: null, enterpriseId: null },
  ];
  for (const d of DEPARTMENTS) {
    const lower = d.code.toLowerCase();
    users.push({ username: `${lower}.reviewer`, displayName: `${d.nameZh}审核员 reviewer`, role: 'reviewer', departmentCode: d.code, enterpriseId: null });
    users.push({ username: `${lower}.head`, displayName: `${d.nameZh}负责人 head`, role: 'dept_head', departmentCode: d.code, enterpriseId: null });
  }
  for (const { username, ...e } of enterprises) {
    let stored = await repos.enterprises.upsertByCreditCode({ ...e, profile: { ...e.profile } });
    if (Object.keys(ZProfileStatements.parse(stored.profileStatements)).length === 0) {
      const at = new Date().toISOString();
      const facts: Record<string, unknown> = { ...e.profile, aboveScale: e.aboveScale };
      const statements = restate({}, {}, facts, { username: 'seed', role: 'admin' }, at);
      stored = await repos.enterprises.updateProfile(stored.id, { profile: e.profile, statements, aboveScale: e.aboveScale });
    }
    users.push({ username, displayName: `${e.name} 用户`, role: 'enterprise', departmentCode: null, enterpriseId: stored.id });
  }
  for (const u of users) await repos.users.upsertByUsername({ ...u, passwordHash });
  await seedDemoPlatform(repos);
  return { departments: DEPARTMENTS.length, demoUsers: users.map((u) => u.username) };
}

/** The demo buyer's categories and one idle asset in the ledger, when there are none yet. */
async function seedDemoPlatform(repos: Repositories): Promise<void> {
  const buyer = await repos.users.findByUsername('buyer1');
  if (buyer && (await repos.productCatalogue.subscriptionsOf(buyer.id)).length === 0) await repos.productCatalogue.setSubscriptions(buyer.id, ['通用设备']);
  if ((await repos.idleAssets.list({ limit: 1, offset: 0 })).length === 0) {
    await repos.idleAssets.register(
      { kind: 'plant', name: '原辽源纺织厂2号厂房', location: '辽源市龙山区工业路18号', areaM2: 6_000, capacity: null, holder: '辽源市国有资产经营有限公司', holderEnterpriseId: null, status: 'idle' },
      'seed',
      new Date(),
      'demo entry',
    );
  }
}
