import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, type BusinessCalendar } from '../sla/calendar.js';
import { evaluate, prefilterOf, type Condition, type RuleContext } from './conditions.js';
import { ruleReferences, validateRule, type AutomationRule } from './rule.js';
import { containsFolded, findAnyPhrase, foldText } from './text-match.js';
import { describeDuration, describeTimeRule, usualDayHours } from './timing.js';
import { validateActions } from './validate-actions.js';

const TEAM = '0195a0e4-0000-7000-8000-000000000001';
const OTHER_TEAM = '0195a0e4-0000-7000-8000-000000000002';
const ROOT_CAT = '0195a0e4-0000-7000-8000-0000000000c1';
const CHILD_CAT = '0195a0e4-0000-7000-8000-0000000000c2';
const AGENT = '0195a0e4-0000-7000-8000-0000000000a1';

function context(over: Partial<RuleContext['ticket']> = {}, rest: Partial<Omit<RuleContext, 'ticket'>> = {}): RuleContext {
  return {
    ticket: {
      status: 'open', priority: 'P3', urgency: 2, impact: 2, type: 'incident', channel: 'email', teamId: TEAM,
      assigneeId: null, tier: 'L1', categoryId: CHILD_CAT, organizationId: null, tags: ['vpn', 'vip'],
      subject: 'Le réseau est bloqué', ...over,
    },
    categoryIds: [ROOT_CAT, CHILD_CAT],
    body: "Bonjour, l'imprimante du 2e étage ne marche plus depuis ce matin.",
    requesterLanguage: 'fr',
    event: 'ticket.created',
    actor: 'requester',
    ...rest,
  };
}
const one = (c: Condition, ctx = context()) => evaluate({ all: [c], any: [] }, ctx);

describe('text matching', () => {
  it('folds case, accents and ligatures', () => {
    expect(foldText('Réseau BLOQUÉ, cœur')).toBe('reseau bloque, coeur');
    expect(containsFolded('Problème Réseau', 'reseau')).toBe(true);
    expect(containsFolded('Problème Réseau', 'RÉSEAU')).toBe(true);
    expect(containsFolded('Problème Réseau', '  ')).toBe(false);
  });

  it('finds whole words and phrases, in French and English, whatever the accents', () => {
    expect(findAnyPhrase('Le serveur est DOWN !', ['urgent', 'down'])).toBe('down');
    expect(findAnyPhrase('Please download the file', ['down'])).toBeNull();
    expect(findAnyPhrase('Compte bloque depuis hier', ['bloqué'])).toBe('bloqué');
    expect(findAnyPhrase("L'imprimante ne  marche\nplus", ['ne marche plus'])).toBe('ne marche plus');
    expect(findAnyPhrase('It is not working', ['ne marche plus', 'not working'])).toBe('not working');
    expect(findAnyPhrase("l'imprimante", ['imprimante'])).toBe('imprimante');
    expect(findAnyPhrase('urgently', ['urgent'])).toBeNull();
  });
});

describe('evaluate: every operator', () => {
  it('is / is_not on enums, with what was seen when it fails', () => {
    expect(one({ field: 'status', op: 'is', value: 'open' })).toEqual({ matched: true, explanation: 'status is open' });
    expect(one({ field: 'status', op: 'is', value: 'pending' })).toEqual({
      matched: false, explanation: 'not matched: status is pending (it is open)',
    });
    expect(one({ field: 'urgency', op: 'is_not', value: 1 }).matched).toBe(true);
    expect(one({ field: 'channel', op: 'is_not', value: 'email' }).matched).toBe(false);
    expect(one({ field: 'event', op: 'is', value: 'ticket.created' }).matched).toBe(true);
    expect(one({ field: 'actor', op: 'is', value: 'agent' }).matched).toBe(false);
    expect(one({ field: 'requester_language', op: 'is', value: 'fr' }).matched).toBe(true);
  });

  it('in / not_in', () => {
    expect(one({ field: 'priority', op: 'in', value: ['P1', 'P3'] })).toEqual({ matched: true, explanation: 'priority is one of P1, P3 (P3)' });
    expect(one({ field: 'priority', op: 'in', value: ['P1', 'P2'] }).matched).toBe(false);
    expect(one({ field: 'tier', op: 'not_in', value: ['L2', 'L3'] }).matched).toBe(true);
    expect(one({ field: 'type', op: 'not_in', value: ['incident'] }).matched).toBe(false);
  });

  it('ids: null means not set, names appear in the explanation, is_empty / is_not_empty', () => {
    expect(one({ field: 'assignee_id', op: 'is', value: null })).toEqual({ matched: true, explanation: 'assignee is none' });
    expect(one({ field: 'assignee_id', op: 'is_empty' }).matched).toBe(true);
    expect(one({ field: 'assignee_id', op: 'is_not_empty' }).matched).toBe(false);
    expect(one({ field: 'assignee_id', op: 'is', value: AGENT }, context({ assigneeId: AGENT })).matched).toBe(true);
    expect(one({ field: 'assignee_id', op: 'is_not', value: null }).matched).toBe(false);
    const named = evaluate({ all: [{ field: 'team_id', op: 'is', value: OTHER_TEAM }], any: [] }, context(), {
      nameOf: (_f, id) => (id === OTHER_TEAM ? 'Réseau' : id === TEAM ? 'Support' : undefined),
    });
    expect(named.explanation).toBe('not matched: team is «Réseau» (it is «Support»)');
    expect(one({ field: 'team_id', op: 'in', value: [OTHER_TEAM, TEAM] }).matched).toBe(true);
    expect(one({ field: 'organization_id', op: 'is_empty' }).matched).toBe(true);
  });

  it('a category matches its subcategories', () => {
    expect(one({ field: 'category_id', op: 'is', value: ROOT_CAT })).toEqual({ matched: true, explanation: `category is ${ROOT_CAT} (or below)` });
    expect(one({ field: 'category_id', op: 'is_not', value: ROOT_CAT }).matched).toBe(false);
    expect(one({ field: 'category_id', op: 'is', value: CHILD_CAT }, context({ categoryId: ROOT_CAT }, { categoryIds: [ROOT_CAT] })).matched).toBe(false);
    expect(one({ field: 'category_id', op: 'in', value: [OTHER_TEAM, ROOT_CAT] }).matched).toBe(true);
  });

  it('tags: includes / not_includes, one or any of several, case-insensitive', () => {
    expect(one({ field: 'tags', op: 'includes', value: 'VIP' })).toEqual({ matched: true, explanation: 'tags include "VIP"' });
    expect(one({ field: 'tags', op: 'includes', value: ['printer', 'vpn'] }).matched).toBe(true);
    expect(one({ field: 'tags', op: 'not_includes', value: 'vpn' }).matched).toBe(false);
    expect(one({ field: 'tags', op: 'not_includes', value: ['printer'] }).matched).toBe(true);
    expect(one({ field: 'tags', op: 'is_empty' }).matched).toBe(false);
    expect(one({ field: 'tags', op: 'is_empty' }, context({ tags: [] })).matched).toBe(true);
  });

  it('text: contains / not_contains (accent-insensitive), contains_any (whole words), subject, body and text', () => {
    expect(one({ field: 'subject', op: 'contains', value: 'reseau' }).matched).toBe(true);
    expect(one({ field: 'subject', op: 'not_contains', value: 'RÉSEAU' }).matched).toBe(false);
    expect(one({ field: 'body', op: 'contains', value: 'imprim' }).matched).toBe(true);
    expect(one({ field: 'subject', op: 'contains_any', value: ['urgent', 'bloque', 'down'] })).toEqual({
      matched: true, explanation: 'subject contains any of "urgent", "bloque", "down" (found "bloque")',
    });
    expect(one({ field: 'body', op: 'contains_any', value: ['down', 'not working'] }).matched).toBe(false);
    expect(one({ field: 'text', op: 'contains_any', value: ['ne marche plus'] }).matched).toBe(true);
    expect(one({ field: 'text', op: 'contains_any', value: ['bloqué'] }).matched).toBe(true);
    expect(one({ field: 'body', op: 'is_empty' }, context({}, { body: '  ' })).matched).toBe(true);
    expect(one({ field: 'body', op: 'is_not_empty' }).matched).toBe(true);
  });
});

describe('evaluate: all and any', () => {
  const urgent: Condition = { field: 'text', op: 'contains_any', value: ['urgent', 'down'] };
  const blocked: Condition = { field: 'subject', op: 'contains', value: 'bloque' };

  it('every condition of all, and one of any', () => {
    const rule = { all: [{ field: 'event', op: 'is', value: 'ticket.created' } as Condition], any: [urgent, blocked] };
    expect(evaluate(rule, context())).toEqual({ matched: true, explanation: 'event is ticket.created; subject contains "bloque"' });
    const none = evaluate(rule, context({ subject: 'Question' }));
    expect(none.matched).toBe(false);
    expect(none.explanation).toBe('not matched: none of: subject or text contains any of "urgent", "down" / subject contains "bloque"');
  });

  it('no condition matches every ticket', () => {
    expect(evaluate({ all: [], any: [] }, context())).toEqual({ matched: true, explanation: 'no conditions (applies to every ticket)' });
  });

  it('a time rule (no event) does not match an event condition', () => {
    expect(one({ field: 'actor', op: 'is', value: 'agent' }, context({}, { event: null, actor: null })).explanation)
      .toBe('not matched: actor is agent (it is none)');
  });
});

describe('prefilterOf', () => {
  it('takes statuses, priorities and teams from all (is, in, is_empty), intersecting repeats', () => {
    expect(prefilterOf({
      all: [
        { field: 'status', op: 'in', value: ['pending', 'on_hold'] },
        { field: 'status', op: 'is', value: 'pending' },
        { field: 'priority', op: 'in', value: ['P1', 'P2'] },
        { field: 'team_id', op: 'is_empty' },
        { field: 'tags', op: 'includes', value: 'vip' },
      ],
      any: [{ field: 'status', op: 'is', value: 'open' }],
    })).toEqual({ statuses: ['pending'], priorities: ['P1', 'P2'], teamIds: [null] });
    expect(prefilterOf({ all: [{ field: 'status', op: 'is_not', value: 'open' }], any: [] })).toEqual({});
  });
});

describe('validateRule', () => {
  const base = { kind: 'event', events: ['ticket.created'], conditions: { all: [], any: [] }, actions: [{ type: 'add_tags', tags: ['urgent'] }] };

  it('accepts a complete event rule and a complete time rule', () => {
    expect(validateRule(base)).toEqual([]);
    expect(validateRule({
      kind: 'time', events: [], timing: { since: 'status_changed', hours: 72, business: true, calendar_id: TEAM },
      conditions: { all: [{ field: 'status', op: 'is', value: 'pending' }], any: [] },
      actions: [{ type: 'reply', body: { fr: 'Bonjour {{requester.first_name}}', en: 'Hello' } }, { type: 'set_status', status: 'resolved' }],
    })).toEqual([]);
  });

  it('reports every problem with its path', () => {
    const problems = validateRule({
      kind: 'event',
      events: ['ticket.created', 'ticket.exploded'],
      timing: { since: 'created', hours: 1, business: false },
      conditions: {
        all: [
          { field: 'colour', op: 'is', value: 'red' },
          { field: 'status', op: 'contains', value: 'open' },
          { field: 'status', op: 'is', value: 'done' },
          { field: 'priority', op: 'in', value: [] },
          { field: 'team_id', op: 'is', value: 'not-an-id' },
          { field: 'subject', op: 'contains_any', value: ['ok', ''] },
          { field: 'assignee_id', op: 'is_empty', value: 'x' },
        ],
        any: [{ field: 'tags', op: 'includes', value: '' }],
      },
      actions: [
        { type: 'set_status', status: 'new' },
        { type: 'explode' },
        { type: 'reply', body: { fr: '  ' } },
        { type: 'notify', recipients: ['nobody'], email: 'yes' },
        { type: 'add_tags', tags: [], extra: 1 },
        { type: 'set_urgency', urgency: 4 },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'events.1',
      'conditions.all.0.field', 'conditions.all.1.op', 'conditions.all.2.value', 'conditions.all.3.value',
      'conditions.all.4.value', 'conditions.all.5.value', 'conditions.all.6.value', 'conditions.any.0.value',
      'timing',
      'actions.0.status', 'actions.1.type', 'actions.2.body', 'actions.3.recipients', 'actions.3.email',
      'actions.4.extra', 'actions.4.tags', 'actions.5.urgency',
    ]);
  });

  it('time rules need a valid timing, no events and no event-only fields; rules need an action', () => {
    const paths = (r: Record<string, unknown>) => validateRule(r).map((p) => p.path);
    expect(paths({ ...base, kind: 'time' })).toEqual(['events', 'timing']);
    expect(paths({ ...base, kind: 'time', events: [], timing: { since: 'later', hours: 0, business: 'yes', calendar_id: 'x', y: 1 } }))
      .toEqual(['timing.y', 'timing.since', 'timing.hours', 'timing.business', 'timing.calendar_id']);
    expect(paths({
      ...base, kind: 'time', events: [], timing: { since: 'created', hours: 2, business: false },
      conditions: { all: [{ field: 'actor', op: 'is', value: 'agent' }], any: [] },
    })).toEqual(['conditions.all.0.field']);
    expect(paths({ ...base, events: [] })).toEqual(['events']);
    expect(paths({ ...base, actions: [] })).toEqual(['actions']);
    expect(paths({ ...base, kind: 'weekly' })).toEqual(['kind']);
  });

  it('checks templates when asked', () => {
    const check = (text: string) => (text.includes('{{nope}}') ? [{ message: 'unknown variable nope' }] : []);
    expect(validateActions([{ type: 'note', body: { fr: 'ok', en: 'Hi {{nope}}' } }], 'actions', check))
      .toEqual([{ path: 'actions.0.body.en', message: 'unknown variable nope' }]);
  });

  it('lists the ids a rule refers to', () => {
    const rule: AutomationRule = {
      kind: 'time', events: [], timing: { since: 'created', hours: 1, business: true, calendar_id: OTHER_TEAM },
      conditions: { all: [{ field: 'team_id', op: 'in', value: [TEAM, OTHER_TEAM] }], any: [{ field: 'assignee_id', op: 'is', value: null }] },
      actions: [{ type: 'set_assignee', agent_id: AGENT }, { type: 'notify', recipients: [], agent_ids: [AGENT], email: false }],
    };
    expect(ruleReferences(rule)).toEqual([
      { path: 'conditions.all.0.value', kind: 'team', id: TEAM },
      { path: 'conditions.all.0.value', kind: 'team', id: OTHER_TEAM },
      { path: 'timing.calendar_id', kind: 'calendar', id: OTHER_TEAM },
      { path: 'actions.0.agent_id', kind: 'agent', id: AGENT },
      { path: 'actions.1.agent_ids.0', kind: 'agent', id: AGENT },
    ]);
  });
});

describe('timing descriptions', () => {
  const office: BusinessCalendar = {
    timeZone: 'Europe/Paris',
    weekly: {
      1: [{ start: '09:00', end: '12:30' }, { start: '14:00', end: '18:00' }], 2: [{ start: '09:00', end: '12:30' }, { start: '14:00', end: '18:00' }],
      3: [{ start: '09:00', end: '12:30' }, { start: '14:00', end: '18:00' }], 4: [{ start: '09:00', end: '12:30' }, { start: '14:00', end: '18:00' }],
      5: [{ start: '09:00', end: '13:00' }], 6: [], 7: [],
    },
    holidays: [],
  };

  it('the usual open day of a calendar', () => {
    expect(usualDayHours(office)).toBe(7.5);
    expect(usualDayHours(ALWAYS_OPEN())).toBe(24);
    expect(usualDayHours({ ...office, weekly: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] } })).toBeNull();
  });

  it('durations in days when they are whole days', () => {
    expect(describeDuration(72, true, 24)).toBe('3 business days (72 h)');
    expect(describeDuration(22.5, true, 7.5)).toBe('3 business days (22.5 h)');
    expect(describeDuration(10, true, 7.5)).toBe('10 business hours');
    expect(describeDuration(120, false, null)).toBe('5 days (120 h)');
    expect(describeDuration(1, false, null)).toBe('1 h');
    expect(describeTimeRule({ since: 'status_changed', hours: 72, business: true }, 'pending', new Date('2026-03-02T09:00:00Z'), 24))
      .toBe('pending for 3 business days (72 h) since 2026-03-02T09:00:00.000Z');
  });
});
