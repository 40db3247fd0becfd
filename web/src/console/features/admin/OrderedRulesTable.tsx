import { useId, useState, type ReactNode } from 'react';
import type { MessageId } from '../../../shared/i18n/ids';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { useApiErrorText } from './errors';
import { ConfirmDeleteDialog, FormError, QueryStatus } from './form';

/** What the table needs of a rule: SLA policies, automations and routing rules are all tried in this order. */
export interface OrderedRule {
  id: string;
  name: string;
  active: boolean;
}

/** The messages the table says, looked up under the section's catalogue prefix (`slaPolicies.moveUp`, …). */
type RuleMessage = 'new' | 'intro' | 'empty' | 'col.order' | 'col.name' | 'col.active' | 'active' | 'inactive'
  | 'activeNamed' | 'activated' | 'deactivated' | 'moveUp' | 'moveDown' | 'moved' | 'editNamed' | 'viewNamed' | 'view'
  | 'deleteNamed' | 'deleteConfirm' | 'deleted' | 'created' | 'updated';
/** Prefixes with every RuleMessage in the catalogues (a missing one is a compile error at the `t` calls below). */
export type RuleMessages = 'slaPolicies' | 'automations' | 'routingRules';

/** Just what the table calls of the section's react-query mutations. */
interface Mutation<V> {
  isPending: boolean;
  mutateAsync(v: V): Promise<unknown>;
}

export interface OrderedRulesTableProps<R extends OrderedRule> {
  title: string;
  messages: RuleMessages;
  canEdit: boolean;
  rules: { data?: R[] | undefined; isPending: boolean; isError: boolean; error: unknown };
  update: Mutation<{ id: string; body: { active: boolean } }>;
  reorder: Mutation<string[]>;
  remove: Mutation<string>;
  /** The columns between the name and the active switch. */
  columns: { header: MessageId; cell: (rule: R) => ReactNode }[];
  /** The row header; the name by default. */
  rowHeader?: (rule: R) => ReactNode;
  /** Buttons between the reorder buttons and "Edit". */
  actions?: (rule: R) => ReactNode;
  /** The editor in the dialog; `rule` is null for a new one. */
  editor: (props: { rule: R | null; onDone: (saved: R) => void; onCancel: () => void }) => ReactNode;
  /** More dialogs of the section's own. */
  children?: ReactNode;
}

/**
 * An ordered list of rules (managers read, administrators change): each row moved up or down one place at a time,
 * switched on and off, edited (or seen) in a dialog, deleted after a confirmation; a notice says what was done.
 */
export function OrderedRulesTable<R extends OrderedRule>(props: OrderedRulesTableProps<R>) {
  const { title, messages, canEdit, rules, update, reorder, remove, columns } = props;
  const t = useT();
  const m = (key: RuleMessage, values?: Record<string, string | number>) => t(`${messages}.${key}`, values);
  const titleId = useId();
  const errorText = useApiErrorText();
  const [editing, setEditing] = useState<R | 'new' | null>(null);
  const [deleting, setDeleting] = useState<R | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const list = rules.data ?? [];

  async function act(run: () => Promise<unknown>, done: string) {
    setError(null);
    try {
      await run();
      setNotice(done);
    } catch (err) {
      setError(errorText(err));
    }
  }

  const move = (i: number, by: -1 | 1) => {
    const ids = list.map((r) => r.id);
    [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
    void act(() => reorder.mutateAsync(ids), m('moved', { name: list[i]!.name, position: i + by + 1 }));
  };
  const activeText = (r: R) => (r.active ? m('active') : m('inactive'));
  const editName = (r: R) => m(canEdit ? 'editNamed' : 'viewNamed', { name: r.name });

  return (
    <section aria-labelledby={titleId} className="admin-section">
      <div className="admin-section-header">
        <h2 id={titleId}>{title}</h2>
        {canEdit && <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>{m('new')}</button>}
      </div>
      <p>{m('intro')}</p>
      {!canEdit && <p className="banner">{t('admin.readOnly')}</p>}
      <p role="status" className="admin-notice">{notice}</p>
      <FormError message={error} />
      <QueryStatus query={rules} />
      {rules.data && list.length === 0 && <p>{m('empty')}</p>}
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="table admin-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{m('col.order')}</th>
                <th scope="col">{m('col.name')}</th>
                {columns.map((c) => <th key={c.header} scope="col">{t(c.header)}</th>)}
                <th scope="col">{m('col.active')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r, i) => (
                <tr key={r.id} className={r.active ? undefined : 'inactive'}>
                  <td>{i + 1}</td>
                  <th scope="row">{props.rowHeader ? props.rowHeader(r) : r.name}</th>
                  {columns.map((c) => <td key={c.header}>{c.cell(r)}</td>)}
                  <td>
                    {canEdit ? (
                      <label className="check">
                        <input type="checkbox" checked={r.active} disabled={update.isPending} aria-label={m('activeNamed', { name: r.name })}
                          onChange={(e) => {
                            const active = e.target.checked;
                            void act(() => update.mutateAsync({ id: r.id, body: { active } }), m(active ? 'activated' : 'deactivated', { name: r.name }));
                          }} />
                        {activeText(r)}
                      </label>
                    ) : (
                      <span className={`badge ${r.active ? 'badge-ok' : 'badge-off'}`}>{activeText(r)}</span>
                    )}
                  </td>
                  <td className="admin-actions">
                    {canEdit && (
                      <>
                        <button type="button" className="btn btn-small" disabled={i === 0 || reorder.isPending}
                          aria-label={m('moveUp', { name: r.name })} onClick={() => move(i, -1)}>
                          <span aria-hidden="true">↑</span>
                        </button>
                        <button type="button" className="btn btn-small" disabled={i === list.length - 1 || reorder.isPending}
                          aria-label={m('moveDown', { name: r.name })} onClick={() => move(i, 1)}>
                          <span aria-hidden="true">↓</span>
                        </button>
                      </>
                    )}
                    {props.actions?.(r)}
                    <button type="button" className="btn btn-small" aria-label={editName(r)} onClick={() => setEditing(r)}>
                      {canEdit ? t('common.edit') : m('view')}
                    </button>
                    {canEdit && (
                      <button type="button" className="btn btn-small btn-danger" aria-label={m('deleteNamed', { name: r.name })}
                        onClick={() => setDeleting(r)}>
                        {t('common.delete')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <Dialog title={editing === 'new' ? m('new') : editName(editing)} onClose={() => setEditing(null)}>
          {props.editor({
            rule: editing === 'new' ? null : editing,
            onCancel: () => setEditing(null),
            onDone: (saved) => {
              setNotice(m(editing === 'new' ? 'created' : 'updated', { name: saved.name }));
              setEditing(null);
            },
          })}
        </Dialog>
      )}
      {props.children}
      {deleting && (
        <ConfirmDeleteDialog
          title={m('deleteNamed', { name: deleting.name })}
          message={m('deleteConfirm', { name: deleting.name })}
          pending={remove.isPending}
          onConfirm={() => {
            const r = deleting;
            setDeleting(null);
            void act(() => remove.mutateAsync(r.id), m('deleted', { name: r.name }));
          }}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
