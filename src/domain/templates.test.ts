import { describe, expect, it } from 'vitest';
import { renderTemplate, splitName, TEMPLATE_VARIABLES, templateVars, validateTemplate, type TemplateFacts } from './templates.js';

const facts = (over: Partial<TemplateFacts> = {}): TemplateFacts => ({
  language: 'fr',
  requester: { name: 'Marie-Hélène Dupont de la Tour', email: 'mh.dupont@client.example' },
  ticket: { number: 1042, subject: 'VPN <inaccessible> & lent', status: 'pending', priority: 'P2', url: 'https://relais.example/portal/tickets/1042' },
  agent: { name: 'Léa Dubois' },
  team: { name: 'Support N1' },
  ...over,
});

describe('validateTemplate', () => {
  it('accepts text and every known variable, with or without spaces inside the braces', () => {
    expect(validateTemplate('Bonjour,\n\nrien à remplacer.')).toEqual([]);
    expect(validateTemplate(TEMPLATE_VARIABLES.map((v, i) => (i % 2 ? `{{${v}}}` : `{{ ${v} }}`)).join(' '))).toEqual([]);
  });

  it('names each unknown variable', () => {
    const problems = validateTemplate('Bonjour {{requester.firstname}}, ticket {{ ticket.id }} / {{ticket.number}}');
    expect(problems.map((p) => p.variable)).toEqual(['requester.firstname', 'ticket.id']);
    expect(problems[0]!.message).toContain('{{requester.firstname}}');
  });

  it.each([
    ['unclosed tag', 'Bonjour {{requester.name', /syntax error: Unclosed tag/],
    ['unclosed section', '{{#ticket.url}}lien', /syntax error: Unclosed section/],
    ['unopened section', 'fin {{/ticket.url}}', /syntax error: Unopened section/],
    ['section', '{{#ticket.url}}Suivre{{/ticket.url}}', /sections/],
    ['inverted section', '{{^team.name}}aucune{{/team.name}}', /inverted sections/],
    ['partial', '{{> signature}}', /partials/],
    ['triple mustache', '{{{ticket.subject}}}', /unescaped/],
    ['ampersand', '{{& ticket.subject}}', /unescaped/],
    ['comment', '{{! à revoir }}', /comments/],
    ['delimiters', '{{=<% %>=}}<% ticket.number %>', /delimiters/],
  ])('refuses a %s', (_name, text, message) => {
    const problems = validateTemplate(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.message).toMatch(message);
  });
});

describe('renderTemplate', () => {
  it('fills every variable, in French, without escaping anything (Markdown)', () => {
    const text = 'Bonjour {{requester.first_name}} {{ requester.last_name }}, votre demande n° {{ticket.number}} « {{ticket.subject}} » est {{ticket.status}} (priorité {{ticket.priority}}) : {{ticket.url}} — {{agent.first_name}}, {{team.name}}';
    expect(renderTemplate(text, templateVars(facts()))).toBe(
      'Bonjour Marie-Hélène Dupont de la Tour, votre demande n° 1042 « VPN <inaccessible> & lent » est En attente du demandeur (priorité Haute) : https://relais.example/portal/tickets/1042 — Léa, Support N1',
    );
  });

  it('speaks English labels for an English template', () => {
    const vars = templateVars(facts({ language: 'en', ticket: { ...facts().ticket, status: 'on_hold', priority: 'P1' } }));
    expect(renderTemplate('{{ticket.status}} / {{ticket.priority}}', vars)).toBe('On hold / Critical');
  });

  it('leaves empty what is not known (no agent, no team, no address)', () => {
    const vars = templateVars(facts({ agent: null, team: null, requester: { name: 'Zoé', email: null } }));
    expect(renderTemplate('[{{agent.name}}|{{agent.first_name}}|{{team.name}}|{{requester.email}}|{{requester.last_name}}]', vars)).toBe('[||||]');
  });

  it('keeps an unknown variable as written, and returns a template with sections as written', () => {
    const vars = templateVars(facts());
    expect(renderTemplate('{{ticket.number}} {{ticket.id}}', vars)).toBe('1042 {{ticket.id}}');
    expect(renderTemplate('{{#team.name}}x{{/team.name}} {{ticket.number}}', vars)).toBe('{{#team.name}}x{{/team.name}} {{ticket.number}}');
    expect(renderTemplate('broken {{ticket.number', vars)).toBe('broken {{ticket.number');
  });

  it('keeps Markdown and line breaks around variables', () => {
    expect(renderTemplate('**{{ticket.number}}**\n\n- {{team.name}}\n', templateVars(facts()))).toBe('**1042**\n\n- Support N1\n');
  });
});

describe('splitName', () => {
  it.each([
    ['Jean Martin', 'Jean', 'Martin'],
    ['  Jean   Martin  ', 'Jean', 'Martin'],
    ['Zoé', 'Zoé', ''],
    ['', '', ''],
    ['Anne-Sophie de La Rochefoucauld', 'Anne-Sophie', 'de La Rochefoucauld'],
  ])('%j → %j / %j', (name, first, last) => expect(splitName(name)).toEqual({ first, last }));
});
