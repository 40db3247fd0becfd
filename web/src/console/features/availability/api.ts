import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AvailabilityJson, UpdateAvailabilityBody } from '../../../../../src/http/schemas/availability.js';
import { api } from '../../../shared/api/client';

/** Wire types of /agents/{id}/availability, inferred from the server's schemas. */
export type Availability = z.infer<typeof AvailabilityJson>;
export type AvailabilityBody = z.input<typeof UpdateAvailabilityBody>;
export type AgentStatus = Availability['status'];
export type WorkingHours = NonNullable<Availability['working_hours']>;

export const AGENT_STATUSES = ['online', 'away', 'offline'] as const satisfies readonly AgentStatus[];

export const availabilityKey = (agentId: string) => ['availability', agentId] as const;

export function useAvailability(agentId: string) {
  return useQuery({
    queryKey: availabilityKey(agentId),
    queryFn: () => api.get<Availability>(`/agents/${agentId}/availability`),
    // "On shift until…" moves with the clock: read it again now and then.
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  });
}

export function useUpdateAvailability() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ agentId, body }: { agentId: string; body: AvailabilityBody }) =>
      api.patch<Availability>(`/agents/${agentId}/availability`, body),
    onSuccess: (saved) => {
      qc.setQueryData(availabilityKey(saved.agent_id), saved);
      // The agents lists show everyone's status and load.
      return Promise.all([
        qc.invalidateQueries({ queryKey: ['admin', 'agents'] }),
        qc.invalidateQueries({ queryKey: ['lookups', 'agents'] }),
        qc.invalidateQueries({ queryKey: ['admin', 'audit-log'] }),
      ]);
    },
  });
}
