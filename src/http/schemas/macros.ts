import { z } from 'zod';
import { MACRO_ACTION_TYPES } from '../../domain/macros.js';
import { TEMPLATE_VARIABLES } from '../../domain/templates.js';
import { TIERS } from '../../domain/ticket.js';
import { IsoDate, Level, Uuid } from './common.js';
import { TimelineEntryJson } from './ticket-actions.js';
import { TicketJson } from './tickets.js';

const Tag = z.string().trim().min(1).max(50);
const Tags = z.array(Tag).min(1).max(30);
const MacroStatus = z.enum(['open', 'pending', 'on_hold', 'resolved', 'closed']);

const ACTION_SHAPES = [
  { type: z.literal('set_status'), status: MacroStatus },
  { type: z.literal('set_urgency'), urgency: Level },
  { type: z.literal('set_impact'), impact: Level },
  { type: z.literal('set_team'), team_id: Uuid },
  { type: z.literal('set_assignee'), agent_id: Uuid.nullable().describe('null unassigns') },
  { type: z.literal('set_tier'), tier: z.enum(TIERS) },
  { type: z.literal('add_tags'), tags: Tags },
  { type: z.literal('remove_tags'), tags: Tags },
] as const;

/** The field changes a macro can make (a subset of the automation actions, same JSON). */
export const MacroActionJson = z.discriminatedUnion('type', [
  z.strictObject(ACTION_SHAPES[0]), z.strictObject(ACTION_SHAPES[1]), z.strictObject(ACTION_SHAPES[2]), z.strictObject(ACTION_SHAPES[3]),
  z.strictObject(ACTION_SHAPES[4]), z.strictObject(ACTION_SHAPES[5]), z.strictObject(ACTION_SHAPES[6]), z.strictObject(ACTION_SHAPES[7]),
]);

/** An action as a preview shows it: with the names of the team and agent it points at (null once deleted). */
const Names = { team_name: z.string().nullable().optional(), agent_name: z.string().nullable().optional() };
const DescribedAction = z.discriminatedUnion('type', [
  z.object({ ...ACTION_SHAPES[0], ...Names }), z.object({ ...ACTION_SHAPES[1], ...Names }), z.object({ ...ACTION_SHAPES[2], ...Names }),
  z.object({ ...ACTION_SHAPES[3], ...Names }), z.object({ ...ACTION_SHAPES[4], ...Names }), z.object({ ...ACTION_SHAPES[5], ...Names }),
  z.object({ ...ACTION_SHAPES[6], ...Names }), z.object({ ...ACTION_SHAPES[7], ...Names }),
]);

const Template = z.string().max(20_000);
const TEMPLATE_HELP = `Markdown with plain variables: ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}.`;

export const CreateMacroBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  body: z.strictObject({ fr: Template.optional(), en: Template.optional() })
    .default({})
    .describe(`The reply per language; the requester's language picks one, the other is the fallback. ${TEMPLATE_HELP}`),
  actions: z.array(MacroActionJson).max(10).default([]).describe('Field changes applied with the reply, one per field'),
  shared: z.boolean().default(false).describe('Shared with every agent (managers and administrators), else personal'),
});
export const UpdateMacroBody = z.strictObject({
  name: CreateMacroBody.shape.name.optional(),
  body: z.strictObject({ fr: Template.optional(), en: Template.optional() }).optional().describe('Replaces both texts'),
  actions: z.array(MacroActionJson).max(10).optional(),
  shared: z.boolean().optional(),
});

export const MacroListQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Part of the name (any case, accents ignored)'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const MacroJson = z.object({
  id: Uuid,
  name: z.string(),
  body: z.object({ fr: z.string().nullable(), en: z.string().nullable() }),
  actions: z.array(MacroActionJson),
  shared: z.boolean(),
  owner: z.object({ id: Uuid, name: z.string() }).nullable(),
  can_edit: z.boolean().describe('Whether the caller may change or delete it'),
  created_at: IsoDate,
  updated_at: IsoDate,
});
export const MacroList = z.object({ data: z.array(MacroJson), variables: z.array(z.string()).describe('The template variables') });

export const MacroTicketParams = z.object({
  id: z.string().min(1).max(64).describe('Ticket id (UUID) or number'),
  macroId: Uuid,
});

export const RenderedMacroJson = z.object({
  macro: MacroJson,
  language: z.enum(['fr', 'en']).describe('The language of the text: the requester’s, else the other one the macro has'),
  body: z.string().describe('The reply, variables filled in; empty for a macro without reply'),
  actions: z.array(DescribedAction).describe('The changes it makes, with team and agent names'),
});

export const ApplyMacroBody = z.strictObject({
  body: z.string().max(100_000).optional().describe("The reply as edited; omitted = the macro's text; empty = no reply, changes only"),
  omit_actions: z.array(z.enum(MACRO_ACTION_TYPES)).max(MACRO_ACTION_TYPES.length).optional()
    .describe('Changes of the macro not to apply (by type)'),
});

export const AppliedMacroJson = z.object({
  entry: TimelineEntryJson.nullable().describe('The public reply, null when only fields changed'),
  ticket: TicketJson,
  changed: z.boolean().describe('Whether any field changed'),
});
