import { describe, expect, it } from 'vitest';
import type { Automation } from './api';
import { bodyOf, checkDraft, draftOf, emptyDraft, newAction, newCondition, problemsAt, serverProblems } from './rule-form';

const rule: Automation = {
  id: '40000000-0000-4000-8000-000000000001', name: 'Tout', kind: 'time', position: 1, active: false, events: [],
  conditions: {
    all: [
      { field: 'status', op: 'in', value: ['pending', 'on_hold'] },
      { field: 'urgency', op: 'is', value: 1 },
      { field: 'assignee_id', op: 'is', value: null },
      { field: 'tags', op: 'includes', value: ['vip', 'vpn'] },
    ],
    any: [{ field: 'subject', op: 'contains_any', value: ['urgent', 'ne marche plus'] }, { field: 'body', op: 'is_empty' }],
  },
  timing: { since: 'created', hours: 7.5, business: true, calendar_id: '70000000-0000-4000-8000-000000000001' },
  actions: [
    { type: 'set_status', status: 'resolved' }, { type: 'set_urgency', urgency: 1 }, { type: 'raise_priority' },
    { type: 'set_assignee', agent_id: null }, { type: 'remove_tags', tags: ['a', 'b'] },
    { type: 'notify', recipients: ['team', 'managers'], agent_ids: [], email: true, message: { en: 'Hi' } },
    { type: 'note', body: { fr: 'Note' } },
  ],
  created_by: null, created_at: '2026-03-02T09:30:00.000Z', updated_at: '2026-03-02T09:30:00.000Z',
};

describe('rule form', () => {
  it('round-trips a rule through the draft', () => {
    const body = bodyOf(draftOf(rule));
    expect(body).toEqual({
      name: 'Tout', kind: 'time', active: false, events: [], conditions: rule.conditions, timing: rule.timing,
      actions: rule.actions.map((a) => (a.type === 'notify' ? { type: 'notify', recipients: a.recipients, email: a.email, message: a.message } : a)),
    });
  });

  it('checks what the form can check, with the server’s paths', () => {
    const d = emptyDraft();
    d.events = [];
    d.all = [newCondition('priority')];
    d.all[0]!.op = 'in';
    d.any = [newCondition('team_id'), newCondition('subject')];
    d.actions = [newAction('notify'), newAction('reply'), newAction('set_team')];
    d.actions[0]!.recipients = [];
    expect(checkDraft(d)).toEqual({
      name: 'common.required',
      events: 'automations.form.needEvent',
      'conditions.all.0.value': 'automations.form.needValue',
      'conditions.any.1.value': 'automations.form.needValue',
      'actions.0.recipients': 'automations.form.needRecipient',
      'actions.1.body': 'automations.form.needText',
      'actions.2.team_id': 'automations.form.needValue',
    });
    // An empty team with "is" means "no team": allowed.
    expect(bodyOf(d).conditions.any[0]).toEqual({ field: 'team_id', op: 'is', value: null });
    d.kind = 'time';
    d.hours = '0';
    expect(checkDraft(d)['timing.hours']).toBe('automations.form.needHours');
  });

  it('groups the server’s problems by path', () => {
    const p = serverProblems([
      { path: 'body.actions.1.body.fr', message: 'Unknown variable' },
      { path: 'actions.1.body.en', message: 'Too long' },
      { path: 'actions.10.type', message: 'Bad type' },
      { message: 'Whole' },
    ]);
    expect(problemsAt(p, 'actions.1')).toBe('Unknown variable; Too long');
    expect(problemsAt(p, 'actions.10')).toBe('Bad type');
    expect(problemsAt(p, '')).toBe('Whole');
    expect(problemsAt(p, 'name')).toBeUndefined();
  });
});
