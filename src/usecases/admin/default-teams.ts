import type { Tier } from '../../domain/ticket.js';
import { insertAudit } from '../../store/audit.js';
import { claimOnce } from '../../store/settings.js';
import { insertTeam, listTeams } from '../../store/teams.js';
import type { Deps } from '../deps.js';

/** The teams a new help desk starts with: the three support tiers and the two usual specialist teams. */
export const DEFAULT_TEAMS = {
  l1: { name: 'Service desk L1', description: 'Centre de services, niveau 1 : accueil, diagnostic et résolution immédiate.', tier: 'L1' },
  apps: { name: 'Applications L2', description: 'Niveau 2 applications métier : ERP, paie, dossier patient, messagerie.', tier: 'L2' },
  eng: { name: 'Engineering L3', description: 'Niveau 3 : experts systèmes et réseau, correctifs et incidents majeurs.', tier: 'L3' },
  // Specialist teams sit outside the L1 → L2 → L3 ladder: tickets are transferred to them, not escalated.
  network: { name: 'Network', description: 'Réseau local, Wi-Fi, VPN, téléphonie IP.', tier: null },
  infra: { name: 'Infrastructure', description: 'Serveurs, stockage, sauvegardes, postes de travail et parc matériel.', tier: null },
} as const satisfies Record<string, { name: string; description: string; tier: Tier | null }>;

const CLAIM_KEY = 'bootstrap.default_teams';

/**
 * Creates the default teams the first time a database is started, unless it already has teams (a restored or
 * demo database). Runs once per database: teams an administrator later renames or deletes are left alone.
 * Returns how many teams were created.
 */
export async function ensureDefaultTeams(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    if (!(await claimOnce(sql, CLAIM_KEY, now))) return 0;
    if ((await listTeams(sql)).length > 0) return 0;
    for (const t of Object.values(DEFAULT_TEAMS)) {
      const team = await insertTeam(sql, { id: deps.newId(), name: t.name, description: t.description, tier: t.tier, createdAt: now });
      await insertAudit(sql, {
        id: deps.newId(), at: now, actorKind: 'system', actorId: null, action: 'team.created',
        targetKind: 'team', targetId: team.id, data: { name: team.name, tier: team.tier, reason: 'default teams of a new help desk' },
      });
    }
    return Object.keys(DEFAULT_TEAMS).length;
  });
}
