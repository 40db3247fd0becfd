import { useT } from '../../../shared/i18n/I18nProvider';
import type { MessageId } from '../../../shared/i18n/ids';
import { Dialog } from '../../../shared/ui/Dialog';

const KEYS: ReadonlyArray<readonly [keys: readonly string[], action: MessageId]> = [
  [['j'], 'queues.shortcuts.next'],
  [['k'], 'queues.shortcuts.previous'],
  [['Enter'], 'queues.shortcuts.open'],
  [['/'], 'queues.shortcuts.search'],
  [['n'], 'routing.next.shortcut'],
  [['?'], 'queues.shortcuts.help'],
];

/** The list's keyboard shortcuts (key names are the keys' own labels, the same in every language). */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <Dialog title={t('shell.shortcuts')} onClose={onClose}>
      <dl className="shortcuts">
        {KEYS.map(([keys, action]) => (
          <div key={action} className="shortcut">
            <dt>
              {keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dt>
            <dd>{t(action)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
