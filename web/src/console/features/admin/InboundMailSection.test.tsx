import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { InboundMailSection } from './InboundMailSection';
import { matchFromReason } from './inbound-data';
import { apiError, mockApi, signedIn } from './test-api';

const id = (n: number) => `50000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const mail = (n: number, over: Record<string, unknown>) => ({
  id: id(n),
  received_at: '2026-07-01T12:05:00.000Z',
  processed_at: '2026-07-01T12:05:01.000Z',
  source: 'smtp',
  source_detail: null,
  message_id: `m${n}@client.example`,
  from: 'jean.martin@client.example',
  subject: `Sujet ${n}`,
  size: 2048,
  status: 'processed',
  classification: 'human',
  decision: null,
  ticket_number: null,
  attempts: 1,
  error: null,
  ...over,
});

const joined = mail(1, {
  subject: 'Re: VPN en panne',
  source: 'imap',
  source_detail: 'Support',
  decision: {
    action: 'join',
    code: 'joined',
    reason: 'Joined #42 because In-Reply-To matched our message <relais.abc@support.example>.',
    matched_by: 'our_message_id',
    matched_message_id: 'relais.abc@support.example',
    matched_header: 'in-reply-to',
    matched_ticket_number: 42,
  },
  ticket_number: 42,
});
const limited = mail(2, {
  subject: 'Out of office',
  status: 'ignored',
  classification: 'auto_reply',
  decision: {
    action: 'ignore',
    code: 'ignored_rate_limited',
    reason: 'Ignored: robot@client.example sent 21 messages in the last hour, over the limit of 20 (mail loop protection).',
    matched_by: null,
    matched_message_id: null,
    matched_header: null,
    matched_ticket_number: null,
  },
});
const linked = mail(3, {
  subject: 'Re: [#7] Imprimante',
  source: 'http',
  decision: {
    action: 'new_linked',
    code: 'new_linked_closed',
    reason: 'Opened a new ticket linked to #7: the subject carries its tag [#7], but #7 is closed.',
    matched_by: 'subject_tag',
    matched_message_id: null,
    matched_header: null,
    matched_ticket_number: 7,
  },
  ticket_number: 51,
});
const failed = mail(4, {
  subject: 'Facture',
  status: 'failed',
  processed_at: null,
  attempts: 3,
  error: 'Cannot read the stored message: ENOENT',
});
const pending = mail(5, { subject: null, status: 'received', processed_at: null, from: null, attempts: 0 });

afterEach(() => vi.unstubAllGlobals());

const listCalls = (calls: ReturnType<typeof mockApi>) => calls.filter((c) => c.method === 'GET' && c.path === '/inbound-emails');

describe('InboundMailSection', () => {
  it('shows each message with its status in words and the decision in French, the English reason on demand', async () => {
    mockApi({ 'GET /inbound-emails': () => ({ data: [joined, limited, linked, failed, pending], next_cursor: null }) });
    renderWithProviders(<InboundMailSection />, { client: signedIn('manager'), timeZone: 'America/New_York' });

    const row1 = (await screen.findByRole('rowheader', { name: 'Re: VPN en panne' })).closest('tr')!;
    // 12:05 UTC in July is 08:05 in New York.
    expect(within(row1).getByText(/08:05/)).toBeTruthy();
    expect(within(row1).getByText('jean.martin@client.example')).toBeTruthy();
    expect(within(row1).getByText('IMAP')).toBeTruthy();
    expect(within(row1).getByText('Support')).toBeTruthy();
    expect(within(row1).getByText('Classé', { selector: '.badge' })).toBeTruthy();
    expect(
      within(row1).getByText('Rattaché au ticket #42 : l’en-tête In-Reply-To cite notre message <relais.abc@support.example>.'),
    ).toBeTruthy();
    expect(within(row1).getByRole('link', { name: '#42' }).getAttribute('href')).toBe('/tickets/42');
    const details = within(row1).getByText('Raison enregistrée (en anglais)').closest('details')!;
    expect(within(details).getByText(/^Joined #42 because/).getAttribute('lang')).toBe('en');

    const row2 = screen.getByRole('rowheader', { name: 'Out of office' }).closest('tr')!;
    expect(within(row2).getByText('Ignoré', { selector: '.badge' })).toBeTruthy();
    expect(within(row2).getByText('Réponse automatique')).toBeTruthy();
    expect(
      within(row2).getByText('Ignoré : trop de messages de cet expéditeur au cours de la dernière heure (protection contre les boucles).'),
    ).toBeTruthy();
    expect(within(row2).getByText(/sent 21 messages in the last hour/)).toBeTruthy();
    expect(within(row2).queryByRole('link')).toBeNull();

    const row3 = screen.getByRole('rowheader', { name: 'Re: [#7] Imprimante' }).closest('tr')!;
    expect(within(row3).getByText('HTTP')).toBeTruthy();
    expect(
      within(row3).getByText('Nouveau ticket lié au ticket #7 : l’objet porte la référence [#7], mais ce ticket est fermé.'),
    ).toBeTruthy();
    expect(within(row3).getByRole('link', { name: '#51' }).getAttribute('href')).toBe('/tickets/51');

    const row4 = screen.getByRole('rowheader', { name: 'Facture' }).closest('tr')!;
    expect(within(row4).getByText('Échec', { selector: '.badge' })).toBeTruthy();
    expect(within(row4).getByText('Erreur après 3 tentatives :')).toBeTruthy();
    expect(within(row4).getByText('Cannot read the stored message: ENOENT').getAttribute('lang')).toBe('en');

    const row5 = screen.getByRole('rowheader', { name: '(sans objet)' }).closest('tr')!;
    expect(within(row5).getByText('Reçu, en attente', { selector: '.badge' })).toBeTruthy();
    expect(within(row5).getByText('En attente de traitement.')).toBeTruthy();
    expect(within(row5).getByText('Expéditeur inconnu')).toBeTruthy();
    expect(screen.getByText('5 messages affichés')).toBeTruthy();
  });

  it('explains a decision in English too', async () => {
    mockApi({ 'GET /inbound-emails': () => ({ data: [joined], next_cursor: null }) });
    renderWithProviders(<InboundMailSection />, { client: signedIn('manager'), locale: 'en' });
    expect(
      await screen.findByText('Joined ticket #42: the In-Reply-To header quotes our message <relais.abc@support.example>.'),
    ).toBeTruthy();
    expect(screen.getByText('Filed', { selector: '.badge' })).toBeTruthy();
    expect(screen.getByText('Reason as recorded (in English)')).toBeTruthy();
  });

  it('filters by status on the server and loads more with the cursor', async () => {
    const calls = mockApi({
      'GET /inbound-emails': (c) =>
        c.query.get('status') === 'failed'
          ? { data: [failed], next_cursor: null }
          : c.query.get('cursor')
            ? { data: [limited], next_cursor: null }
            : { data: [joined], next_cursor: 'c1' },
    });
    const user = userEvent.setup();
    renderWithProviders(<InboundMailSection />, { client: signedIn('manager') });
    expect(await screen.findByRole('rowheader', { name: 'Re: VPN en panne' })).toBeTruthy();
    expect(listCalls(calls)[0]?.query.get('status')).toBeNull();
    expect(listCalls(calls)[0]?.query.get('limit')).toBe('50');

    await user.click(screen.getByRole('button', { name: 'Afficher plus' }));
    expect(await screen.findByRole('rowheader', { name: 'Out of office' })).toBeTruthy();
    expect(listCalls(calls).at(-1)?.query.get('cursor')).toBe('c1');
    expect(screen.getByText('2 messages affichés')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Afficher plus' })).toBeNull();

    await user.selectOptions(screen.getByRole('combobox', { name: 'État' }), 'Échec');
    expect(await screen.findByRole('rowheader', { name: 'Facture' })).toBeTruthy();
    const last = listCalls(calls).at(-1)!;
    expect(last.query.get('status')).toBe('failed');
    expect(last.query.get('cursor')).toBeNull();
    expect(screen.queryByRole('rowheader', { name: 'Re: VPN en panne' })).toBeNull();
  });

  it('lets administrators download the raw message and retry a failed one, then refetches', async () => {
    let rows = [joined, failed];
    const calls = mockApi({
      'GET /inbound-emails': () => ({ data: rows, next_cursor: null }),
      [`POST /inbound-emails/${failed.id}/retry`]: () => {
        rows = [joined, { ...failed, status: 'received', error: null }];
        return { id: failed.id };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<InboundMailSection />, { client: signedIn('admin') });
    const download = await screen.findByRole('link', { name: 'Télécharger le message « Facture » (.eml)' });
    expect(download.getAttribute('href')).toBe(`/api/v1/inbound-emails/${failed.id}/raw`);
    expect(download.textContent).toBe('Télécharger');
    expect(screen.getByRole('link', { name: 'Télécharger le message « Re: VPN en panne » (.eml)' })).toBeTruthy();
    // Only failed messages can be retried.
    expect(screen.queryByRole('button', { name: 'Réessayer le message « Re: VPN en panne »' })).toBeNull();
    const before = listCalls(calls).length;

    await user.click(screen.getByRole('button', { name: 'Réessayer le message « Facture »' }));
    expect(await screen.findByText('Le message « Facture » va être traité de nouveau.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([`/inbound-emails/${failed.id}/retry`]);
    const row = screen.getByRole('rowheader', { name: 'Facture' }).closest('tr')!;
    expect(await within(row).findByText('Reçu, en attente')).toBeTruthy();
    expect(listCalls(calls).length).toBeGreaterThan(before);
    expect(within(row).queryByRole('button', { name: /Réessayer/ })).toBeNull();
  });

  it('says so when the message is no longer failed', async () => {
    mockApi({
      'GET /inbound-emails': () => ({ data: [failed], next_cursor: null }),
      [`POST /inbound-emails/${failed.id}/retry`]: () => apiError(409, 'CONFLICT', 'Only a message that failed can be retried.'),
    });
    const user = userEvent.setup();
    renderWithProviders(<InboundMailSection />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Réessayer le message « Facture »' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Seul un message en échec peut être retraité, et celui-ci ne l’est plus. La liste a été actualisée.',
    );
  });

  it('shows managers the log without download or retry', async () => {
    mockApi({ 'GET /inbound-emails': () => ({ data: [joined, failed], next_cursor: null }) });
    renderWithProviders(<InboundMailSection />, { client: signedIn('manager') });
    expect(await screen.findByRole('rowheader', { name: 'Facture' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Télécharger/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Réessayer/ })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
  });
});

describe('matchFromReason', () => {
  it('reads which rule matched from the server’s English reason', () => {
    expect(matchFromReason('joined', 'Joined #3 because References matched its earlier message <a@b>.')).toEqual({
      matchedBy: 'ingested_message_id',
      matchedMessageId: 'a@b',
    });
    expect(matchFromReason('joined', 'Joined #3 because the subject carries its tag [#3].')).toEqual({
      matchedBy: 'subject_tag',
      matchedMessageId: null,
    });
    expect(matchFromReason('bounce_matched', 'Recorded on #9 as a delivery failure of our message <relais.x@d>.')).toEqual({
      matchedBy: 'reported_message_id',
      matchedMessageId: 'relais.x@d',
    });
    expect(matchFromReason('new_ticket', 'Opened a new ticket.')).toEqual({ matchedBy: null, matchedMessageId: null });
  });
});
