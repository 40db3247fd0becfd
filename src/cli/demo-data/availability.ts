/**
 * Who is at work when the demo opens: most agents online with a capacity by level, one away, one offline, one
 * on leave for the week with a delegate, and one with personal working hours. Set after the history is
 * played (which happened with everybody offline, assignments made by hand), so that tickets created in the demo
 * are routed to someone available at once.
 */
import type { WorkingHours } from '../../domain/routing/availability.js';
import type { Sql } from '../../store/db.js';
import { updateAgentAvailability } from '../../store/agent-availability.js';
import { AGENTS, type DemoAgent } from './directory.js';
import type { DemoIds } from './play.js';

const CAPACITY = { L1: 12, L2: 8, L3: 6 } as const;
const weekdays = (start: string, end: string): WorkingHours =>
  ({ 1: [{ start, end }], 2: [{ start, end }], 3: [{ start, end }], 4: [{ start, end }], 5: [{ start, end }], 6: [], 7: [] });

export async function seedDemoAvailability(sql: Sql, ids: DemoIds, now: Date): Promise<void> {
  const id = (name: string) => ids.agents.get(AGENTS.find((a) => a.name === name)!.key)!.id;
  for (const a of AGENTS as readonly DemoAgent[]) {
    const status = a.name === 'Hugo Lefèvre' ? 'offline' : a.name === 'Camille Roux' ? 'away' : 'online';
    await updateAgentAvailability(sql, id(a.name), {
      status, capacity: CAPACITY[a.tier],
      ...(a.name === 'Emma Wilson' ? { workingHours: weekdays('08:00', '16:30') } : {}),
    }, now);
  }
  // Sophie Lambert is on leave this week; Mathieu Chevalier takes her tickets.
  const week = 7 * 86_400_000;
  await updateAgentAvailability(sql, id('Sophie Lambert'), {
    outOfOffice: { from: new Date(now.getTime() - 86_400_000), until: new Date(now.getTime() + week), delegateId: id('Mathieu Chevalier') },
  }, now);
}
