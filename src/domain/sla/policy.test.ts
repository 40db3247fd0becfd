import { describe, expect, it } from 'vitest';
import {
  selectPolicy,
  thresholdsOf,
  validatePolicyShape,
  type PolicyFacts,
  type SlaConditions,
  type SlaEscalation,
  type SlaPolicy,
} from './policy.js';

function policy(id: string, position: number, conditions: SlaConditions = {}, over: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    id, name: id, position, active: true, conditions, calendarId: null,
    targets: { P1: { first_response: 30, resolution: 240 } }, pauseStatuses: ['pending', 'on_hold'], escalations: [],
    ...over,
  };
}

const facts = (over: Partial<PolicyFacts> = {}): PolicyFacts => ({
  type: 'incident', channel: 'email', organizationId: 'org-acme', categoryId: 'net', categoryPath: '/it/net/', ...over,
});

describe('selectPolicy', () => {
  const rules = [
    policy('default', 100),
    policy('acme', 10, { organization_ids: ['org-acme', 'org-beta'] }),
    policy('requests by phone', 5, { types: ['request'], channels: ['phone'] }),
    policy('IT (with subcategories)', 20, { category_ids: ['it'] }),
    policy('chat', 1, { channels: ['chat'] }, { active: false }),
  ];

  it.each<[string, Partial<PolicyFacts>, string | null, string]>([
    ['the first matching rule by position wins', {}, 'acme', 'rule 10: organization matched'],
    ['every condition of a rule must hold (type and channel)', { type: 'request', channel: 'phone' }, 'requests by phone', 'rule 5: type request, channel phone matched'],
    ['one failing condition skips the rule', { type: 'request', channel: 'email' }, 'acme', 'rule 10'],
    ['another organization falls through', { organizationId: 'org-zeta' }, 'IT (with subcategories)', 'rule 20: category matched'],
    ['no organization does not match an organization rule', { organizationId: null }, 'IT (with subcategories)', 'rule 20'],
    ['a category matches its descendants', { organizationId: null, categoryId: 'wifi', categoryPath: '/it/net/wifi/' }, 'IT (with subcategories)', 'category'],
    ['a category matches itself', { organizationId: null, categoryId: 'it', categoryPath: '/it/' }, 'IT (with subcategories)', 'category'],
    ['an id that is only a prefix of a path segment does not match', { organizationId: null, categoryId: 'itx', categoryPath: '/itx/' }, 'default', 'no conditions: the default policy'],
    ['no category does not match a category rule', { organizationId: null, categoryId: null, categoryPath: null }, 'default', 'default'],
    ['an inactive rule is skipped even when first', { channel: 'chat', organizationId: null, categoryPath: null }, 'default', 'rule 100'],
  ])('%s', (_name, over, expected, reason) => {
    const choice = selectPolicy(rules, facts(over));
    expect(choice?.policy.id ?? null).toBe(expected);
    expect(choice?.reason).toContain(reason);
    expect(choice?.reason).toContain(`«${expected}»`);
  });

  it('does not depend on the order of the list, only on positions', () => {
    expect(selectPolicy([...rules].reverse(), facts())?.policy.id).toBe('acme');
  });

  it('treats empty condition lists as no condition', () => {
    const p = policy('empty lists', 1, { organization_ids: [], types: [], category_ids: [], channels: [] });
    expect(selectPolicy([p], facts({ organizationId: null }))?.reason).toBe(
      'SLA policy «empty lists» applies (rule 1, no conditions: the default policy).',
    );
  });

  it('gives null when no rule matches (no default policy) or none is active', () => {
    expect(selectPolicy([policy('acme', 1, { organization_ids: ['org-acme'] })], facts({ organizationId: 'x' }))).toBeNull();
    expect(selectPolicy([policy('off', 1, {}, { active: false })], facts())).toBeNull();
    expect(selectPolicy([], facts())).toBeNull();
  });

  it('does not reorder the caller’s list', () => {
    const list = [policy('b', 2), policy('a', 1)];
    selectPolicy(list, facts());
    expect(list.map((p) => p.id)).toEqual(['b', 'a']);
  });
});

describe('validatePolicyShape', () => {
  const shape = (over: Partial<Pick<SlaPolicy, 'targets' | 'pauseStatuses' | 'escalations' | 'conditions'>>) => ({
    targets: {}, pauseStatuses: [], escalations: [], conditions: {}, ...over,
  }) as Pick<SlaPolicy, 'targets' | 'pauseStatuses' | 'escalations' | 'conditions'>;
  const esc = (metric: string, percent: number): SlaEscalation => ({ metric, percent, actions: [] }) as unknown as SlaEscalation;

  it('accepts a good policy', () => {
    expect(validatePolicyShape(shape({
      targets: { P1: { first_response: 30, next_response: null, resolution: 100_000 }, P4: {} },
      pauseStatuses: ['pending', 'on_hold'],
      escalations: [esc('first_response', 75), esc('first_response', 100), esc('resolution', 75)],
      conditions: { types: ['incident'], channels: ['email', 'api'] },
    }))).toEqual([]);
  });

  it.each<[string, Parameters<typeof shape>[0], string[]]>([
    ['an unknown priority', { targets: { P9: { resolution: 60 } } as never }, ['targets.P9']],
    ['an unknown target', { targets: { P1: { answer: 60 } } as never }, ['targets.P1.answer']],
    ['targets that are not whole minutes in range', { targets: { P2: { first_response: 0, next_response: 1.5, resolution: 100_001 } } }, ['targets.P2.first_response', 'targets.P2.next_response', 'targets.P2.resolution']],
    ['a target that is not a number', { targets: { P2: { resolution: '60' } } as never }, ['targets.P2.resolution']],
    ['statuses that cannot pause', { pauseStatuses: ['pending', 'open', 'resolved', 'nope'] as never }, ['pause_statuses.1', 'pause_statuses.2', 'pause_statuses.3']],
    ['a bad escalation metric and percents', { escalations: [esc('csat', 50), esc('resolution', 0), esc('resolution', 101), esc('resolution', 12.5)] }, ['escalations.0.metric', 'escalations.1.percent', 'escalations.2.percent', 'escalations.3.percent']],
    ['the same metric and percent twice', { escalations: [esc('resolution', 75), esc('first_response', 75), esc('resolution', 75)] }, ['escalations.2']],
    ['unknown types and channels', { conditions: { types: ['incident', 'problem'], channels: ['fax'] } as never }, ['conditions.types.1', 'conditions.channels.0']],
  ])('reports %s', (_name, over, paths) => {
    const problems = validatePolicyShape(shape(over));
    expect(problems.map((p) => p.path)).toEqual(paths);
    for (const p of problems) expect(p.message).toMatch(/\w/);
  });
});

describe('thresholdsOf', () => {
  it('sorts numerically, removes duplicates and always ends with 100, per metric', () => {
    const escalations = [
      { metric: 'resolution', percent: 90, actions: [] },
      { metric: 'resolution', percent: 100, actions: [] },
      { metric: 'resolution', percent: 9, actions: [] },
      { metric: 'first_response', percent: 75, actions: [] },
    ] satisfies SlaEscalation[];
    expect(thresholdsOf(escalations)).toEqual({
      first_response: [75, 100],
      next_response: [100],
      resolution: [9, 90, 100],
    });
    expect(thresholdsOf([])).toEqual({ first_response: [100], next_response: [100], resolution: [100] });
  });
});
