import { describe, expect, it } from 'vitest';
import { matchRoutingRule, validateRoutingRule, type RoutingFacts, type RoutingRule } from './rules.js';

const outcome = (over: Partial<RoutingRule['outcome']> = {}): RoutingRule['outcome'] =>
  ({ team_id: null, tier: null, required_skills: [], priority_adjust: null, tags: [], ...over });
const rule = (name: string, position: number, conditions: RoutingRule['conditions'], over: Partial<RoutingRule> = {}): RoutingRule =>
  ({ id: name, name, position, active: true, conditions, outcome: outcome(), ...over });
const facts = (over: Partial<RoutingFacts> = {}): RoutingFacts => ({
  channel: 'email', categoryPath: null, organizationId: null, subject: 'Imprimante en panne', description: '', equipmentBrand: null,
  priority: 'P3', ...over,
});

const RULES: RoutingRule[] = [
  rule('Default', 99, {}),
  rule('Cisco', 1, { brands: ['Cisco'] }),
  rule('Network words', 2, { keywords: ['switch', 'réseau', 'VPN ne marche plus'] }),
  rule('Phone P1', 3, { channels: ['phone'], priorities: ['P1'] }),
  rule('Printers', 4, { category_ids: ['cat-print'] }),
  rule('Inactive', 0, {}, { active: false }),
];

describe('matchRoutingRule', () => {
  it.each([
    ['a brand, whatever the case', facts({ equipmentBrand: 'CISCO ' }), 'Cisco', 'brand CISCO '],
    ['a French keyword without its accent', facts({ subject: 'Le reseau est lent' }), 'Network words', 'keyword «réseau»'],
    ['a phrase across punctuation', facts({ description: 'Depuis ce matin : le VPN, ne marche plus !' }), 'Network words', 'keyword «VPN ne marche plus»'],
    ['an English keyword as a whole word only', facts({ subject: 'Download of the switch firmware' }), 'Network words', 'keyword «switch»'],
    ['a sub-category', facts({ categoryPath: '/cat-hw/cat-print/cat-laser/' }), 'Printers', 'category'],
    ['channel and priority together', facts({ channel: 'phone', priority: 'P1' }), 'Phone P1', 'channel phone'],
  ])('matches %s', (_what, f, name, because) => {
    const m = matchRoutingRule(RULES, f)!;
    expect(m.rule.name).toBe(name);
    expect(m.matched).toContain(because);
    expect(m.reason).toContain(`«${name}»`);
  });

  it('skips inactive rules and falls through to the default; a word inside another does not match', () => {
    expect(matchRoutingRule(RULES, facts({ subject: 'Switchover planned' }))!.rule.name).toBe('Default');
    expect(matchRoutingRule(RULES, facts({ channel: 'phone', priority: 'P2' }))!.reason).toContain('no conditions');
    expect(matchRoutingRule(RULES.filter((r) => r.name !== 'Default'), facts())).toBeNull();
  });
});

describe('validateRoutingRule', () => {
  it('reports bad levels, duplicate skills and empty keywords with paths', () => {
    expect(validateRoutingRule({
      conditions: { keywords: ['vpn', '  '] },
      outcome: outcome({ required_skills: [{ skill_id: 'net', level: 2 }, { skill_id: 'net', level: 3 }, { skill_id: 'linux', level: 4 as 3 }] }),
    }).map((p) => p.path)).toEqual(['outcome.required_skills.1', 'outcome.required_skills.2.level', 'conditions.keywords.1']);
  });
});
