/**
 * What each demo agent knows, from the default skill catalogue, at a level from 1 (basic) to 3 (expert): the L1
 * desk covers workstations, printers and mail; the network team Cisco and firewalls; the applications team the
 * business software and its databases; the L3 engineers are the experts.
 */
import type { Level } from '../../domain/priority.js';
import type { SkillRef } from '../../domain/skills.js';
import type { DefaultSkillName } from '../../usecases/skills/default-skills.js';

type Skills = Partial<Record<DefaultSkillName, Level>>;

/** By the agent's name in `AGENTS` (directory.ts). */
export const AGENT_SKILLS: Readonly<Record<string, Skills>> = {
  'Claire Martin': { Windows: 3, 'Active Directory': 3, Virtualization: 3, Backup: 2, Security: 2, Microsoft: 3, Dell: 2 },
  'Julien Moreau': { 'Business applications': 3, 'Databases (SQL)': 2, Windows: 2, Microsoft: 2 },
  'Sarah Thompson': { Networking: 3, Cisco: 2, Fortinet: 2, Virtualization: 2, Linux: 2 },
  'Léa Dubois': { Windows: 2, Printing: 2, HP: 1, Canon: 1, Microsoft: 2, 'Email and collaboration': 2 },
  'Thomas Petit': { Windows: 2, Printing: 2, HP: 2, Brother: 1, 'Mobile devices': 1, Microsoft: 1 },
  'Camille Roux': { Windows: 2, 'Email and collaboration': 2, 'Mobile devices': 2, Apple: 1, Samsung: 1, macOS: 1, Microsoft: 2 },
  'Hugo Lefèvre': { Windows: 2, Printing: 1, Telephony: 2, 'Active Directory': 1, Lenovo: 1, Dell: 1 },
  'Emma Wilson': { Windows: 2, macOS: 2, Apple: 2, Printing: 1, Epson: 1, Microsoft: 2, 'Email and collaboration': 1 },
  'Nicolas Garnier': { 'Business applications': 3, 'Databases (SQL)': 3, 'APIs and integrations': 2, Scripting: 1 },
  'Inès Benali': { 'Business applications': 3, 'Email and collaboration': 2, 'Databases (SQL)': 1, Microsoft: 2 },
  'Antoine Girard': { Networking: 3, Cisco: 3, Telephony: 2, Ubiquiti: 2, Fortinet: 1 },
  'David Clarke': { Networking: 3, Cisco: 2, Security: 2, Fortinet: 2, Ubiquiti: 1 },
  'Manon Faure': { Virtualization: 2, Backup: 3, Linux: 2, Windows: 2, 'Active Directory': 2, Dell: 2, HP: 2 },
  'Mathieu Chevalier': { Linux: 3, Scripting: 3, 'Databases (SQL)': 3, 'APIs and integrations': 3, Virtualization: 2 },
  'Sophie Lambert': { Windows: 3, 'Active Directory': 3, Security: 3, Backup: 2, Microsoft: 3, Virtualization: 3 },
  'Karim Haddad': { Networking: 3, Cisco: 3, Security: 3, Fortinet: 3, Linux: 2, Scripting: 2 },
};

/** An agent's skills as catalogue references, given the catalogue's ids by English name. */
export function demoSkillRefs(agentName: string, idByName: ReadonlyMap<string, string>): SkillRef[] {
  return Object.entries(AGENT_SKILLS[agentName] ?? {}).map(([name, level]) => {
    const skillId = idByName.get(name);
    if (!skillId) throw new Error(`The demo skill ${name} is not in the catalogue.`);
    return { skill_id: skillId, level };
  });
}
