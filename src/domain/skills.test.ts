import { expect, it } from 'vitest';
import { normalizeSkillRefs, skillKey } from './skills.js';

it('keeps one entry per skill at its highest level, in a stable order', () => {
  expect(normalizeSkillRefs([
    { skill_id: 'b', level: 1 },
    { skill_id: 'a', level: 2 },
    { skill_id: 'b', level: 3 },
    { skill_id: 'b', level: 2 },
  ])).toEqual([{ skill_id: 'a', level: 2 }, { skill_id: 'b', level: 3 }]);
});

it('compares names without accents, case or extra spaces', () => {
  expect(skillKey(' Réseau  Local ')).toBe('reseau local');
});
