import type { Level } from '../../domain/priority.js';
import type { Tier, TicketType } from '../../domain/ticket.js';
import type { TeamKey } from './directory.js';

/** What requesters and technicians write along one ticket, in one language. */
export interface ScenarioTexts {
  subjects: readonly string[];
  description: string;
  /** The technician asks for details… */
  question: string;
  /** …and the requester answers. */
  answer: string;
  /** The technician's reply that solves it. */
  fix: string;
  /** An internal note: the diagnosis, for colleagues. */
  note: string;
  /** Internal note when the ticket waits for a supplier, a part or a maintenance window. */
  hold?: string;
}

export interface Scenario {
  key: string;
  /** Category key from directory.ts. */
  category: string;
  type: TicketType;
  /** The team and tier that solve it: above L1, the ticket is escalated there. */
  team: TeamKey;
  tier: Tier;
  /** Relative frequency among tickets. */
  weight: number;
  urgency: readonly Level[];
  impact: readonly Level[];
  equipment?: ReadonlyArray<readonly [string, string]>;
  tags: readonly string[];
  /** Alerts opened by the monitoring system through the API rather than by a person. */
  monitoring?: boolean;
  /** Only these organizations have this kind of ticket (the clinic's patient records). */
  organizations?: readonly string[];
  fr: ScenarioTexts;
  en: ScenarioTexts;
}
