import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateSlaPolicyBody, SlaPolicyJson, SlaPolicyList } from '../../../../../../src/http/schemas/sla.js';
import { api } from '../../../../shared/api/client';

/** Wire types of /sla-policies, inferred from the server's schemas. */
export type SlaPolicy = z.infer<typeof SlaPolicyJson>;
export type SlaPolicyBody = z.input<typeof CreateSlaPolicyBody>;
export type PolicyTargets = SlaPolicy['targets'];
export type PolicyConditions = SlaPolicy['conditions'];
export type PauseStatus = SlaPolicy['pause_statuses'][number];
export type EscalationMetric = SlaPolicy['escalations'][number]['metric'];

export const slaPolicyKeys = { list: ['admin', 'sla-policies'] as const };

type List = z.infer<typeof SlaPolicyList>;

function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all([qc.invalidateQueries({ queryKey: slaPolicyKeys.list }), qc.invalidateQueries({ queryKey: ['admin', 'audit-log'] })]);
}

export function useSlaPolicies() {
  return useQuery({ queryKey: slaPolicyKeys.list, queryFn: () => api.get<List>('/sla-policies').then((r) => r.data) });
}

export function useCreateSlaPolicy() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: SlaPolicyBody) => api.post<SlaPolicy>('/sla-policies', body), onSuccess: invalidate });
}

export function useUpdateSlaPolicy() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<SlaPolicyBody> }) => api.patch<SlaPolicy>(`/sla-policies/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteSlaPolicy() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.delete(`/sla-policies/${id}`), onSuccess: invalidate });
}

/** PUT /sla-policies/order: the whole list of ids, first tried first; the answer is the list in its new order. */
export function useReorderSlaPolicies() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.put<List>('/sla-policies/order', { ids }).then((r) => r.data),
    onSuccess: (list) => qc.setQueryData(slaPolicyKeys.list, list),
    onError: () => qc.invalidateQueries({ queryKey: slaPolicyKeys.list }),
  });
}
