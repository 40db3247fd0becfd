import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AppliedMacroJson, ApplyMacroBody, CreateMacroBody, MacroActionJson, MacroJson, MacroList, RenderedMacroJson, UpdateMacroBody,
} from '../../../../../src/http/schemas/macros.js';
import { api } from '../../../shared/api/client';

/** Wire types of /macros, from the server's schemas. */
export type Macro = z.infer<typeof MacroJson>;
export type MacroAction = z.infer<typeof MacroActionJson>;
export type MacroActionType = MacroAction['type'];
export type RenderedMacro = z.infer<typeof RenderedMacroJson>;
export type DescribedAction = RenderedMacro['actions'][number];
export type AppliedMacro = z.infer<typeof AppliedMacroJson>;
export type CreateMacroInput = z.input<typeof CreateMacroBody>;
export type UpdateMacroInput = z.input<typeof UpdateMacroBody>;
export type ApplyMacroInput = z.input<typeof ApplyMacroBody>;

export const MACRO_ACTION_TYPES: readonly MacroActionType[] = [
  'set_status', 'set_urgency', 'set_impact', 'set_team', 'set_assignee', 'set_tier', 'add_tags', 'remove_tags',
];

export const macroKeys = {
  all: ['macros'] as const,
  list: (q: string) => ['macros', 'list', { q }] as const,
};

/** The shared macros and the signed-in agent's own, with the template variables; `q` filters by name. */
export function useMacros(q = '', opts: { enabled?: boolean } = {}) {
  const search = q.trim();
  return useQuery({
    enabled: opts.enabled ?? true,
    queryKey: macroKeys.list(search),
    queryFn: () => api.get<z.infer<typeof MacroList>>('/macros', { q: search || undefined }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

function useInvalidateMacros() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: macroKeys.all });
}

export function useCreateMacro() {
  const invalidate = useInvalidateMacros();
  return useMutation({ mutationFn: (body: CreateMacroInput) => api.post<Macro>('/macros', body), onSuccess: invalidate });
}

export function useUpdateMacro() {
  const invalidate = useInvalidateMacros();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateMacroInput }) => api.patch<Macro>(`/macros/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteMacro() {
  const invalidate = useInvalidateMacros();
  return useMutation({ mutationFn: (id: string) => api.delete(`/macros/${id}`), onSuccess: invalidate });
}

export function renderMacro(ticketId: string, macroId: string): Promise<RenderedMacro> {
  return api.post<RenderedMacro>(`/tickets/${ticketId}/macros/${macroId}/render`, {});
}

export function applyMacro(ticketId: string, macroId: string, body: ApplyMacroInput, idempotencyKey: string): Promise<AppliedMacro> {
  return api.post<AppliedMacro>(`/tickets/${ticketId}/macros/${macroId}/apply`, body, { 'Idempotency-Key': idempotencyKey });
}
