// Reference data (always) and demo data (embedded mode unless DEMO_SEED=false; never in
// production entries). Idempotent: a second run changes nothing and keeps changed passwords.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Repositories } from '../infra/db/repositories';
import { ZCalendarFile, validateCalendarYear } from '../domain/calendar';
import { hashPassword } from '../api/auth/password';
import { DEPARTMENTS } from '../domain/departments';
import { defaultCatalogue } from '../domain/policy';
import type { TRole } from '../domain/roles';

export const DEMO_ENTERPRISES = [
  {
    creditCode: '91220400MA0Y8K2L3Y',
    name: '辽源示范机械制造有限公司',
    industry: 'C34 通用设备制造业',
    aboveScale: true,
    profile: { annualRevenueFen: 12_000_000_000, employees: 240, oemSupplier: true },
    username: 'ent1',
  },
  {
    creditCode: '91220402MA14R7N567',
    name: '辽源示范物流有限公司',
    industry: 'G54 道路运输业',
    aboveScale: false,
    profile: { annualRevenueFen: 2_500_000_000, employees: 60, isLogistics: true },
    username: 'ent2',
  },
] as const;

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

export async function seedDemoData(repos: Repositories, demoPassword: string): Promise<SeedSummary> {
  const passwordHash = await hashPassword(demoPassword);
  const users: Array<{ username: string; displayName: string; role: TRole; departmentCode: (typeof DEPARTMENTS)[number]['code'] | null; enterpriseId: string | null }> = [
    { username: 'admin', displayName: '系统管理员 Administrator', role: 'admin', departmentCode: null, enterpriseId: null },
    { username: 'supervisor', displayName: '工信局督办 GXJ supervision', role: 'supervisor', departmentCode: 'GXJ', enterpriseId: null },
    { username: 'auditor', displayName: '审计员 Auditor', role: 'auditor', departmentCode: null, enterpriseId: null },
    { username: 'agent1', displayName: '代办员一 Proxy agent 1', role: 'agent', departmentCode: 'GXJ', enterpriseId: null },
    { username: 'agent2', displayName: '代办员二 Proxy agent 2', role: 'agent', departmentCode: 'GXJ', enterpriseId: null },
  ];
  for (const d of DEPARTMENTS) {
    const lower = d.code.toLowerCase();
    users.push({ username: `${lower}.reviewer`, displayName: `${d.nameZh}审核员 reviewer`, role: 'reviewer', departmentCode: d.code, enterpriseId: null });
    users.push({ username: `${lower}.head`, displayName: `${d.nameZh}负责人 head`, role: 'dept_head', departmentCode: d.code, enterpriseId: null });
  }
  for (const { username, ...e } of DEMO_ENTERPRISES) {
    const stored = await repos.enterprises.upsertByCreditCode({ ...e, profile: { ...e.profile } });
    users.push({ username, displayName: `${e.name} 用户`, role: 'enterprise', departmentCode: null, enterpriseId: stored.id });
  }
  for (const u of users) await repos.users.upsertByUsername({ ...u, passwordHash });
  return { departments: DEPARTMENTS.length, demoUsers: users.map((u) => u.username) };
}
