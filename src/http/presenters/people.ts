import type { z } from 'zod';
import type { AgentRow } from '../../store/agents.js';
import type { OrganizationRow } from '../../store/organizations.js';
import type { RequesterDetail } from '../../usecases/directory/get-requester.js';
import { presentAvailabilitySummary } from './availability.js';
import type { AgentJson, OrganizationJson, RequesterJson } from '../schemas/directory.js';

export function presentRequester({ requester: r, identities }: RequesterDetail): z.infer<typeof RequesterJson> {
  return {
    id: r.id,
    name: r.name,
    email: identities.find((i) => i.kind === 'email' && i.is_primary)?.value ?? identities.find((i) => i.kind === 'email')?.value ?? null,
    organization: r.organization_id ? { id: r.organization_id, name: r.organization_name ?? '' } : null,
    language: r.language,
    time_zone: r.time_zone,
    portal_access: r.password_hash !== null,
    identities: identities.map((i) => ({ id: i.id, kind: i.kind, value: i.value, primary: i.is_primary })),
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  };
}

export function presentOrganization(o: OrganizationRow): z.infer<typeof OrganizationJson> {
  return {
    id: o.id,
    name: o.name,
    domain: o.domain,
    requesters_see_org_tickets: o.requesters_see_org_tickets,
    requester_count: o.requester_count,
    created_at: o.created_at.toISOString(),
    updated_at: o.updated_at.toISOString(),
  };
}

/** `now`: the instant availability is read at (on shift, out of office). */
export function presentAgent(a: AgentRow, now: Date): z.infer<typeof AgentJson> {
  return {
    id: a.id,
    name: a.name,
    email: a.email,
    role: a.role,
    tier: a.tier,
    language: a.language,
    time_zone: a.time_zone,
    active: a.active,
    team_ids: a.team_ids,
    skills: a.skills,
    availability: presentAvailabilitySummary(a, now),
    created_at: a.created_at.toISOString(),
    updated_at: a.updated_at.toISOString(),
  };
}
