import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateRoutingRuleBody, RoutingRuleJson, RoutingRuleList, RoutingTestBody, RoutingTestJson,
} from '../../../../../../src/http/schemas/routing-rules.js';
import { api } from '../../../../shared/api/client';

/** Wire types of /routing-rules, inferred from the server's schemas. */
export type RoutingRule = z.infer<typeof RoutingRuleJson>;
export type RoutingRuleBody = z.input<typeof CreateRoutingRuleBody>;
export type RoutingConditions = RoutingRule['conditions'];
export type RoutingOutcome = RoutingRule['outcome'];
export type RoutingTestInput = z.input<typeof RoutingTestBody>;
export type RoutingTest = z.infer<typeof RoutingTestJson>;

export const routingRuleKeys = { list: ['admin', 'routing-rules'] as const };

type List = z.infer<typeof RoutingRuleList>;

function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all([qc.invalidateQueries({ queryKey: routingRuleKeys.list }), qc.invalidateQueries({ queryKey: ['admin', 'audit-log'] })]);
}

export function useRoutingRules() {
  return useQuery({ queryKey: routingRuleKeys.list, queryFn: () => api.get<List>('/routing-rules').then((r) => r.data) });
}

export function useCreateRoutingRule() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: RoutingRuleBody) => api.post<RoutingRule>('/routing-rules', body), onSuccess: invalidate });
}

export function useUpdateRoutingRule() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<RoutingRuleBody> }) => api.patch<RoutingRule>(`/routing-rules/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteRoutingRule() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.delete(`/routing-rules/${id}`), onSuccess: invalidate });
}

/** PUT /routing-rules/order: the whole list of ids, first tried first; the answer is the list in its new order. */
export function useReorderRoutingRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.put<List>('/routing-rules/order', { ids }).then((r) => r.data),
    onSuccess: (list) => qc.setQueryData(routingRuleKeys.list, list),
    onError: () => qc.invalidateQueries({ queryKey: routingRuleKeys.list }),
  });
}

/** A dry run of the rules on a ticket's facts: nothing is created. */
export function useTestRouting() {
  return useMutation({ mutationFn: (body: RoutingTestInput) => api.post<RoutingTest>('/routing-rules/test', body) });
}
