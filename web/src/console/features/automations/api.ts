import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AutomationJson, AutomationList, AutomationTestJson, TicketActionJson } from '../../../../../src/http/schemas/automations.js';
import type { CalendarList } from '../../../../../src/http/schemas/calendars.js';
import type { OrganizationList } from '../../../../../src/http/schemas/directory.js';
import { api } from '../../../shared/api/client';

/** Wire types of /automations, from the server's schemas. */
export type Automation = z.infer<typeof AutomationJson>;
export type AutomationKind = Automation['kind'];
export type AutomationEvent = Automation['events'][number];
export type Condition = Automation['conditions']['all'][number];
export type ConditionField = Condition['field'];
export type ConditionOp = Condition['op'];
export type Timing = NonNullable<Automation['timing']>;
export type TicketAction = z.infer<typeof TicketActionJson>;
export type TicketActionType = TicketAction['type'];
export type NotifyRecipient = Extract<TicketAction, { type: 'notify' }>['recipients'][number];
export type AutomationTest = z.infer<typeof AutomationTestJson>;

/** What the editor sends (create, or a full replacement on PATCH). */
export interface AutomationBody {
  name: string;
  kind: AutomationKind;
  active: boolean;
  events: AutomationEvent[];
  conditions: { all: Condition[]; any: Condition[] };
  timing: Timing | null;
  actions: TicketAction[];
}

export const automationKeys = {
  all: ['automations'] as const,
  list: ['automations', 'list'] as const,
};

export function useAutomations() {
  return useQuery({
    queryKey: automationKeys.list,
    queryFn: () => api.get<z.infer<typeof AutomationList>>('/automations').then((r) => r.data),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: automationKeys.all });
}

export function useCreateAutomation() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: AutomationBody) => api.post<Automation>('/automations', body), onSuccess: invalidate });
}

export function useUpdateAutomation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<AutomationBody> }) => api.patch<Automation>(`/automations/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteAutomation() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.delete(`/automations/${id}`), onSuccess: invalidate });
}

export function useReorderAutomations() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.put<z.infer<typeof AutomationList>>('/automations/order', { ids }).then((r) => r.data),
    onSuccess: (list) => qc.setQueryData(automationKeys.list, list),
    onError: () => qc.invalidateQueries({ queryKey: automationKeys.all }),
  });
}

export function testAutomation(id: string, ticket: string, event?: AutomationEvent): Promise<AutomationTest> {
  const ref = /^#?\d+$/.test(ticket.trim()) ? Number(ticket.trim().replace('#', '')) : ticket.trim();
  return api.post<AutomationTest>(`/automations/${id}/test`, { ticket_id: ref, ...(event ? { event } : {}) });
}

/** Pickers of the editor: calendars (time rules) and organizations (conditions), fetched when the editor opens. */
export function useCalendarChoices() {
  return useQuery({
    queryKey: ['automations', 'calendars'],
    queryFn: () => api.get<z.infer<typeof CalendarList>>('/calendars').then((r) => r.data.map((c) => ({ id: c.id, name: c.name }))),
    staleTime: 5 * 60_000,
  });
}

export function useOrganizationChoices() {
  return useQuery({
    queryKey: ['automations', 'organizations'],
    queryFn: () => api.get<z.infer<typeof OrganizationList>>('/organizations', { limit: 200 }).then((r) => r.data.map((o) => ({ id: o.id, name: o.name }))),
    staleTime: 5 * 60_000,
  });
}
