import { z } from 'zod';
import { PRIORITIES } from '../../domain/priority.js';
import { CHANNELS, TIERS } from '../../domain/ticket.js';
import { IsoDate, Level, Uuid } from './common.js';

const Word = z.string().trim().min(1).max(100);
const ConditionsFields = {
  channels: z.array(z.enum(CHANNELS)).max(10),
  category_ids: z.array(Uuid).max(100).describe('A category matches its sub-categories too'),
  organization_ids: z.array(Uuid).max(100),
  keywords: z.array(Word).max(50)
    .describe('Words or phrases in the subject or the description, French or English; whole words, case and accents ignored'),
  brands: z.array(Word).max(50).describe('Equipment brands (Cisco, Dell, HP …); case and accents ignored'),
  priorities: z.array(z.enum(PRIORITIES)).max(4),
};
const SkillRefJson = z.object({ skill_id: Uuid, level: Level.describe('1 basic, 2 confirmed, 3 expert: the least the assignee must have') });
const Adjust = z.enum(['raise', 'lower']).nullable().describe('Moves the urgency one step up or down; the priority follows the matrix');
const OutcomeFields = {
  team_id: Uuid.nullable().describe('null: the team stays as the creator chose'),
  tier: z.enum(TIERS).nullable(),
  required_skills: z.array(SkillRefJson).max(20),
  priority_adjust: Adjust,
  tags: z.array(z.string().trim().min(1).max(50)).max(30),
};

export const RoutingRuleJson = z.object({
  id: Uuid,
  name: z.string(),
  description: z.string(),
  position: z.number().int().describe('Rules are tried in this order (1 first); the first active one whose conditions all hold decides'),
  active: z.boolean(),
  conditions: z.object(ConditionsFields).describe('Every non-empty list must hold; an empty list matches every ticket'),
  outcome: z.object(OutcomeFields),
  created_at: IsoDate,
  updated_at: IsoDate,
});
export const RoutingRuleList = z.object({ data: z.array(RoutingRuleJson) });

const ConditionsBody = z.strictObject(ConditionsFields).partial();
const OutcomeBody = z.strictObject(OutcomeFields).partial();
const RuleFields = {
  description: z.string().trim().max(2000).optional(),
  active: z.boolean().optional(),
  conditions: ConditionsBody.optional().describe('Replaces the conditions as a whole; absent or empty lists match every ticket'),
};
export const CreateRoutingRuleBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  position: z.number().int().min(1).optional().describe('Rule order (1 is tried first); default: last'),
  outcome: OutcomeBody.optional(),
  ...RuleFields,
});
export const UpdateRoutingRuleBody = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  outcome: OutcomeBody.optional().describe('Only the fields given change'),
  ...RuleFields,
});
export const RoutingRuleOrderBody = z.strictObject({ ids: z.array(Uuid).max(500) });

export const RoutingTestBody = z.strictObject({
  subject: z.string().max(500),
  description: z.string().max(100_000).default(''),
  channel: z.enum(CHANNELS).default('portal'),
  category_id: Uuid.nullable().default(null),
  organization_id: Uuid.nullable().default(null),
  equipment_brand: z.string().trim().max(100).nullable().default(null),
  priority: z.enum(PRIORITIES).default('P3'),
});

const RuleRef = z.object({ id: Uuid, name: z.string(), position: z.number().int() });
export const RoutingTestJson = z.object({
  rule: RuleRef.nullable().describe('The rule that decides; null when none matches'),
  matched: z.array(z.string()).describe('What matched, in English ("keyword «switch»", "brand Cisco")'),
  reason: z.string().describe('The explanation written on the ticket'),
  outcome: z.object(OutcomeFields).nullable(),
  rules: z.array(RuleRef.extend({ active: z.boolean(), matches: z.boolean().describe('Its conditions alone hold for this ticket') })),
});
