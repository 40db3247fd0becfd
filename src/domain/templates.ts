import Mustache from 'mustache';
import type { Priority } from './priority.js';
import type { TicketStatus } from './ticket.js';

/**
 * Reply templates (macros, automation replies): Markdown with plain `{{group.name}}` variables. Mustache parses
 * them; only text and plain variables are accepted, so a template never hides logic (sections, partials) and
 * nothing is HTML-escaped (the output is Markdown, rendered and sanitized where it is shown).
 */
export const TEMPLATE_VARIABLES = [
  'requester.name',
  'requester.first_name',
  'requester.last_name',
  'requester.email',
  'ticket.number',
  'ticket.subject',
  'ticket.status',
  'ticket.priority',
  'ticket.url',
  'agent.name',
  'agent.first_name',
  'team.name',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** The values of every variable, as text; '' when unknown (no team, no agent). */
export type TemplateVars = Readonly<Record<TemplateVariable, string>>;

export type TemplateLanguage = 'fr' | 'en';

export interface TemplateProblem {
  path?: string;
  message: string;
  /** The variable named in the problem (an unknown one). */
  variable?: string;
}

// Wording per the glossary (shared/GLOSSARY.md), as the requester reads it.
const STATUS_LABELS: Record<TemplateLanguage, Record<TicketStatus, string>> = {
  fr: { new: 'Nouveau', open: 'Ouvert', pending: 'En attente du demandeur', on_hold: 'Suspendu', resolved: 'Résolu', closed: 'Fermé' },
  en: { new: 'New', open: 'Open', pending: 'Pending', on_hold: 'On hold', resolved: 'Resolved', closed: 'Closed' },
};
const PRIORITY_LABELS: Record<TemplateLanguage, Record<Priority, string>> = {
  fr: { P1: 'Critique', P2: 'Haute', P3: 'Moyenne', P4: 'Basse' },
  en: { P1: 'Critical', P2: 'High', P3: 'Medium', P4: 'Low' },
};

const KNOWN = new Set<string>(TEMPLATE_VARIABLES);

const UNSUPPORTED: Record<string, string> = {
  '#': 'sections ({{#…}}) are not supported',
  '^': 'inverted sections ({{^…}}) are not supported',
  '/': 'sections ({{/…}}) are not supported',
  '>': 'partials ({{>…}}) are not supported',
  '&': 'unescaped variables ({{{…}}} or {{&…}}) are not needed: nothing is escaped',
  '!': 'comments ({{!…}}) are not supported',
  '=': 'changing the delimiters ({{=…=}}) is not supported',
};

type Token = [type: string, value: string, start: number, end: number, ...rest: unknown[]];

function parse(text: string): { tokens: Token[] } | { error: string } {
  try {
    return { tokens: Mustache.parse(text) as Token[] };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** Syntax errors, constructs other than plain variables, and unknown variables (named); [] when the template is fine. */
export function validateTemplate(text: string): TemplateProblem[] {
  const parsed = parse(text);
  if ('error' in parsed) return [{ message: `Template syntax error: ${parsed.error}.` }];
  const problems: TemplateProblem[] = [];
  for (const [type, value, start] of parsed.tokens) {
    if (type === 'text') continue;
    if (type === 'name') {
      if (!KNOWN.has(value)) {
        problems.push({ message: `Unknown variable {{${value}}} (at ${start}).`, variable: value });
      }
      continue;
    }
    problems.push({ message: `Only plain {{variables}} are allowed: ${UNSUPPORTED[type] ?? `"${type}" tags are not supported`} (at ${start}).` });
  }
  return problems;
}

/**
 * Fills the variables in. Templates are validated when saved; should one still hold something else than text and
 * variables, it is returned as written rather than half-rendered, and an unknown variable stays as written, so
 * the agent sees what did not fill in. Nothing is escaped.
 */
export function renderTemplate(text: string, vars: TemplateVars): string {
  const parsed = parse(text);
  if ('error' in parsed || parsed.tokens.some(([type]) => type !== 'text' && type !== 'name')) return text;
  const values: Readonly<Record<string, string>> = vars;
  return parsed.tokens
    .map(([type, value, start, end]) => (type === 'text' ? value : KNOWN.has(value) ? (values[value] ?? '') : text.slice(start, end)))
    .join('');
}

/** "Marie-Hélène Dupont de la Tour" → first "Marie-Hélène", last "Dupont de la Tour" (the first word is the given name). */
export function splitName(name: string): { first: string; last: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return { first: words[0] ?? '', last: words.slice(1).join(' ') };
}

export interface TemplateFacts {
  language: TemplateLanguage;
  requester: { name: string; email: string | null };
  ticket: { number: number; subject: string; status: TicketStatus; priority: Priority; url: string };
  agent: { name: string } | null;
  team: { name: string } | null;
}

/** The variables of one ticket, with status and priority in the template's language. */
export function templateVars(f: TemplateFacts): TemplateVars {
  const requester = splitName(f.requester.name);
  return {
    'requester.name': f.requester.name,
    'requester.first_name': requester.first,
    'requester.last_name': requester.last,
    'requester.email': f.requester.email ?? '',
    'ticket.number': String(f.ticket.number),
    'ticket.subject': f.ticket.subject,
    'ticket.status': STATUS_LABELS[f.language][f.ticket.status],
    'ticket.priority': PRIORITY_LABELS[f.language][f.ticket.priority],
    'ticket.url': f.ticket.url,
    'agent.name': f.agent?.name ?? '',
    'agent.first_name': f.agent ? splitName(f.agent.name).first : '',
    'team.name': f.team?.name ?? '',
  };
}
