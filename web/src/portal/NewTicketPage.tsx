import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { ApiError } from '../shared/api/client';
import { useCategories } from '../shared/api/lookups';
import { useLocale, useT } from '../shared/i18n/I18nProvider';
import { createTicket, errorText, portalKeys, type NewTicket } from './api';
import { useIdempotencyKey, usePageHeading } from './hooks';

const URGENCIES = [1, 2, 3] as const;
type Urgency = (typeof URGENCIES)[number];

interface FormState {
  subject: string;
  description: string;
  categoryId: string;
  urgency: Urgency;
  brand: string;
  model: string;
}

const EMPTY: FormState = { subject: '', description: '', categoryId: '', urgency: 2, brand: '', model: '' };

/** What the form sends: optional fields only when filled in, the channel is added by createTicket. */
function toRequestBody(f: FormState): NewTicket {
  const body: NewTicket = { subject: f.subject.trim(), description: f.description, urgency: f.urgency };
  if (f.categoryId) body.category_id = f.categoryId;
  if (f.brand.trim()) body.equipment_brand = f.brand.trim();
  if (f.model.trim()) body.equipment_model = f.model.trim();
  return body;
}

/** "New ticket": subject, description, category, urgency in plain words, equipment; then the ticket's page. */
export function NewTicketPage() {
  const t = useT();
  const { locale } = useLocale();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const heading = usePageHeading(t('portal.new.title'));
  const categories = useCategories();
  const idempotency = useIdempotencyKey();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [subjectError, setSubjectError] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [categoryError, setCategoryError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const subjectRef = useRef<HTMLInputElement>(null);
  const categoryRef = useRef<HTMLSelectElement>(null);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setServerError(null);
    setCategoryError(null);
    if (!form.subject.trim()) {
      setSubjectError(true);
      subjectRef.current?.focus();
      return;
    }
    const body = toRequestBody(form);
    setBusy(true);
    try {
      const ticket = await createTicket(body, idempotency.keyFor(body));
      idempotency.reset();
      qc.setQueryData(portalKeys.byNumber(ticket.number), ticket);
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      navigate(`/tickets/${ticket.number}?created=1`);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.code === 'CATEGORY_NOT_FOUND') {
        setCategoryError(errorText(t, err));
        void categories.refetch();
        categoryRef.current?.focus();
      } else {
        setServerError(errorText(t, err));
      }
    }
  }

  // Reading categories is open to every signed-in user; should it fail, the ticket goes without one.
  const categoryOptions = categories.data ?? [];

  return (
    <div className="portal-page narrow">
      <h1 id="new-ticket-title" ref={heading} tabIndex={-1}>
        {t('portal.new.title')}
      </h1>
      <p className="muted">{t('portal.new.intro')}</p>
      <form className="card new-ticket" onSubmit={submit} noValidate aria-labelledby="new-ticket-title">
        <div className="field">
          <label htmlFor="nt-subject">
            {t('portal.new.subject')}{' '}
            <span aria-hidden="true" className="required-mark">
              *
            </span>
          </label>
          <input
            id="nt-subject"
            ref={subjectRef}
            name="subject"
            required
            maxLength={250}
            autoComplete="off"
            value={form.subject}
            aria-invalid={subjectError || undefined}
            aria-describedby={subjectError ? 'nt-subject-error nt-subject-hint' : 'nt-subject-hint'}
            onChange={(e) => {
              set('subject', e.target.value);
              if (e.target.value.trim()) setSubjectError(false);
            }}
          />
          <small id="nt-subject-hint" className="field-hint">
            {t('portal.new.subjectHint')}
          </small>
          {subjectError && (
            <p id="nt-subject-error" className="field-error">
              {t('portal.new.subjectRequired')}
            </p>
          )}
        </div>

        <div className="field">
          <label htmlFor="nt-description">{t('portal.new.description')}</label>
          <textarea
            id="nt-description"
            name="description"
            rows={8}
            maxLength={100_000}
            value={form.description}
            aria-describedby="nt-description-hint"
            onChange={(e) => set('description', e.target.value)}
          />
          <small id="nt-description-hint" className="field-hint">
            {t('portal.new.descriptionHint')}
          </small>
        </div>

        {!categories.isError && (
          <div className="field">
            <label htmlFor="nt-category">{t('portal.new.category')}</label>
            <select
              id="nt-category"
              ref={categoryRef}
              name="category"
              value={form.categoryId}
              disabled={categories.isPending}
              aria-invalid={categoryError ? true : undefined}
              aria-describedby={categoryError ? 'nt-category-error' : undefined}
              onChange={(e) => {
                set('categoryId', e.target.value);
                setCategoryError(null);
              }}
            >
              <option value="">{categories.isPending ? t('common.loading') : t('portal.new.categoryNone')}</option>
              {categoryOptions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.full_name[locale]}
                </option>
              ))}
            </select>
            {categoryError && (
              <p id="nt-category-error" className="field-error">
                {categoryError}
              </p>
            )}
          </div>
        )}

        <fieldset className="field urgency">
          <legend>{t('portal.new.urgency')}</legend>
          {URGENCIES.map((u) => (
            <label key={u} className="choice">
              <input
                type="radio"
                name="urgency"
                value={u}
                checked={form.urgency === u}
                onChange={() => set('urgency', u)}
              />
              <span>{t(`portal.urgency.${u}`)}</span>
            </label>
          ))}
        </fieldset>

        <fieldset className="field equipment">
          <legend>{t('portal.new.equipment')}</legend>
          <small id="nt-equipment-hint" className="field-hint">
            {t('portal.new.equipmentHint')}
          </small>
          <div className="equipment-fields">
            <label className="field">
              <span>{t('portal.new.brand')}</span>
              <input
                name="equipment_brand"
                maxLength={120}
                value={form.brand}
                aria-describedby="nt-equipment-hint"
                onChange={(e) => set('brand', e.target.value)}
              />
            </label>
            <label className="field">
              <span>{t('portal.new.model')}</span>
              <input
                name="equipment_model"
                maxLength={120}
                value={form.model}
                aria-describedby="nt-equipment-hint"
                onChange={(e) => set('model', e.target.value)}
              />
            </label>
          </div>
        </fieldset>

        {serverError && (
          <p role="alert" className="form-error">
            {serverError}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-touch" disabled={busy}>
          {busy ? t('portal.sending') : t('portal.new.submit')}
        </button>
      </form>
    </div>
  );
}
