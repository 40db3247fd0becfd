import { useState, type FormEvent } from 'react';
import { useT } from '../../../../shared/i18n/I18nProvider';
import { Field, FormError, hasErrors, useFocusFirstError, type FieldErrors } from '../form';
import { SKILL_KINDS, type Skill, type SkillKind, type SkillPatch } from './api';

/** The server's limit on a skill name (src/http/schemas/skills.ts). */
const MAX_NAME = 80;

type FieldName = 'name_fr' | 'name_en';

/** What a failed save tells the form: the message, and the fields the server blamed (a name already taken). */
export interface SkillFormFailure {
  message: string;
  blamed: string[];
}

function changedFields(before: Skill, after: Required<SkillPatch>): SkillPatch {
  const body: SkillPatch = {};
  if (after.kind !== before.kind) body.kind = after.kind;
  if (after.name_fr !== before.name_fr) body.name_fr = after.name_fr;
  if (after.name_en !== before.name_en) body.name_en = after.name_en;
  if (after.active !== before.active) body.active = after.active;
  return body;
}

/** Kind, French and English names and whether the skill is offered. */
export function SkillForm(props: {
  skill?: Skill;
  busy: boolean;
  submitLabel: string;
  /** Every field, and (when editing) only those that changed. */
  onSubmit: (full: Required<SkillPatch>, changed: SkillPatch) => Promise<SkillFormFailure | null>;
  onCancel?: () => void;
}) {
  const { skill } = props;
  const t = useT();
  const { ref, focusFirstError } = useFocusFirstError();
  const [kind, setKind] = useState<SkillKind>(skill?.kind ?? 'domain');
  const [nameFr, setNameFr] = useState(skill?.name_fr ?? '');
  const [nameEn, setNameEn] = useState(skill?.name_en ?? '');
  const [active, setActive] = useState(skill?.active ?? true);
  const [errors, setErrors] = useState<FieldErrors<FieldName>>({});
  const [serverError, setServerError] = useState<string | null>(null);

  const check = (v: string) =>
    !v.trim() ? t('common.required') : v.trim().length > MAX_NAME ? t('admin.form.tooLong', { max: MAX_NAME }) : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setServerError(null);
    const found = { name_fr: check(nameFr), name_en: check(nameEn) };
    setErrors(found);
    if (hasErrors(found)) return focusFirstError();
    const full = { kind, name_fr: nameFr.trim(), name_en: nameEn.trim(), active };
    const failed = await props.onSubmit(full, skill ? changedFields(skill, full) : full);
    if (failed) {
      const taken = t('skills.error.nameTaken');
      setErrors({ name_fr: failed.blamed.includes('name_fr') ? taken : undefined, name_en: failed.blamed.includes('name_en') ? taken : undefined });
      setServerError(failed.message);
      focusFirstError();
    } else if (!skill) {
      setNameFr('');
      setNameEn('');
    }
  }

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-form" aria-label={props.submitLabel}>
      <Field label={t('skills.form.kind')}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as SkillKind)}>
            {SKILL_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`skills.kind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="row admin-row-fields">
        <Field label={t('skills.form.nameFr')} error={errors.name_fr}>
          {(p) => <input {...p} lang="fr" value={nameFr} maxLength={MAX_NAME} onChange={(e) => setNameFr(e.target.value)} />}
        </Field>
        <Field label={t('skills.form.nameEn')} error={errors.name_en}>
          {(p) => <input {...p} lang="en" value={nameEn} maxLength={MAX_NAME} onChange={(e) => setNameEn(e.target.value)} />}
        </Field>
      </div>
      <div className="field">
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          {t('skills.form.active')}
        </label>
      </div>
      <FormError message={serverError} />
      <div className="row admin-form-actions">
        <button type="submit" className="btn btn-primary" disabled={props.busy}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" className="btn" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
