import { DomainError } from './errors.js';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** 1 is the highest urgency/impact (ITIL convention): urgency 1 × impact 1 is the most critical ticket. */
export type Level = 1 | 2 | 3;

/**
 * Priority matrix indexed `[urgency - 1][impact - 1]`. Stored in settings so each help desk can tune it.
 */
export type PriorityMatrix = readonly [
  readonly [Priority, Priority, Priority],
  readonly [Priority, Priority, Priority],
  readonly [Priority, Priority, Priority],
];

/** The usual ITIL grid folded onto four levels: P1 only when both urgency and impact are at their highest. */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = [
  ['P1', 'P2', 'P3'],
  ['P2', 'P3', 'P4'],
  ['P3', 'P4', 'P4'],
];

export function priorityFor(matrix: PriorityMatrix, urgency: Level, impact: Level): Priority {
  return matrix[urgency - 1]![impact - 1]!;
}

/** Validates an untrusted matrix (from the API or settings) and returns it typed. */
export function parsePriorityMatrix(value: unknown): PriorityMatrix {
  const fail = (message: string): never => {
    throw new DomainError('INVALID_PRIORITY_MATRIX', message);
  };
  if (!Array.isArray(value) || value.length !== 3) fail('The priority matrix must have 3 rows (urgency 1 to 3).');
  const rows = value as unknown[];
  rows.forEach((row, u) => {
    if (!Array.isArray(row) || row.length !== 3) fail(`Row for urgency ${u + 1} must have 3 cells (impact 1 to 3).`);
    (row as unknown[]).forEach((cell, i) => {
      if (!PRIORITIES.includes(cell as Priority)) {
        fail(`Cell urgency ${u + 1} × impact ${i + 1} must be one of ${PRIORITIES.join(', ')}.`);
      }
    });
  });
  return rows as unknown as PriorityMatrix;
}


/**
 * One step up in priority through the matrix: the smallest change of urgency, else of impact, else both, that
 * gives a higher priority. Null when nothing higher is reachable (already at the top).
 */
export function raisePriority(matrix: PriorityMatrix, urgency: Level, impact: Level): { urgency: Level; impact: Level; priority: Priority } | null {
  const rank = (p: Priority) => PRIORITIES.indexOf(p);
  const current = rank(priorityFor(matrix, urgency, impact));
  const candidates: Array<[Level, Level]> = [];
  for (let u = urgency; u >= 1; u--) for (let i = impact; i >= 1; i--) candidates.push([u as Level, i as Level]);
  // Fewest steps first, urgency before impact (how urgent it became is what an SLA escalation knows).
  candidates.sort((a, b) => urgency - a[0] + impact - a[1] - (urgency - b[0] + impact - b[1]) || a[0] - b[0]);
  for (const [u, i] of candidates) {
    const p = priorityFor(matrix, u, i);
    if (rank(p) < current) return { urgency: u, impact: i, priority: p };
  }
  return null;
}

/** One step down in priority, the mirror of `raisePriority`; null when already at the bottom. */
export function lowerPriority(matrix: PriorityMatrix, urgency: Level, impact: Level): { urgency: Level; impact: Level; priority: Priority } | null {
  const rank = (p: Priority) => PRIORITIES.indexOf(p);
  const current = rank(priorityFor(matrix, urgency, impact));
  const candidates: Array<[Level, Level]> = [];
  for (let u = urgency; u <= 3; u++) for (let i = impact; i <= 3; i++) candidates.push([u as Level, i as Level]);
  candidates.sort((a, b) => a[0] - urgency + a[1] - impact - (b[0] - urgency + b[1] - impact) || b[0] - a[0]);
  for (const [u, i] of candidates) {
    const p = priorityFor(matrix, u, i);
    if (rank(p) > current) return { urgency: u, impact: i, priority: p };
  }
  return null;
}
