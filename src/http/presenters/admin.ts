import type { z } from 'zod';
import type { Tier } from '../../domain/ticket.js';
import type { AuditRow } from '../../store/audit.js';
import type { TeamRow } from '../../store/teams.js';
import type { TokenRow } from '../../store/tokens.js';
import type { TeamDetail } from '../../usecases/admin/get-team.js';
import type { CategoryView } from '../../usecases/admin/list-categories.js';
import type { AuditEntryJson, CategoryJson, TeamDetailJson, TeamJson, TokenJson } from '../schemas/admin.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Separator of category path names, as shown in pickers: Réseau › VPN. */
export const CATEGORY_SEPARATOR = ' › ';

export function presentTeam(t: TeamRow, memberCount: number): z.infer<typeof TeamJson> {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    member_count: memberCount,
    calendar_id: t.calendar_id,
    lead_id: t.lead_id,
    assignment_mode: t.assignment_mode,
    tier: t.tier,
    created_at: t.created_at.toISOString(),
    updated_at: t.updated_at.toISOString(),
  };
}

export function presentTeamDetail({ team, members }: TeamDetail): z.infer<typeof TeamDetailJson> {
  return {
    ...presentTeam(team, members.filter((m) => m.active).length),
    members: members.map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role, tier: m.tier as Tier, active: m.active })),
  };
}

export function presentCategory(c: CategoryView): z.infer<typeof CategoryJson> {
  return {
    id: c.id,
    parent_id: c.parent_id,
    name_fr: c.name_fr,
    name_en: c.name_en,
    depth: c.depth,
    path_names: c.pathNames,
    full_name: { fr: c.pathNames.fr.join(CATEGORY_SEPARATOR), en: c.pathNames.en.join(CATEGORY_SEPARATOR) },
    created_at: c.created_at.toISOString(),
  };
}

/** A token as listed: never its secret, nor its hash. */
export function presentToken(t: TokenRow, now: Date): z.infer<typeof TokenJson> {
  return {
    id: t.id,
    agent_id: t.agent_id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    active: t.revoked_at === null && (t.expires_at === null || t.expires_at > now),
    created_at: t.created_at.toISOString(),
    expires_at: iso(t.expires_at),
    last_used_at: iso(t.last_used_at),
    revoked_at: iso(t.revoked_at),
  };
}

export function presentAudit(e: AuditRow): z.infer<typeof AuditEntryJson> {
  return {
    id: e.id,
    seq: e.seq,
    at: e.at.toISOString(),
    actor_kind: e.actor_kind,
    actor_id: e.actor_id,
    action: e.action,
    target_kind: e.target_kind,
    target_id: e.target_id,
    ip: e.ip,
    data: e.data,
  };
}
