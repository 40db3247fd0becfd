import { useT } from '../../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../../shared/ui/Dialog';
import { QueryStatus } from '../form';
import { useSkillHolders } from './api';

/** "Who knows Cisco?": the agents holding a skill with their level, experts first, disabled accounts last. */
export function SkillHoldersDialog({ skillId, name, onClose }: { skillId: string; name: string; onClose: () => void }) {
  const t = useT();
  const holders = useSkillHolders(skillId);
  return (
    <Dialog title={t('skills.holdersNamed', { name })} onClose={onClose}>
      <QueryStatus query={holders} />
      {holders.data?.length === 0 && <p>{t('skills.holders.none')}</p>}
      {holders.data && holders.data.length > 0 && (
        <table className="table admin-table">
          <caption className="visually-hidden">{t('skills.holdersNamed', { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.agents.name')}</th>
              <th scope="col">{t('admin.agents.tier')}</th>
              <th scope="col">{t('skills.holders.level')}</th>
            </tr>
          </thead>
          <tbody>
            {holders.data.map((a) => (
              <tr key={a.id} className={a.active ? undefined : 'inactive'}>
                <th scope="row">{a.active ? a.name : t('skills.holders.disabled', { name: a.name })}</th>
                <td>{t(`tier.${a.tier}`)}</td>
                <td>{t(`admin.skillLevel.${a.level}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
