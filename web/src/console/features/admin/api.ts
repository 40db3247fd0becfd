import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from '../../../shared/api/client';
import type {
  Agent,
  ApiToken,
  AuditEntry,
  Category,
  CreateMailboxInput,
  InboundMail,
  InboundMailStatus,
  IssuedApiToken,
  Mailbox,
  MailboxTestResult,
  Me,
  Page,
  PriorityMatrix,
  Team,
  UpdateMailboxInput,
} from '../../../shared/api/types';

/**
 * Data of the administration screens. Lists live under ['admin', …]; changes to agents, teams and categories
 * also invalidate the ['lookups', …] lists every other console screen uses for names and pickers.
 */
export const adminKeys = {
  agents: (q: string) => ['admin', 'agents', { q }] as const,
  teams: ['admin', 'teams'] as const,
  categories: ['admin', 'categories'] as const,
  matrix: ['admin', 'priority-matrix'] as const,
  tokens: (all: boolean) => ['admin', 'tokens', { all }] as const,
  audit: (filters: AuditFilters) => ['admin', 'audit-log', filters] as const,
  mailboxes: ['admin', 'mailboxes'] as const,
  inbound: (status: InboundMailStatus | null) => ['admin', 'inbound-mail', { status }] as const,
};

export interface AuditFilters {
  action: string;
  actor: string;
  target: string;
}

export type Skill = Agent['skills'][number];
export type AgentRole = Agent['role'];
export type TokenScope = ApiToken['scopes'][number];

export interface CreateAgentBody {
  name: string;
  email: string;
  password: string;
  role: AgentRole;
  tier: Agent['tier'];
  language: 'fr' | 'en';
  time_zone: string;
  team_ids: string[];
  skills?: SkillRef[];
}

/** Skills are sent as catalogue references (`{ skill_id, level }`) and come back with their names. */
export type SkillRef = Pick<Skill, 'skill_id' | 'level'>;

export type UpdateAgentBody = Partial<Pick<Agent, 'role' | 'tier' | 'active' | 'team_ids'>> & { skills?: SkillRef[] };

export interface CategoryBody {
  name_fr?: string;
  name_en?: string;
  parent_id?: string | null;
}

/** Calendar, lead and level: null clears them (default calendar, no lead, no level); absent leaves them as they are. */
export interface TeamBody {
  name?: string;
  description?: string;
  calendar_id?: string | null;
  lead_id?: string | null;
  assignment_mode?: Team['assignment_mode'];
  tier?: Team['tier'];
}

export interface CreateTokenBody {
  name: string;
  scopes: TokenScope[];
  expires_at: string | null;
}

function useInvalidate() {
  const qc = useQueryClient();
  return (...keys: QueryKey[]) => Promise.all(keys.map((queryKey) => qc.invalidateQueries({ queryKey })));
}

// Agents

export function useAdminAgents(q: string) {
  const search = q.trim();
  return useQuery({
    queryKey: adminKeys.agents(search),
    queryFn: () => api.get<{ data: Agent[] }>('/agents', { active: 'all', q: search || undefined }).then((r) => r.data),
    placeholderData: keepPreviousData,
  });
}

const AGENT_KEYS: QueryKey[] = [['admin', 'agents'], ['admin', 'teams'], ['lookups', 'agents'], ['lookups', 'teams']];

export function useCreateAgent() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateAgentBody) => api.post<Agent>('/agents', body),
    onSuccess: () => invalidate(...AGENT_KEYS),
  });
}

export function useUpdateAgent() {
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateAgentBody }) => api.patch<Agent>(`/agents/${id}`, body),
    onSuccess: (_agent, { id }) => {
      // An administrator who changed their own role sees other screens: ['me'] decides which.
      const self = qc.getQueryData<Me | null>(['me'])?.id === id;
      return invalidate(...AGENT_KEYS, ...(self ? [['me']] : []));
    },
  });
}

// Teams

export function useAdminTeams() {
  return useQuery({
    queryKey: adminKeys.teams,
    queryFn: () => api.get<{ data: Team[] }>('/teams').then((r) => r.data),
  });
}

const TEAM_KEYS: QueryKey[] = [['admin', 'teams'], ['admin', 'agents'], ['lookups', 'teams'], ['lookups', 'agents']];

export function useCreateTeam() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TeamBody) => api.post<Team>('/teams', body),
    onSuccess: () => invalidate(...TEAM_KEYS),
  });
}

export function useUpdateTeam() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TeamBody }) =>
      api.patch<Team>(`/teams/${id}`, body),
    onSuccess: () => invalidate(...TEAM_KEYS),
  });
}

export function useDeleteTeam() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/teams/${id}`),
    onSuccess: () => invalidate(...TEAM_KEYS),
  });
}

// Categories

export function useAdminCategories() {
  return useQuery({
    queryKey: adminKeys.categories,
    queryFn: () => api.get<{ data: Category[] }>('/categories').then((r) => r.data),
  });
}

const CATEGORY_KEYS: QueryKey[] = [['admin', 'categories'], ['lookups', 'categories']];

export function useCreateCategory() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: Required<CategoryBody>) => api.post<Category>('/categories', body),
    onSuccess: () => invalidate(...CATEGORY_KEYS),
  });
}

export function useUpdateCategory() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CategoryBody }) => api.patch<Category>(`/categories/${id}`, body),
    onSuccess: () => invalidate(...CATEGORY_KEYS),
  });
}

// Priority matrix

export function usePriorityMatrix() {
  return useQuery({
    queryKey: adminKeys.matrix,
    queryFn: () => api.get<PriorityMatrix>('/settings/priority-matrix'),
  });
}

export function useSavePriorityMatrix() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (matrix: string[][]) => api.put<PriorityMatrix>('/settings/priority-matrix', { matrix }),
    onSuccess: (saved) => {
      qc.setQueryData(adminKeys.matrix, saved);
      void qc.invalidateQueries({ queryKey: ['admin', 'audit-log'] });
    },
  });
}

// API tokens

export function useTokens(all: boolean) {
  return useQuery({
    queryKey: adminKeys.tokens(all),
    queryFn: () => api.get<{ data: ApiToken[] }>('/tokens', { all: all ? 'true' : undefined }).then((r) => r.data),
  });
}

export function useIssueToken() {
  const invalidate = useInvalidate();
  return useMutation({
    // The answer holds the secret: it stays in the component that shows it once, never in the query cache.
    mutationFn: (body: CreateTokenBody) => api.post<IssuedApiToken>('/tokens', body),
    onSuccess: () => invalidate(['admin', 'tokens'], ['admin', 'audit-log']),
  });
}

export function useRevokeToken() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/tokens/${id}`),
    onSuccess: () => invalidate(['admin', 'tokens'], ['admin', 'audit-log']),
  });
}

// Audit log

export const AUDIT_PAGE_SIZE = 50;

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: adminKeys.audit(filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<AuditEntry>>('/audit-log', {
        action: filters.action || undefined,
        actor: filters.actor || undefined,
        target: filters.target || undefined,
        limit: AUDIT_PAGE_SIZE,
        cursor: pageParam ?? undefined,
      }),
    getNextPageParam: (last) => last.next_cursor,
  });
}

// IMAP mailboxes (administrators). The password goes out in create/update bodies only: answers never hold it.

const MAILBOX_KEYS: QueryKey[] = [['admin', 'mailboxes'], ['admin', 'audit-log']];

export function useMailboxes() {
  return useQuery({
    queryKey: adminKeys.mailboxes,
    queryFn: () => api.get<{ data: Mailbox[] }>('/admin/mailboxes').then((r) => r.data),
  });
}

export function useCreateMailbox() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateMailboxInput) => api.post<Mailbox>('/admin/mailboxes', body),
    onSuccess: () => invalidate(...MAILBOX_KEYS),
  });
}

export function useUpdateMailbox() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateMailboxInput }) => api.patch<Mailbox>(`/admin/mailboxes/${id}`, body),
    onSuccess: () => invalidate(...MAILBOX_KEYS),
  });
}

export function useDeleteMailbox() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/admin/mailboxes/${id}`),
    onSuccess: () => invalidate(...MAILBOX_KEYS),
  });
}

/** Connects and opens the folder without changing anything; a refusal by the IMAP server is `ok: false`, not an error. */
export function useTestMailbox() {
  return useMutation({
    mutationFn: (id: string) => api.post<MailboxTestResult>(`/admin/mailboxes/${id}/test`),
  });
}

// Inbound mail log (managers and administrators; raw message and retry for administrators)

export const INBOUND_PAGE_SIZE = 50;

export function useInboundMail(status: InboundMailStatus | null) {
  return useInfiniteQuery({
    queryKey: adminKeys.inbound(status),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<InboundMail>>('/inbound-emails', {
        status: status ?? undefined,
        limit: INBOUND_PAGE_SIZE,
        cursor: pageParam ?? undefined,
      }),
    getNextPageParam: (last) => last.next_cursor,
  });
}

/** The stored message exactly as received, served as an attachment (`<id>.eml`). */
export const inboundRawUrl = (id: string): string => `/api/v1/inbound-emails/${encodeURIComponent(id)}/raw`;

export function useRetryInbound() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post<{ id: string }>(`/inbound-emails/${encodeURIComponent(id)}/retry`),
    onSuccess: () => invalidate(['admin', 'inbound-mail'], ['admin', 'audit-log']),
  });
}
