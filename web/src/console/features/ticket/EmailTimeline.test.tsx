import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Delivery, TimelineEntry } from '../../../shared/api/types';
import { renderWithProviders } from '../../../test/render';
import { consoleCatalogue } from '../../catalogue';
import { emailOrigin, THREAD_CODES, threadExplanation } from './email-data';
import { safeEmailHtml } from './email-html';
import { Timeline } from './Timeline';
import { entry, mockApi, REQUESTER_ID, ticket } from './test-support';

const jean = { kind: 'requester' as const, id: REQUESTER_ID, name: 'Jean Martin' };
const lea = { kind: 'agent' as const, id: '00000000-0000-4000-8000-00000000000a', name: 'Léa Dubois' };
const system = { kind: 'system' as const, id: null, name: null };

/** `data.email` as the server writes it for a mail that joined a ticket. */
function emailData(over: Record<string, unknown> = {}) {
  return {
    inbound_message_id: '00000000-0000-4000-8000-0000000000aa',
    message_id: 'CAF=reply-1@client.example',
    source: 'imap',
    from: { address: 'jean.martin@client.example', name: 'Jean Martin' },
    to: ['support@relais.test'],
    cc: ['chef@client.example'],
    subject: 'Re: [#1042] VPN inaccessible',
    date: '2026-03-02T09:14:00.000Z',
    classification: 'human',
    classification_reason: 'A person wrote it: no automatic-mail header.',
    thread: { action: 'join', code: 'joined', matched_by: 'our_message_id', matched_message_id: 'relais.abc@relais.test' },
    full_text: 'Toujours en panne.\n\nLe 2 mars, Support a écrit :\n> Pouvez-vous redémarrer ?',
    html: null,
    dropped_attachments: [],
    ...over,
  };
}

const JOIN_REASON = 'Joined #1042 because In-Reply-To matched our message <relais.abc@relais.test>.';

function reply(over: Partial<TimelineEntry> = {}, email: Record<string, unknown> = {}): TimelineEntry {
  return entry({ kind: 'ticket.replied', actor: jean, body: 'Toujours en panne.', reason: JOIN_REASON, data: { email: emailData(email) }, ...over });
}

function item(text: string | RegExp): HTMLElement {
  return screen.getByText(text, { exact: false }).closest('li.entry') as HTMLElement;
}

/** Intl puts (narrow) no-break spaces in numbers and units; assertions use plain ones. */
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

beforeEach(() => {
  mockApi();
});

describe('e-mail origin and threading', () => {
  it('says who sent the mail, to whom, when, and why it joined this ticket (fr)', async () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={[reply()]} />);
    const li = item('Toujours en panne.');
    const origin = within(li).getByRole('group', { name: 'Origine de l’e-mail' });
    expect(plain(origin.textContent)).toContain(
      'Reçu par e-mail de Jean Martin <jean.martin@client.example> · à support@relais.test · cc : chef@client.example · envoyé le 2 mars 2026, 10:14',
    );
    expect(origin.textContent).toContain('Rattaché à ce ticket : l’en-tête In-Reply-To cite notre message <relais.abc@relais.test>.');
    // The server's own English reason stays one click away, in a disclosure.
    const details = origin.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(within(details).getByText('Comment Relais a classé cet e-mail').tagName).toBe('SUMMARY');
    expect(details.textContent).toContain(JOIN_REASON);
    expect(details.textContent).toContain('<CAF=reply-1@client.example>');
    expect(details.textContent).toContain('IMAP (relevé dans la boîte aux lettres)');
    // The reply itself is still there, once.
    expect(within(li).getAllByText('Toujours en panne.')).toHaveLength(1);
  });

  it('explains the same decisions in English', () => {
    renderWithProviders(
      <Timeline
        ticket={ticket()}
        entries={[
          reply(),
          reply({ body: 'Tagged one', reason: 'Joined #1042 because the subject carries its tag [#1042].' }, {
            thread: { action: 'join', code: 'joined', matched_by: 'subject_tag', matched_message_id: null },
          }),
        ]}
      />,
      { locale: 'en' },
    );
    const li = item('Toujours en panne.');
    expect(plain(li.textContent)).toContain('Received by email from Jean Martin <jean.martin@client.example> · to support@relais.test · cc: chef@client.example');
    expect(li.textContent).toContain('Joined this ticket: the In-Reply-To header quotes our message <relais.abc@relais.test>.');
    expect(within(li).getByText('How Relais filed this email')).toBeTruthy();
    expect(item('Tagged one').textContent).toContain('Joined this ticket: the subject carries the tag [#1042].');
  });

  it('explains a ticket opened by mail, and a new ticket linked to a closed one with a link to it', () => {
    const created = entry({
      kind: 'ticket.created', actor: jean, reason: 'Opened a new ticket: no Message-ID or subject tag matched an existing ticket.',
      data: { channel: 'email', urgency: 2, impact: 2, priority: 'P3', email: emailData({ thread: { action: 'new', code: 'new_ticket', matched_by: null, matched_message_id: null }, cc: [] }) },
    });
    const linked = reply({
      body: 'Encore moi',
      reason: 'Opened a new ticket linked to #1001: References matched its earlier message <m1@client.example>, but #1001 is closed.',
    }, {
      thread: { action: 'new_linked', code: 'new_linked_closed', matched_by: 'ingested_message_id', matched_message_id: 'm1@client.example' },
    });
    renderWithProviders(<Timeline ticket={ticket()} entries={[created, linked]} />);
    const first = item('Demande initiale');
    expect(first.textContent).toContain('Nouveau ticket : aucun Message-ID ni référence [#n] ne correspondait à un ticket existant.');
    expect(first.textContent).not.toContain('cc :');
    const second = item('Encore moi');
    expect(second.textContent).toContain(
      'Nouveau ticket lié au ticket #1001 : l’en-tête References cite un message déjà reçu sur le ticket, <m1@client.example>, mais ce ticket est fermé.',
    );
    expect(within(second).getByRole('link', { name: '#1001' }).getAttribute('href')).toBe('/tickets/1001');
  });

  it('has a sentence for every threading code, in both languages', () => {
    const origin = emailOrigin({ data: { email: emailData() } })!;
    for (const code of THREAD_CODES) {
      const x = threadExplanation({ ...origin, thread: { ...origin.thread, code } }, JOIN_REASON)!;
      expect(consoleCatalogue.fr[x.id], code).toBeTruthy();
      expect(consoleCatalogue.en[x.id], code).toBeTruthy();
    }
    for (const rule of ['our_message_id', 'subject_tag', 'ingested_message_id', 'reported_message_id'] as const) {
      const x = threadExplanation({ ...origin, thread: { ...origin.thread, matchedBy: rule } }, 'tag [#7]')!;
      expect(consoleCatalogue.fr[x.because!.id], rule).toBeTruthy();
    }
  });

  it('shows the quoted text on demand, in a preformatted block', async () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={[reply()]} />);
    const user = userEvent.setup();
    const li = item('Toujours en panne.');
    expect(li.querySelector('pre')).toBeNull();
    const toggle = within(li).getByRole('button', { name: 'Afficher le texte cité' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    const pre = li.querySelector('pre.email-full-text')!;
    expect(pre.textContent).toContain('> Pouvez-vous redémarrer ?');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent).toBe('Masquer le texte cité');
    await user.click(toggle);
    expect(li.querySelector('pre')).toBeNull();
  });

  it('offers no quoted-text toggle when the mail had nothing more than its body', () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={[reply({}, { full_text: null })]} />);
    expect(screen.queryByRole('button', { name: 'Afficher le texte cité' })).toBeNull();
  });

  it('shows the HTML version sanitized, with inline images from Relais and nothing remote', async () => {
    const html =
      '<p>Bonjour <b>support</b></p><img src="cid:logo@client" alt="logo"><img src="https://tracker.example/p.gif" alt="pixel">' +
      '<script>window.hacked = true</script><a href="javascript:alert(1)">lien</a><p style="background:url(https://x.example/a.png)">fond</p>';
    const withHtml = reply({
      attachments: [{ id: '00000000-0000-4000-8000-0000000000f1', filename: 'logo.png', content_type: 'image/png', size: 2048, inline: true, content_id: '<logo@client>' }],
    }, { html });
    renderWithProviders(<Timeline ticket={ticket()} entries={[withHtml]} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Voir la version HTML' }));
    const region = screen.getByRole('region', { name: 'Version HTML de l’e-mail' });
    expect(region.querySelector('b')?.textContent).toBe('support');
    expect(region.querySelector('script')).toBeNull();
    const imgs = Array.from(region.querySelectorAll('img'));
    expect(imgs.map((i) => i.getAttribute('src'))).toEqual(['/api/v1/tickets/1042/attachments/00000000-0000-4000-8000-0000000000f1']);
    expect(region.textContent).toContain('pixel');
    expect(region.querySelector('a')?.getAttribute('href') ?? null).toBeNull();
    expect(region.innerHTML).not.toContain('url(');
    expect((window as { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('keeps only same-origin and data: images in the sanitizer', () => {
    const out = safeEmailHtml('<img src="/api/v1/tickets/1/attachments/abc"><img src="//evil.example/x.png"><img src="cid:nope">', () => null);
    expect(out).toBe('<img src="/api/v1/tickets/1/attachments/abc">');
  });

  it('warns about attachments too large to keep', () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={[reply({}, { dropped_attachments: [{ filename: 'scan.tiff', size: 31_457_280 }] })]} />);
    const note = screen.getByRole('note');
    expect(plain(note.textContent)).toContain('Pièce jointe non conservée (trop volumineuse) :');
    expect(plain(note.textContent)).toContain('scan.tiff (30 Mo)');
  });
});

describe('attachments', () => {
  const files = [
    { id: '00000000-0000-4000-8000-0000000000f2', filename: 'capture écran.png', content_type: 'image/png', size: 12_595, inline: false, content_id: null },
    { id: '00000000-0000-4000-8000-0000000000f3', filename: null, content_type: 'application/pdf', size: 1_572_864, inline: false, content_id: null },
    { id: '00000000-0000-4000-8000-0000000000f4', filename: 'log.txt', content_type: 'text/plain', size: 512, inline: false, content_id: null },
  ];

  it('lists them as download links with their sizes (fr)', () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={[reply({ attachments: files })]} />);
    const list = screen.getByRole('list', { name: '3 pièces jointes' });
    const links = within(list).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(files.map((f) => `/api/v1/tickets/1042/attachments/${f.id}`));
    expect(links.map((a) => a.textContent)).toEqual(['capture écran.png', 'Pièce jointe sans nom', 'log.txt']);
    const text = plain(list.textContent);
    expect(text).toContain('12 ko');
    expect(text).toContain('1,5 Mo');
    expect(text).toContain('512 octets');
  });

  it('writes sizes in English too, and shows files on an agent’s note', () => {
    renderWithProviders(
      <Timeline ticket={ticket()} entries={[entry({ kind: 'ticket.noted', actor: lea, body: 'Logs joints', attachments: files.slice(1) })]} />,
      { locale: 'en' },
    );
    const list = screen.getByRole('list', { name: '2 attachments' });
    expect(plain(list.textContent)).toContain('1.5 MB');
    expect(plain(list.textContent)).toContain('512 bytes');
  });
});

describe('delivery of our mail', () => {
  function delivery(over: Partial<Delivery>): Delivery {
    return {
      id: '00000000-0000-4000-8000-0000000000d0', kind: 'reply', to: ['jean.martin@client.example'], cc: ['chef@client.example'],
      status: 'queued', attempts: 0, last_error: null, next_attempt_at: null, sent_at: null, bounced_at: null,
      message_id: 'relais.x@relais.test', ...over,
    };
  }
  const agentReply = (body: string, d: Delivery) => entry({ kind: 'ticket.replied', actor: lea, body, deliveries: [d] });

  it('shows a badge in words for each state, with recipients and details (fr)', () => {
    renderWithProviders(
      <Timeline
        ticket={ticket()}
        entries={[
          agentReply('R1', delivery({ status: 'queued', attempts: 2, next_attempt_at: '2026-03-02T10:20:00.000Z', last_error: '421 try later' })),
          agentReply('R2', delivery({ status: 'sent', attempts: 1, sent_at: '2026-03-02T10:16:00.000Z' })),
          agentReply('R3', delivery({ status: 'failed', attempts: 8, last_error: '451 4.7.1 greylisted' })),
          agentReply('R4', delivery({ status: 'bounced', attempts: 1, sent_at: '2026-03-02T10:16:00.000Z', bounced_at: '2026-03-02T10:30:00.000Z' })),
        ]}
      />,
    );
    const d = (body: string) => within(item(body)).getByRole('list', { name: 'Remise par e-mail' }).querySelector('li')!;
    const queued = d('R1');
    expect(within(queued).getByText('En file d’attente')).toBeTruthy();
    expect(plain(queued.textContent)).toContain('E-mail pour jean.martin@client.example');
    expect(plain(queued.textContent)).toContain('prochaine tentative le 2 mars 2026, 11:20 · 2 tentatives effectuées');
    expect(queued.getAttribute('title')).toBe('À : jean.martin@client.example · cc : chef@client.example');
    expect(queued.textContent).toContain('(cc : chef@client.example)');

    const sent = d('R2');
    expect(within(sent).getByText('Envoyé')).toBeTruthy();
    expect(plain(sent.textContent)).toContain('E-mail envoyé à jean.martin@client.example');
    expect(plain(sent.textContent)).toContain('le 2 mars 2026, 11:16');

    const failed = d('R3');
    expect(within(failed).getByText('Échec')).toBeTruthy();
    expect(failed.textContent).toContain('après 8 tentatives : 451 4.7.1 greylisted');

    const bounced = d('R4');
    expect(within(bounced).getByText('Rejeté (bounce)')).toBeTruthy();
    expect(plain(bounced.textContent)).toContain('rejeté le 2 mars 2026, 11:30');
  });

  it('says when the acknowledgement and the resolution notice went out (en)', () => {
    renderWithProviders(
      <Timeline
        ticket={ticket()}
        entries={[
          entry({
            kind: 'ticket.created', actor: jean, data: { channel: 'email', urgency: 2, impact: 2, priority: 'P3' },
            deliveries: [delivery({ kind: 'received', cc: [], status: 'sent', attempts: 1, sent_at: '2026-03-02T10:16:00.000Z' })],
          }),
          entry({
            kind: 'ticket.status_changed', actor: lea, data: { from: 'open', to: 'resolved' },
            deliveries: [delivery({ id: '00000000-0000-4000-8000-0000000000d1', kind: 'resolved', cc: [], status: 'failed', attempts: 8, last_error: null })],
          }),
        ]}
      />,
      { locale: 'en' },
    );
    expect(plain(item('Original request').textContent)).toContain('Acknowledgement sent to jean.martin@client.example');
    const resolved = item('changed the status');
    expect(resolved.textContent).toContain('Resolution notice to jean.martin@client.example');
    expect(within(resolved).getByText('Failed')).toBeTruthy();
    expect(resolved.textContent).toContain('after 8 attempts: no error message');
  });

  it('writes « Accusé de réception envoyé à … » in French', () => {
    renderWithProviders(
      <Timeline
        ticket={ticket()}
        entries={[entry({ kind: 'ticket.created', actor: jean, data: { channel: 'email' }, deliveries: [delivery({ kind: 'received', cc: [], status: 'sent', sent_at: '2026-03-02T10:16:00.000Z' })] })]}
      />,
    );
    expect(item('Demande initiale').textContent).toContain('Accusé de réception envoyé à jean.martin@client.example');
  });
});

describe('e-mail events', () => {
  const events = [
    entry({
      kind: 'ticket.email_received', actor: system, visibility: 'internal', body: 'Je suis absent jusqu’au 10 mars.',
      reason: 'Joined #1042 because In-Reply-To matched our message <relais.abc@relais.test>. Auto-Submitted: auto-replied',
      data: { email: emailData({ classification: 'auto_reply', classification_reason: 'Auto-Submitted: auto-replied', thread: { action: 'join', code: 'joined_automatic', matched_by: 'our_message_id', matched_message_id: 'relais.abc@relais.test' } }) },
    }),
    entry({
      kind: 'ticket.email_bounced', actor: system, visibility: 'internal',
      reason: 'Recorded on #1042 as a delivery failure of our message <relais.abc@relais.test>. A delivery status report.',
      data: {
        outbound_message_id: 'x', message_id: 'relais.abc@relais.test',
        recipients: [{ recipient: 'jean.martin@client.example', action: 'failed', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 User unknown' }],
        email: emailData({ from: { address: 'mailer-daemon@client.example', name: null }, cc: [], classification: 'bounce', thread: { action: 'record_bounce', code: 'bounce_matched', matched_by: 'reported_message_id', matched_message_id: 'relais.abc@relais.test' } }),
      },
    }),
    entry({
      kind: 'ticket.email_failed', actor: system, visibility: 'internal', reason: 'Gave up after 8 attempts.',
      data: { outbound_message_id: 'y', to: ['jean.martin@client.example'], attempts: 8, error: '421 4.4.2 Connection timed out' },
    }),
    entry({
      kind: 'ticket.followers_changed', actor: system, visibility: 'internal',
      reason: "jean.martin@client.example wrote to them too (To/Cc); followers receive the ticket's public replies.",
      data: { added: [{ email: 'chef@client.example', name: 'Paul Chef' }, { email: 'rh@client.example', name: null }], removed: [] },
    }),
    entry({ kind: 'ticket.followers_changed', actor: lea, visibility: 'internal', data: { added: [], removed: [{ email: 'rh@client.example', name: null }] } }),
  ];

  it('writes them as French sentences', async () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={events} />);
    const auto = item('Réponse automatique de');
    expect(auto.textContent).toContain('Réponse automatique de Jean Martin <jean.martin@client.example> classée sans rouvrir le ticket');
    expect(auto.textContent).toContain('Message automatique rattaché à ce ticket sans le rouvrir : l’en-tête In-Reply-To cite notre message <relais.abc@relais.test>.');
    // The English reason is not repeated in the sentence, only in the disclosure.
    expect(auto.querySelector('.entry-sentence')!.textContent).not.toContain('Joined #1042');
    expect(within(auto).getByText('Afficher le message').tagName).toBe('SUMMARY');
    expect(within(auto).getByText('Réponse automatique', { selector: '.badge' })).toBeTruthy();

    const bounce = item('Échec de remise');
    expect(bounce.textContent).toContain('Échec de remise du message à jean.martin@client.example (5.1.1 550 5.1.1 User unknown)');
    expect(bounce.textContent).toContain('Rapport de non-remise rattaché à ce ticket : le rapport concerne notre message <relais.abc@relais.test>.');

    expect(item('abandonné').textContent).toContain(
      'Envoi du message à jean.martin@client.example abandonné après 8 tentatives : 421 4.4.2 Connection timed out',
    );
    expect(item('abandonné').textContent).not.toContain('Gave up');

    const cc = item('Abonnés ajoutés');
    expect(cc.textContent).toContain('Relais (automatique) a modifié les abonnés du ticket :');
    expect(cc.textContent).toContain('Abonnés ajoutés : Paul Chef <chef@client.example>, rh@client.example');
    expect(cc.textContent).toContain('motif : jean.martin@client.example leur a aussi écrit (À / Cc)');
    expect(item('Abonné retiré').textContent).toContain('Léa Dubois a modifié les abonnés du ticket :');
    expect(item('Abonné retiré').textContent).toContain('Abonné retiré : rh@client.example');
  });

  it('writes them in English', () => {
    renderWithProviders(<Timeline ticket={ticket()} entries={events} />, { locale: 'en' });
    expect(item('Automatic reply from').textContent).toContain('Automatic reply from Jean Martin <jean.martin@client.example> filed without reopening the ticket');
    expect(item('could not be delivered').textContent).toContain('The message to jean.martin@client.example (5.1.1 550 5.1.1 User unknown) could not be delivered');
    expect(item('Gave up sending').textContent).toContain('Gave up sending the message to jean.martin@client.example after 8 attempts: 421 4.4.2 Connection timed out');
    expect(item('Followers added').textContent).toContain('Followers added: Paul Chef <chef@client.example>, rh@client.example');
    expect(item('Follower removed').textContent).toContain('Léa Dubois changed the ticket’s followers:');
  });

  it('translates the reason of a reopening by mail', () => {
    renderWithProviders(
      <Timeline
        ticket={ticket()}
        entries={[entry({
          kind: 'ticket.status_changed', actor: jean, data: { from: 'resolved', to: 'open', reopened: true },
          reason: 'Reopened #1042 because In-Reply-To matched our message <a@b>; it was resolved 2 days ago, within the 7 days reopen window.',
        })]}
      />,
    );
    expect(item('a rouvert').textContent).toContain('motif : le demandeur a répondu par e-mail à un ticket résolu récemment');
  });
});
