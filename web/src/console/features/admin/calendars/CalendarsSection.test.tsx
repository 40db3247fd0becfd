import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../../test/render';
import { apiError, iso, json, mockApi, signedIn } from '../test-api';
import type { Calendar, CalendarPreview } from './api';
import { CalendarsSection } from './CalendarsSection';

const office = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }];
const paris: Calendar = {
  id: '20000000-0000-4000-8000-000000000001', name: 'Heures ouvrées Paris', time_zone: 'Europe/Paris',
  weekly: { 1: office, 2: office, 3: office, 4: office, 5: office, 6: [], 7: [] },
  holidays: [{ date: '2026-12-24', name: 'Réveillon', source: 'manual' }],
  french_holidays: 'metropolitan', is_default: true, version: 3, created_at: iso, updated_at: iso,
};
const astreinte: Calendar = {
  ...paris, id: '20000000-0000-4000-8000-000000000002', name: 'Astreinte', is_default: false, version: 1, holidays: [],
  weekly: { ...paris.weekly, 6: [{ start: '10:00', end: '16:00' }] }, french_holidays: 'none',
};

const preview: CalendarPreview = {
  calendar_id: paris.id, time_zone: 'Europe/Paris', version: 3,
  days: [
    { date: '2026-03-29', weekday: 7, holiday: null, business_minutes: 1380,
      spans: [{ start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z', local_start: '00:00', local_end: '24:00' }] },
    { date: '2026-03-30', weekday: 1, holiday: null, business_minutes: 480, spans: [
      { start: '2026-03-30T07:00:00.000Z', end: '2026-03-30T10:30:00.000Z', local_start: '09:00', local_end: '12:30' },
      { start: '2026-03-30T11:30:00.000Z', end: '2026-03-30T16:00:00.000Z', local_start: '13:30', local_end: '18:00' },
    ] },
    { date: '2026-04-06', weekday: 1, business_minutes: 0, spans: [],
      holiday: { name: 'Lundi de Pâques', source: 'french', names: { fr: 'Lundi de Pâques', en: 'Easter Monday' } } },
  ],
  business_minutes: 1860,
};

afterEach(() => vi.unstubAllGlobals());

describe('CalendarsSection', () => {
  it('lets a manager read calendars and their preview, without any way to change them', async () => {
    mockApi({
      'GET /calendars': () => ({ data: [paris, astreinte] }),
      [`GET /calendars/${paris.id}/preview`]: () => preview,
    });
    const user = userEvent.setup();
    renderWithProviders(<CalendarsSection canEdit={false} />, { client: signedIn('manager'), locale: 'en' });
    const row = (await screen.findByRole('rowheader', { name: /Heures ouvrées Paris/ })).closest('tr')!;
    expect(within(row).getByText('Default')).toBeTruthy();
    expect(within(row).getByText('40 h a week')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New calendar' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete calendar/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Open calendar Heures ouvrées Paris' }));
    const editor = screen.getByRole('region', { name: 'Calendar Heures ouvrées Paris' });
    expect(within(editor).queryByRole('button', { name: 'Save' })).toBeNull();
    expect(within(editor).queryByRole('form', { name: 'Import closed days (.ics)' })).toBeNull();
    expect((within(editor).getByRole('checkbox', { name: 'Closed on Saturday' }) as HTMLInputElement).checked).toBe(true);
    // The preview: the spring-forward Sunday lasts 23 h; Easter Monday is closed, named in the user's language.
    const table = await within(editor).findByRole('table', { name: 'Preview' });
    const sunday = within(table).getByRole('rowheader', { name: 'Sunday, March 29, 2026' }).closest('tr')!;
    expect(within(sunday).getByText('00:00–24:00')).toBeTruthy();
    expect(within(sunday).getByText('23h')).toBeTruthy();
    expect(within(table).getByText('09:00–12:30, 13:30–18:00')).toBeTruthy();
    expect(within(table).getByText('Closed: Easter Monday')).toBeTruthy();
    expect(within(editor).getByText('Business time over these 14 days: 31h')).toBeTruthy();
  });

  it('edits the weekly schedule and shows the server’s refusal next to the interval it blames', async () => {
    let saved: Calendar = astreinte;
    const calls = mockApi({
      'GET /calendars': () => ({ data: [paris, saved] }),
      [`GET /calendars/${astreinte.id}/preview`]: () => ({ ...preview, calendar_id: astreinte.id, days: [], business_minutes: 0 }),
      [`PATCH /calendars/${astreinte.id}`]: (c) => {
        const body = c.body as { weekly: Calendar['weekly'] };
        if (body.weekly[7].length === 0) {
          return apiError(400, 'INVALID_CALENDAR', 'The calendar is not valid: weekly.6.1: The interval 15:00–17:00 overlaps the previous one.', [
            { path: 'weekly.6.1', message: 'The interval 15:00–17:00 overlaps the previous one.' },
          ]);
        }
        saved = { ...astreinte, ...body, version: 2 } as Calendar;
        return saved;
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<CalendarsSection canEdit />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Ouvrir le calendrier Astreinte' }));
    const editor = screen.getByRole('region', { name: 'Calendrier Astreinte' });
    await user.click(within(editor).getByRole('button', { name: 'Samedi : ajouter une plage' }));
    const start = within(editor).getByRole('textbox', { name: 'Samedi, plage 2 : ouverture à' });
    const end = within(editor).getByRole('textbox', { name: 'Samedi, plage 2 : fermeture à' });
    await user.click(within(editor).getByRole('button', { name: 'Enregistrer' }));
    expect(within(editor).getAllByText('Utilisez HH:MM (24:00 seulement en fin de plage).')).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
    await user.type(start, '15:00');
    await user.type(end, '17:00');
    await user.click(within(editor).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(editor).findByText('The interval 15:00–17:00 overlaps the previous one.')).toBeTruthy();
    expect(start.getAttribute('aria-invalid')).toBe('true');
    expect(within(editor).getByRole('alert').textContent).toMatch(/^Le calendrier n’est pas valide/);

    await user.click(within(editor).getByRole('button', { name: 'Samedi : retirer la plage 15:00–17:00' }));
    await user.click(within(editor).getByRole('checkbox', { name: 'Dimanche : fermé' }));
    await user.click(within(editor).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Calendrier Astreinte enregistré.')).toBeTruthy();
    const patch = calls.filter((c) => c.method === 'PATCH').at(-1)!;
    expect(patch.body).toMatchObject({
      version: 1, time_zone: 'Europe/Paris', french_holidays: 'none',
      weekly: { 6: [{ start: '10:00', end: '16:00' }], 7: [{ start: '09:00', end: '18:00' }] },
    });
    expect(within(editor).getByText('Version 2')).toBeTruthy();
  });

  it('adds and removes closed days, and creates a calendar from the office template', async () => {
    const calls = mockApi({
      'GET /calendars': () => ({ data: [paris] }),
      'POST /calendars': (c) => ({ ...paris, ...(c.body as object), id: 'new', is_default: false, version: 1 }),
      'GET /calendars/new/preview': () => ({ ...preview, days: [], business_minutes: 0 }),
    });
    const user = userEvent.setup();
    renderWithProviders(<CalendarsSection canEdit />, { client: signedIn('admin'), locale: 'en' });
    await user.click(await screen.findByRole('button', { name: 'New calendar' }));
    const editor = screen.getByRole('region', { name: 'New calendar' });
    expect(within(editor).getByText('Save the calendar to import closed days and see its preview.')).toBeTruthy();
    const addDay = within(editor).getByRole('button', { name: 'Add the closed day' });
    await user.click(addDay);
    expect(within(editor).getAllByText('Required')).toHaveLength(2);
    fireEvent.change(within(editor).getByLabelText('Date of the closed day'), { target: { value: '2026-08-14' } });
    await user.type(within(editor).getByRole('textbox', { name: 'Name of the closed day' }), 'Pont');
    await user.click(addDay);
    expect(within(editor).getByText('Friday, August 14, 2026')).toBeTruthy();
    fireEvent.change(within(editor).getByLabelText('Date of the closed day'), { target: { value: '2026-05-01' } });
    await user.type(within(editor).getByRole('textbox', { name: 'Name of the closed day' }), 'Fête du Travail');
    await user.click(addDay);
    await user.click(within(editor).getByRole('button', { name: 'Remove the closed day Friday, August 14, 2026 (Pont)' }));

    await user.click(within(editor).getByRole('button', { name: 'Create the calendar' }));
    expect(within(editor).getAllByText('Required')).toHaveLength(1); // the calendar's name
    await user.type(within(editor).getByRole('textbox', { name: 'Name' }), 'Bureau de Lyon');
    await user.selectOptions(within(editor).getByRole('combobox', { name: 'Time zone' }), 'Europe/London');
    await user.click(within(editor).getByRole('button', { name: 'Create the calendar' }));
    expect(await screen.findByText('Calendar Bureau de Lyon created.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Bureau de Lyon', time_zone: 'Europe/London', french_holidays: 'metropolitan',
      weekly: { 1: office, 2: office, 3: office, 4: office, 5: office, 6: [], 7: [] },
      holidays: [{ date: '2026-05-01', name: 'Fête du Travail', source: 'manual' }],
    });
  });

  it('imports an .ics file as text/calendar and shows the report', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
    const imported = { ...astreinte, version: 2, holidays: [{ date: '2026-12-24', name: 'Fermeture', source: 'ical' as const }] };
    const calls = mockApi({
      'GET /calendars': () => ({ data: [paris, astreinte] }),
      [`GET /calendars/${astreinte.id}/preview`]: () => ({ ...preview, days: [], business_minutes: 0 }),
      [`POST /calendars/${astreinte.id}/import`]: () =>
        json(200, { calendar: imported, added: 3, removed: 0, skipped: 1, invalid: 1, notes: ['"Réunion" : pas une journée entière ; ignoré.'] }),
    });
    const user = userEvent.setup();
    renderWithProviders(<CalendarsSection canEdit />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Ouvrir le calendrier Astreinte' }));
    const form = screen.getByRole('form', { name: 'Importer des jours fermés (.ics)' });
    await user.click(within(form).getByRole('button', { name: 'Importer' }));
    expect(within(form).getByText('Choisissez d’abord un fichier.')).toBeTruthy();
    await user.upload(within(form).getByLabelText('Fichier iCalendar'), new File([ics], 'feries.ics', { type: 'text/calendar' }));
    await user.click(within(form).getByRole('radio', { name: 'Les remplacer (les jours ajoutés à la main restent)' }));
    await user.click(within(form).getByRole('button', { name: 'Importer' }));
    const report = await within(form).findByText('3 jours fermés ajoutés');
    expect(report.closest('[role="status"]')?.textContent).toContain('1 événement écarté (pas un jour fermé)');
    expect(within(form).getByText('"Réunion" : pas une journée entière ; ignoré.')).toBeTruthy();
    const sent = calls.find((c) => c.path.endsWith('/import'))!;
    expect(sent).toMatchObject({ method: 'POST', contentType: 'text/calendar', body: ics });
    expect(sent.query.get('mode')).toBe('replace');
    // The imported day shows in the form at once.
    expect(await screen.findByRole('cell', { name: 'Fermeture' })).toBeTruthy();
  });

  it('sets the default, and shows the server’s refusal to delete a calendar in use in the dialog', async () => {
    const calls = mockApi({
      'GET /calendars': () => ({ data: [paris, astreinte] }),
      [`POST /calendars/${astreinte.id}/default`]: () => ({ ...astreinte, is_default: true }),
      [`DELETE /calendars/${astreinte.id}`]: () =>
        apiError(409, 'CALENDAR_IN_USE', 'The calendar is in use.', { is_default: false, teams: ['Support Lyon'], policies: ['Contrat Or'], automations: [] }),
    });
    const user = userEvent.setup();
    renderWithProviders(<CalendarsSection canEdit />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Faire de Astreinte le calendrier par défaut' }));
    expect(await screen.findByText('Astreinte est désormais le calendrier par défaut.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Faire de Heures ouvrées Paris le calendrier par défaut' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Supprimer le calendrier Astreinte' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Supprimer' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Ce calendrier est utilisé (équipe Support Lyon et politique de SLA Contrat Or) : choisissez-y d’abord un autre calendrier.',
    );
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
  });
});
