import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_MATRIX, parsePriorityMatrix, priorityFor, type Level } from './priority.js';

describe('priority matrix', () => {
  it('maps urgency × impact to P1–P4 with the default ITIL grid', () => {
    const table: Array<[Level, Level, string]> = [
      [1, 1, 'P1'], [1, 2, 'P2'], [1, 3, 'P3'],
      [2, 1, 'P2'], [2, 2, 'P3'], [2, 3, 'P4'],
      [3, 1, 'P3'], [3, 2, 'P4'], [3, 3, 'P4'],
    ];
    for (const [u, i, p] of table) expect(priorityFor(DEFAULT_PRIORITY_MATRIX, u, i)).toBe(p);
  });

  it('uses a configured matrix', () => {
    const m = parsePriorityMatrix([['P1', 'P1', 'P2'], ['P2', 'P2', 'P3'], ['P3', 'P4', 'P4']]);
    expect(priorityFor(m, 1, 2)).toBe('P1');
    expect(priorityFor(m, 3, 1)).toBe('P3');
  });

  it.each([
    [null],
    [[['P1', 'P2', 'P3'], ['P2', 'P3', 'P4']]],
    [[['P1', 'P2'], ['P2', 'P3', 'P4'], ['P3', 'P4', 'P4']]],
    [[['P1', 'P2', 'P9'], ['P2', 'P3', 'P4'], ['P3', 'P4', 'P4']]],
  ])('rejects a malformed matrix %j', (m) => {
    expect(() => parsePriorityMatrix(m)).toThrow(expect.objectContaining({ code: 'INVALID_PRIORITY_MATRIX' }));
  });
});
