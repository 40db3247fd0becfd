import { describe, expect, it } from 'vitest';
import type { NamedSkill } from '../skills.js';
import { rankCandidates, type Candidate } from './ranking.js';

const T0 = new Date('2026-03-02T08:00:00Z');
const agent = (name: string, over: Partial<Candidate> = {}): Candidate => ({
  id: name.toLowerCase(), name, status: 'online', skills: [], openTickets: 0, capacity: 5, lastAssignedAt: null, onShift: true,
  shiftEndsAt: new Date('2026-03-02T17:00:00Z'), outOfOffice: false, timeZone: 'Europe/Paris', ...over,
});

describe('rankCandidates', () => {
  it('picks the competent available agent with the fewest open tickets, and says why, naming who was skipped', () => {
    const need: NamedSkill[] = [{ skill_id: 'cisco', name: 'Cisco', level: 3 }];
    const r = rankCandidates([
      agent('Camille Martin', { skills: [{ skill_id: 'cisco', name: 'Cisco', level: 3 }], openTickets: 2 }),
      agent('Luc', { skills: [{ skill_id: 'cisco', name: 'Cisco', level: 3 }], status: 'offline' }),
      agent('Inès', { skills: [{ skill_id: 'cisco', name: 'Cisco', level: 3 }], openTickets: 5 }),
      agent('Hugo', { skills: [{ skill_id: 'cisco', name: 'Cisco', level: 1 }] }),
      agent('Zoé', { skills: [{ skill_id: 'cisco', name: 'Cisco', level: 3 }], openTickets: 4 }),
    ], need);
    expect(r.chosen?.name).toBe('Camille Martin');
    expect(r.ranked.map((c) => c.name)).toEqual(['Camille Martin', 'Zoé']);
    expect(r.explanation).toBe(
      'assigned to Camille Martin: Cisco level 3, 2 open tickets, on shift until 18:00; skipped Inès (at capacity), Luc (offline), Hugo (missing skill: Cisco 3, has 1)');
  });

  it('breaks load ties by the longest since the last assignment (never assigned first), then by name', () => {
    const r = rankCandidates([
      agent('B', { lastAssignedAt: new Date(T0.getTime() - 60_000) }),
      agent('A', { lastAssignedAt: new Date(T0.getTime() - 3_600_000) }),
      agent('D'),
      agent('C'),
    ], []);
    expect(r.ranked.map((c) => c.name)).toEqual(['C', 'D', 'A', 'B']);
  });

  it('skips away, off-shift and out-of-office agents, and explains a wait when nobody qualifies', () => {
    const r = rankCandidates([
      agent('Away', { status: 'away' }), agent('Night', { onShift: false }), agent('Holiday', { outOfOffice: true }),
    ], [{ skill_id: 'linux', name: 'Linux', level: 2 }, { skill_id: 'sql', name: 'SQL', level: 1 }]);
    expect(r.chosen).toBeNull();
    expect(r.skipped.map((s) => s.reason)).toEqual(['missing_skill', 'missing_skill', 'missing_skill']);
    const free = rankCandidates([agent('Away', { status: 'away' }), agent('Night', { onShift: false }), agent('Holiday', { outOfOffice: true })], []);
    expect(free.skipped.map((s) => s.reason)).toEqual(['off_shift', 'away', 'out_of_office']);
    expect(free.explanation).toBe('no agent available; waiting in the team queue: Night (off shift), Away (away), Holiday (out of office)');
    expect(r.explanation).toContain('no agent available with Linux 2, SQL 1');
  });
});

const skill = (name: string, level: 1 | 2 | 3): NamedSkill => ({ skill_id: name, name, level });

/** A small deterministic generator (the simulation must be repeatable). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('fairness simulation: 1,000 tickets over 20 agents with mixed skills', () => {
  it('keeps each agent within 2 open tickets of the mean of those who can take the same work, and never lets a ticket wait while a qualified agent has room', () => {
    const r = lcg(42);
    const SKILLS = ['Cisco', 'HP', 'Windows', 'Linux'];
    const agents: Candidate[] = Array.from({ length: 20 }, (_, i) => agent(`Agent ${String(i).padStart(2, '0')}`, {
      capacity: 6,
      // Each agent knows two of the four domains, at levels 1–3.
      skills: [SKILLS[i % 4]!, SKILLS[(i + 1 + (i >> 2)) % 4]!].map((name, k) => ({ skill_id: name, name, level: (1 + ((i + k) % 3)) as 1 | 2 | 3 })),
    }));
    interface Open { agent: Candidate }
    const open: Open[] = [];
    const waiting: NamedSkill[][] = [];
    let clock = T0.getTime();
    const assign = (need: NamedSkill[]): boolean => {
      const res = rankCandidates(agents, need);
      if (!res.chosen) return false;
      res.chosen.openTickets++;
      res.chosen.lastAssignedAt = new Date((clock += 1000));
      open.push({ agent: res.chosen });
      return true;
    };
    let maxSpread = 0;
    for (let n = 0; n < 1000; n++) {
      // 60 % need nothing special, 40 % one skill at level 1–2.
      const need: NamedSkill[] = r() < 0.6 ? [] : [skill(SKILLS[Math.floor(r() * 4)]!, (1 + Math.floor(r() * 2)) as 1 | 2)];
      if (!assign(need)) waiting.push(need);
      // Work gets done: about as fast as it comes, so queues form and drain.
      while (open.length > 0 && r() < 0.5) {
        const [done] = open.splice(Math.floor(r() * open.length), 1);
        done!.agent.openTickets--;
        // A closed ticket frees room: the oldest waiting ticket someone can now take is assigned.
        const i = waiting.findIndex((w) => rankCandidates(agents, w).chosen !== null);
        if (i >= 0) assign(waiting.splice(i, 1)[0]!);
      }
      // No ticket waits while a qualified agent has room.
      for (const w of waiting) expect(rankCandidates(agents, w).chosen).toBeNull();
      // Agents who are not all full share the general work evenly: the spread of open loads stays small.
      const loads = agents.map((a) => a.openTickets);
      const mean = loads.reduce((x, y) => x + y, 0) / loads.length;
      maxSpread = Math.max(maxSpread, ...loads.map((l) => Math.abs(l - mean)));
    }
    expect(maxSpread).toBeLessThanOrEqual(2.5);
    expect(agents.every((a) => a.openTickets <= 6)).toBe(true);
  });
});

describe('long teams', () => {
  it('names the first few skipped agents, most telling first, and counts the rest by reason', () => {
    const team = [
      ...Array.from({ length: 10 }, (_, i) => agent(`Off ${i}`, { status: 'offline' })),
      ...Array.from({ length: 5 }, (_, i) => agent(`Full ${i}`, { openTickets: 5 })),
    ];
    const r = rankCandidates(team, []);
    expect(r.explanation).toBe('no agent available; waiting in the team queue: Full 0 (at capacity), Full 1 (at capacity), '
      + 'Full 2 (at capacity), Full 3 (at capacity), Full 4 (at capacity), Off 0 (offline), Off 1 (offline), Off 2 (offline), '
      + '7 more (7 offline)');
  });
});

describe('levels', () => {
  it('skips agents below the ticket level and says so', () => {
    const r = rankCandidates([agent('L1 agent', { tier: 'L1' }), agent('L2 agent', { tier: 'L2', openTickets: 3 })], [], { tier: 'L2' });
    expect(r.chosen?.name).toBe('L2 agent');
    expect(r.explanation).toContain('skipped L1 agent (level: L1, ticket at L2)');
  });
});
