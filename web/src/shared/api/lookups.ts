import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useLocale } from '../i18n/I18nProvider';
import { api } from './client';
import type { Agent, Category, Team } from './types';

/** Small reference lists every console screen needs, fetched once and cached (5 min). */
export function useAgents() {
  return useQuery({
    queryKey: ['lookups', 'agents'],
    queryFn: () => api.get<{ data: Agent[] }>('/agents', { active: 'all' }).then((r) => r.data),
    staleTime: 5 * 60_000,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: ['lookups', 'teams'],
    queryFn: () => api.get<{ data: Team[] }>('/teams').then((r) => r.data),
    staleTime: 5 * 60_000,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: ['lookups', 'categories'],
    queryFn: () => api.get<{ data: Category[] }>('/categories').then((r) => r.data),
    staleTime: 5 * 60_000,
  });
}

/** id → display name maps for agents, teams and categories (category names in the current language). */
export function useNames() {
  const { locale } = useLocale();
  const agents = useAgents();
  const teams = useTeams();
  const categories = useCategories();
  return useMemo(() => {
    const agent = new Map((agents.data ?? []).map((a) => [a.id, a.name]));
    const team = new Map((teams.data ?? []).map((t) => [t.id, t.name]));
    const category = new Map((categories.data ?? []).map((c) => [c.id, c.full_name[locale]]));
    return {
      agent: (id: string | null) => (id ? (agent.get(id) ?? null) : null),
      team: (id: string | null) => (id ? (team.get(id) ?? null) : null),
      category: (id: string | null) => (id ? (category.get(id) ?? null) : null),
    };
  }, [agents.data, teams.data, categories.data, locale]);
}
