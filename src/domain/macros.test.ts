import { describe, expect, it } from 'vitest';
import { macroChangeRequest, macroProblems, type MacroAction } from './macros.js';

describe('macroProblems', () => {
  it('accepts a reply alone, changes alone, or both', () => {
    expect(macroProblems({ fr: 'Bonjour {{requester.first_name}}' }, [])).toEqual([]);
    expect(macroProblems({}, [{ type: 'set_status', status: 'pending' }])).toEqual([]);
    expect(macroProblems({ fr: 'Bonjour', en: 'Hello' }, [{ type: 'add_tags', tags: ['vpn'] }, { type: 'set_tier', tier: 'L2' }])).toEqual([]);
  });

  it('refuses a macro that does nothing (blank texts, no change)', () => {
    expect(macroProblems({ fr: '  ', en: '' }, [])).toEqual([{ path: 'body', message: expect.stringContaining('at least one') }]);
  });

  it('reports template problems per language', () => {
    const problems = macroProblems({ fr: 'Bonjour {{requester.prenom}}', en: 'Hello {{#team.name}}' }, []);
    expect(problems.map((p) => p.path)).toEqual(['body.fr', 'body.en']);
    expect(problems[0]).toMatchObject({ variable: 'requester.prenom' });
  });

  it('refuses the same field twice, empty tag lists, and a tag both added and removed', () => {
    const actions: MacroAction[] = [
      { type: 'set_status', status: 'pending' },
      { type: 'set_status', status: 'resolved' },
      { type: 'add_tags', tags: ['VPN', ' '] },
      { type: 'remove_tags', tags: ['vpn'] },
    ];
    expect(macroProblems({ fr: 'x' }, actions).map((p) => p.path)).toEqual(['actions.1', 'actions']);
    expect(macroProblems({ fr: 'x' }, [{ type: 'add_tags', tags: [' '] }]).map((p) => p.path)).toEqual(['actions.0.tags']);
  });
});

describe('macroChangeRequest', () => {
  it('turns actions into a change request; tags from the current ones', () => {
    const req = macroChangeRequest({ tags: ['printing', 'urgent'] }, [
      { type: 'set_status', status: 'resolved' },
      { type: 'set_urgency', urgency: 1 },
      { type: 'set_impact', impact: 3 },
      { type: 'set_team', team_id: 'team-b' },
      { type: 'set_assignee', agent_id: null },
      { type: 'set_tier', tier: 'L2' },
      { type: 'add_tags', tags: ['Toner', 'printing'] },
      { type: 'remove_tags', tags: ['URGENT'] },
    ]);
    expect(req).toEqual({
      status: 'resolved', urgency: 1, impact: 3, teamId: 'team-b', assigneeId: null, tier: 'L2', tags: ['printing', 'toner'],
    });
  });

  it('asks nothing of the tags without tag actions', () => {
    expect(macroChangeRequest({ tags: ['a'] }, [{ type: 'set_status', status: 'pending' }])).toEqual({ status: 'pending' });
  });
});
