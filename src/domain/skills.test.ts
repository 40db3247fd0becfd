import { expect, it } from 'vitest';
import { normalizeSkills } from './skills.js';

it('keeps one entry per skill at its highest level, names trimmed, sorted', () => {
  expect(
    normalizeSkills([
      { name: ' Réseau ', level: 1 },
      { name: 'cisco', level: 2 },
      { name: 'reseau', level: 3 },
      { name: 'Active  Directory', level: 2 },
      { name: '  ', level: 1 },
    ]),
  ).toEqual([
    { name: 'Active Directory', level: 2 },
    { name: 'cisco', level: 2 },
    { name: 'reseau', level: 3 },
  ]);
});
