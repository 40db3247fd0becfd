import { useCallback } from 'react';
import { useLocale, useT } from '../../../shared/i18n/I18nProvider';
import { useSkillCatalogue } from '../admin/skills/api';
import { skillName } from '../admin/skills/names';

/**
 * A skill's name in the reader's language, from the catalogue (GET /skills); `fallback` is the name the server
 * wrote at the time (in English), for a skill not in the catalogue any more.
 */
export function useSkillName(): (id: string, fallback?: string | null) => string {
  const t = useT();
  const { locale } = useLocale();
  const catalogue = useSkillCatalogue();
  return useCallback(
    (id: string, fallback?: string | null) => {
      const s = catalogue.data?.find((x) => x.id === id);
      return s ? skillName(s, locale) : (fallback ?? t('routing.skill.unknown'));
    },
    [catalogue.data, locale, t],
  );
}

/** Required skills as chips: "Cisco · level 3". */
export function SkillChips({ skills }: { skills: ReadonlyArray<{ skill_id: string; level: number; name?: string }> }) {
  const t = useT();
  const name = useSkillName();
  return (
    <ul className="skill-chips">
      {skills.map((s) => (
        <li key={s.skill_id} className="skill-chip">
          {t('routing.skill.chip', { name: name(s.skill_id, s.name), level: s.level })}
        </li>
      ))}
    </ul>
  );
}
