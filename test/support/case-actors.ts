// The demo accounts a workflow test acts as, looked up once per file in its seeded database.
import type { TestDatabase } from './db';
import type { ActorRef } from '../../workflows/sla/messages';

export async function actorsOf(tdb: TestDatabase, usernames: readonly string[]): Promise<{ actors: Record<string, ActorRef>; enterpriseOf: Record<string, string> }> {
  const actors: Record<string, ActorRef> = {};
  const enterpriseOf: Record<string, string> = {};
  for (const username of usernames) {
    const u = await tdb.repos.users.findByUsername(username);
    if (!u) throw new Error(`no demo account ${username}`);
    actors[username] = { userId: u.id, username: u.username, role: u.role, departmentCode: u.departmentCode };
    if (u.enterpriseId) enterpriseOf[username] = u.enterpriseId;
  }
  return { actors, enterpriseOf };
}
