import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateSkillBody, SkillAgentsJson, SkillJson, SkillList, UpdateSkillBody } from '../../../../../../src/http/schemas/skills.js';
import { api } from '../../../../shared/api/client';

/** Wire types of /skills, inferred from the server's schemas. */
export type Skill = z.infer<typeof SkillJson>;
export type SkillKind = Skill['kind'];
export type SkillBody = z.input<typeof CreateSkillBody>;
export type SkillPatch = z.input<typeof UpdateSkillBody>;
export type SkillHolder = z.infer<typeof SkillAgentsJson>['data'][number];

export const SKILL_KINDS = ['domain', 'brand'] as const satisfies readonly SkillKind[];

export const skillKeys = {
  list: (kind: SkillKind | null) => ['admin', 'skills', { kind }] as const,
  /** The whole catalogue, for pickers (the agent form). */
  catalogue: ['lookups', 'skills'] as const,
  holders: (id: string) => ['admin', 'skills', id, 'agents'] as const,
};

type List = z.infer<typeof SkillList>;

/**
 * Skill names appear on agents (admin list, agent form) and in pickers: a change to the catalogue refreshes them,
 * and the audit log that records it.
 */
const CHANGED: QueryKey[] = [['admin', 'skills'], skillKeys.catalogue, ['admin', 'agents'], ['admin', 'audit-log']];

function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all(CHANGED.map((queryKey) => qc.invalidateQueries({ queryKey })));
}

export function useSkills(kind: SkillKind | null) {
  return useQuery({
    queryKey: skillKeys.list(kind),
    queryFn: () => api.get<List>('/skills', { kind: kind ?? undefined }).then((r) => r.data),
  });
}

/** Every skill, active or not (an agent may hold one that was deactivated since). */
export function useSkillCatalogue() {
  return useQuery({ queryKey: skillKeys.catalogue, queryFn: () => api.get<List>('/skills').then((r) => r.data) });
}

/** The agents holding a skill, experts first ("who knows Cisco?"). */
export function useSkillHolders(id: string) {
  return useQuery({
    queryKey: skillKeys.holders(id),
    queryFn: () => api.get<z.infer<typeof SkillAgentsJson>>(`/skills/${id}/agents`).then((r) => r.data),
  });
}

export function useCreateSkill() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: SkillBody) => api.post<Skill>('/skills', body), onSuccess: invalidate });
}

export function useUpdateSkill() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SkillPatch }) => api.patch<Skill>(`/skills/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteSkill() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.delete(`/skills/${id}`), onSuccess: invalidate });
}
