/**
 * The demo data set: a French/English service desk with five teams, sixteen agents, a hundred requesters in six
 * organizations and five hundred tickets over the past eight weeks, each with its timeline. Everything goes
 * through the use cases (accounts, teams, categories, tickets, replies…), so the demo shows what the product
 * really writes. Deterministic: a seeded PRNG picks the content; dates are relative to now.
 */
import type { Config } from '../config/config.js';
import { DomainError } from '../domain/errors.js';
import type { AgentPrincipal, RequesterPrincipal } from '../domain/principal.js';
import { hashPassword } from '../security/passwords.js';
import { tablesWithRows } from '../store/backup-catalog.js';
import { listSkills } from '../store/skills.js';
import type { Database, Sql } from '../store/db.js';
import { createCategory } from '../usecases/admin/create-category.js';
import { createTeam } from '../usecases/admin/create-team.js';
import { seedDemoAvailability } from './demo-data/availability.js';
import { ensureDefaultCalendar } from '../usecases/calendars/default-calendar.js';
import { makeDeps, type Deps } from '../usecases/deps.js';
import { ensureDefaultSkills } from '../usecases/skills/default-skills.js';
import { createAgent } from '../usecases/directory/create-agent.js';
import { createOrganization } from '../usecases/directory/create-organization.js';
import { createRequester } from '../usecases/directory/create-requester.js';
import { updateAgentProfile } from '../usecases/directory/update-agent.js';
import { seedDemoAutomations } from './demo-data/automations.js';
import { AGENTS, agentEmail, CATEGORIES, DEMO_PASSWORD, ORGANIZATIONS, TEAMS, type TeamKey } from './demo-data/directory.js';
import { seedDemoMacros } from './demo-data/macros.js';
import { seedDemoRouting } from './demo-data/routing.js';
import { seedDemoSla } from './demo-data/sla.js';
import { demoSkillRefs } from './demo-data/skills.js';
import { planRequesters, type PlannedRequester } from './demo-data/people.js';
import { planDemo } from './demo-data/plan.js';
import { DemoClock, playEvents, type DemoIds } from './demo-data/play.js';
import { Prng } from './demo-data/prng.js';
import { APP_SCENARIOS } from './demo-data/scenarios-apps.js';
import { IT_SCENARIOS } from './demo-data/scenarios-it.js';
import { describeTarget, openConfigured } from './runtime.js';

export const DEMO_SEED = 20260302;
export const DEMO_TICKETS = 500;

/** Tables that must be empty for the demo data to load: it brings its own people, teams and categories. */
const DEMO_TABLES = ['agents', 'requesters', 'organizations', 'teams', 'categories', 'tickets'];

export interface SeedDemoResult {
  seeded: boolean;
  /** Why nothing was loaded. */
  reason?: string;
  tickets?: number;
  /** The accounts to try, for the message printed at the end. */
  signIns?: Array<{ who: string; email: string; password: string }>;
}

export interface SeedDemoOptions {
  /** Where the message goes (stdout by default; tests collect it). */
  print?: (text: string) => void;
  tickets?: number;
}

/** Loads the demo data set when the database has no agent yet (first start of `serve --demo`). */
export async function seedDemoIfEmpty(deps: Deps, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const print = opts.print ?? ((t: string) => process.stdout.write(`${t}\n`));
  const full = await tablesWithRows(deps.db, DEMO_TABLES);
  if (full.includes('agents')) return { seeded: false, reason: 'The database already has agents.' };
  if (full.length) {
    const reason = `Demo data not loaded: the database already has ${full.join(', ')}.`;
    print(reason);
    return { seeded: false, reason };
  }
  const result = await seedDemo(deps, opts.tickets ?? DEMO_TICKETS);
  print(signInMessage(result));
  return result;
}

/** `relais seed-demo`: refuses a database that already has data rather than mixing demo and real records. */
export async function seedDemoCommand(configured?: Config): Promise<void> {
  const { config, db } = await openConfigured(configured);
  try {
    const full = await tablesWithRows(db, DEMO_TABLES);
    if (full.length) {
      throw new DomainError('CONFLICT', `The ${describeTarget(config)} already has data (${full.join(', ')}): demo data only loads into an empty database.`);
    }
    const started = Date.now();
    const result = await seedDemo(makeDeps(db), DEMO_TICKETS);
    process.stdout.write(`Demo data loaded into the ${describeTarget(config)} in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    process.stdout.write(`${signInMessage(result)}\n`);
  } finally {
    await db.close();
  }
}

/**
 * All of it in one transaction: the demo loads completely or not at all, and thousands of use-case calls share
 * one commit instead of paying one each (seconds instead of a minute on the embedded engine).
 */
async function seedDemo(base: Deps, ticketCount: number): Promise<SeedDemoResult> {
  const now = base.clock.now();
  const clock = new DemoClock(new Date(now.getTime() - 60 * 86_400_000));
  const rng = new Prng(DEMO_SEED);
  const requesters = planRequesters(rng);
  const plan = planDemo(rng, now, requesters, [...IT_SCENARIOS, ...APP_SCENARIOS], ticketCount);
  await base.db.tx(async (sql) => {
    // Nothing is committed before the end, so nothing is announced to listeners (realtime) either.
    const deps: Deps = { db: withinTransaction(base.db, sql), clock, newId: base.newId };
    const ids = await createDirectory(deps, requesters);
    await seedDemoMacros(deps, ids.agents.get(AGENTS[0]!.key)!);
    // The calendar a new help desk starts with, as `serve` would create it: SLA deadlines run in its hours.
    await ensureDefaultCalendar(deps);
    await seedDemoSla(deps, ids.agents.get(AGENTS[0]!.key)!, ids);
    await playEvents(deps, clock, plan, ids);
    await seedDemoRouting(deps, ids.agents.get(AGENTS[0]!.key)!, ids);
    await seedDemoAvailability(sql, ids, now);
    await seedDemoAutomations(deps, sql, ids.agents.get(AGENTS[0]!.key)!);
  });
  const [admin, manager, l1] = [AGENTS[0]!, AGENTS.find((a) => a.role === 'manager')!, AGENTS.find((a) => a.tier === 'L1')!];
  const portal = requesters.find((r) => r.portal && r.org === ORGANIZATIONS[0]!.key)!;
  return {
    seeded: true,
    tickets: plan.tickets.length,
    signIns: [
      { who: `Administrator (${admin.name})`, email: agentEmail(admin), password: DEMO_PASSWORD },
      { who: `Support manager (${manager.name})`, email: agentEmail(manager), password: DEMO_PASSWORD },
      { who: `L1 agent (${l1.name})`, email: agentEmail(l1), password: DEMO_PASSWORD },
      { who: `Requester (${portal.name}, ${ORGANIZATIONS[0]!.name})`, email: portal.email, password: DEMO_PASSWORD },
    ],
  };
}

/** Teams, agents, organizations, categories and requesters, through the admin use cases. */
async function createDirectory(deps: Deps, requesters: readonly PlannedRequester[]): Promise<DemoIds> {
  // Every demo account shares one password: hash it once (scrypt is deliberately slow).
  const demoHash = await hashPassword(DEMO_PASSWORD);
  const first = AGENTS[0]!;
  // The catalogue a new help desk starts with, as `serve` would create it: demo agents hold skills from it.
  await ensureDefaultSkills(deps);
  const skillIds = new Map((await listSkills(deps.db)).map((s) => [s.name_en, s.id]));
  const adminRow = await createAgent(deps, 'cli', {
    name: first.name, email: agentEmail(first), passwordHash: demoHash, role: 'admin', tier: first.tier, language: first.language,
    skills: demoSkillRefs(first.name, skillIds),
  });
  const admin: AgentPrincipal = { kind: 'agent', id: adminRow.id, role: 'admin', teamIds: [], scopes: null, via: 'session' };
  const teams = new Map<TeamKey, string>();
  for (const [key, t] of Object.entries(TEAMS) as Array<[TeamKey, (typeof TEAMS)[TeamKey]]>) {
    teams.set(key, (await createTeam(deps, admin, { name: t.name, description: t.description, tier: t.tier })).id);
  }
  // The administrator was created before the teams existed: join them now.
  await updateAgentProfile(deps, admin, adminRow.id, { teamIds: first.teams.map((k) => teams.get(k)!) }, { sessionId: null, ip: null });
  const agents = new Map<string, AgentPrincipal>();
  for (const a of AGENTS) {
    const teamIds = a.teams.map((k) => teams.get(k)!);
    const id = a === first
      ? adminRow.id
      : (await createAgent(deps, admin, {
        name: a.name, email: agentEmail(a), passwordHash: demoHash, role: a.role, tier: a.tier, language: a.language, teamIds,
        skills: demoSkillRefs(a.name, skillIds),
      })).id;
    agents.set(a.key, { kind: 'agent', id, role: a.role, teamIds, scopes: null, via: 'session' });
  }
  const orgs = new Map<string, string>();
  for (const o of ORGANIZATIONS) {
    orgs.set(o.key, (await createOrganization(deps, admin, { name: o.name, domain: o.domain, requestersSeeOrgTickets: o.shares })).id);
  }
  const categories = new Map<string, string>();
  for (const c of CATEGORIES) {
    const parent = c.key.includes('/') ? categories.get(c.key.slice(0, c.key.lastIndexOf('/'))) : null;
    categories.set(c.key, (await createCategory(deps, admin, { nameFr: c.fr, nameEn: c.en, parentId: parent ?? null })).id);
  }
  const principals: RequesterPrincipal[] = [];
  for (const r of requesters) {
    const organizationId = r.org ? orgs.get(r.org)! : null;
    const row = await createRequester(deps, admin, {
      name: r.name,
      email: r.email,
      ...(r.portal ? { passwordHash: demoHash } : {}),
      phones: r.phone ? [r.phone] : [],
      organizationId,
      language: r.language,
      timeZone: r.language === 'en' ? 'Europe/London' : 'Europe/Paris',
    });
    const shares = ORGANIZATIONS.find((o) => o.key === r.org)?.shares ?? false;
    principals.push({ kind: 'requester', id: row.requester.id, organizationId, seesOrganizationTickets: shares, via: 'session' });
  }
  return { agents, requesters: principals, teams, categories };
}

/** A Database whose transactions are steps of the caller's one: each use case's tx runs on `sql`. */
function withinTransaction(db: Database, sql: Sql): Database {
  return {
    engine: db.engine,
    query: (text, params) => sql.query(text, params),
    one: (text, params) => sql.one(text, params),
    tx: (fn) => fn(sql),
    close: () => Promise.reject(new Error('The demo seeding transaction cannot close the database.')),
  };
}

function signInMessage(r: SeedDemoResult): string {
  const rows = (r.signIns ?? []).map((s) => `  ${s.who.padEnd(52)} ${s.email.padEnd(44)} ${s.password}`);
  return [`\nDemo data loaded: ${r.tickets} tickets over the past 8 weeks. Sign in with:`, ...rows, ''].join('\n');
}
