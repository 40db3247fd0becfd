import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '../../../../../src/realtime/protocol';
import type { TimelineEntry } from '../../../shared/api/types';
import { RealtimeProvider } from '../../../shared/realtime/RealtimeProvider';
import { RealtimeSocket } from '../../../shared/realtime/socket';
import { renderWithProviders } from '../../../test/render';
import { Composer } from './Composer';
import { CAMILLE_ID, clientWithMe, entry, ME_ID, mockApi, TICKET_ID, ticket, type Call } from './test-support';

const REPLIES = `/api/v1/tickets/${TICKET_ID}/replies`;
const NOTES = `/api/v1/tickets/${TICKET_ID}/notes`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const camille = { kind: 'agent' as const, id: CAMILLE_ID, name: 'Camille Roux' };

let setEntries: (e: TimelineEntry[]) => void = () => {};
/** The composer as the page uses it, with a timeline the test can move forward (as realtime would). */
function Harness({ initial, viewers = [] }: { initial: TimelineEntry[]; viewers?: Viewer[] }) {
  const [entries, set] = useState(initial);
  setEntries = set;
  return <Composer ticketId={TICKET_ID} entries={entries} viewers={viewers} meId={ME_ID} />;
}

function renderComposer(opts: { locale?: 'fr' | 'en'; initial?: TimelineEntry[]; viewers?: Viewer[] } = {}) {
  return renderWithProviders(<Harness initial={opts.initial ?? []} viewers={opts.viewers} />, {
    locale: opts.locale,
    client: clientWithMe(),
  });
}

const replyOk = () => ({ status: 201, body: { entry: entry({ kind: 'ticket.replied' }), ticket: ticket() } });
const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST');
const textarea = () => screen.getByRole('textbox') as HTMLTextAreaElement;

beforeEach(() => sessionStorage.clear());
afterEach(() => vi.restoreAllMocks());

describe('Composer', () => {
  it('sends a public reply to /replies with an Idempotency-Key, then clears the text', async () => {
    const calls = mockApi([['POST', REPLIES, replyOk]]);
    const user = userEvent.setup();
    renderComposer();
    await user.type(screen.getByLabelText('Réponse publique au demandeur (Markdown)'), 'Bonjour, pouvez-vous redémarrer ?');
    await user.click(screen.getByRole('button', { name: 'Envoyer la réponse' }));
    await waitFor(() => expect(screen.getByText('Réponse envoyée.')).toBeTruthy());
    const [post] = posts(calls);
    expect(post?.path).toBe(REPLIES);
    expect(post?.body).toEqual({ body: 'Bonjour, pouvez-vous redémarrer ?' });
    expect(post?.headers.get('idempotency-key')).toMatch(UUID);
    expect(textarea().value).toBe('');
    expect(sessionStorage.getItem(`relais.draft.${TICKET_ID}`)).toBeNull();
  });

  it('sends an internal note to /notes (English)', async () => {
    const calls = mockApi([['POST', NOTES, () => ({ status: 201, body: entry({ kind: 'ticket.noted' }) })]]);
    const user = userEvent.setup();
    renderComposer({ locale: 'en' });
    await user.click(screen.getByRole('button', { name: 'Internal note' }));
    expect(screen.getByText('Internal note: the requester will not see it.')).toBeTruthy();
    await user.type(screen.getByLabelText('Internal note, visible to agents only (Markdown)'), 'Checked with the supplier');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(screen.getByText('Note added.')).toBeTruthy());
    expect(posts(calls).map((c) => [c.path, c.body])).toEqual([[NOTES, { body: 'Checked with the supplier' }]]);
    expect(posts(calls)[0]?.headers.get('idempotency-key')).toMatch(UUID);
  });

  it('keeps the text on error, is disabled while sending, and retries with the same key', async () => {
    let release: (v: { status: number; body: unknown }) => void = () => {};
    const answers = [
      () => new Promise<{ status: number; body: unknown }>((resolve) => (release = resolve)),
      () => replyOk(),
    ];
    const calls = mockApi([['POST', REPLIES, () => answers.shift()!()]]);
    const user = userEvent.setup();
    renderComposer();
    await user.type(textarea(), 'Texte important');
    await user.click(screen.getByRole('button', { name: 'Envoyer la réponse' }));
    const busy = await screen.findByRole('button', { name: 'Envoi…' });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    expect(textarea().readOnly).toBe(true);
    release({ status: 409, body: { error: { code: 'TICKET_CLOSED', message: 'Ticket #1042 is closed.' } } });
    expect((await screen.findByRole('alert')).textContent).toBe('Ce ticket est fermé.');
    expect(textarea().value).toBe('Texte important');

    await user.click(screen.getByRole('button', { name: 'Envoyer la réponse' }));
    await waitFor(() => expect(posts(calls)).toHaveLength(2));
    const [first, second] = posts(calls);
    expect(second?.headers.get('idempotency-key')).toBe(first?.headers.get('idempotency-key'));
  });

  it('uses a new key once the text changes', async () => {
    const calls = mockApi([['POST', REPLIES, () => ({ status: 500, body: { error: { code: 'INTERNAL', message: 'boom' } } })]]);
    const user = userEvent.setup();
    renderComposer({ locale: 'en' });
    await user.type(textarea(), 'One');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Something went wrong: boom');
    await user.type(textarea(), ' more');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(posts(calls)).toHaveLength(2));
    const [a, b] = posts(calls);
    expect(b?.body).toEqual({ body: 'One more' });
    expect(b?.headers.get('idempotency-key')).not.toBe(a?.headers.get('idempotency-key'));
  });

  it('sends with Ctrl+Enter (and Cmd+Enter)', async () => {
    const calls = mockApi([['POST', REPLIES, replyOk]]);
    const user = userEvent.setup();
    renderComposer();
    await user.type(textarea(), 'Vite');
    await user.keyboard('{Enter}');
    expect(posts(calls)).toHaveLength(0);
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    await waitFor(() => expect(textarea().value).toBe(''));
    await user.type(textarea(), 'Encore');
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    await waitFor(() => expect(posts(calls)).toHaveLength(2));
  });

  it('previews Markdown sanitized: no script, no event handler', async () => {
    mockApi();
    const user = userEvent.setup();
    renderComposer();
    fireEvent.change(textarea(), {
      target: { value: '**gras** <script>window.hacked = 1</script><img src="x" onerror="window.hacked = 2">' },
    });
    await user.click(screen.getByRole('button', { name: 'Aperçu' }));
    const preview = screen.getByRole('region', { name: 'Aperçu' });
    expect(within(preview).getByText('gras').tagName).toBe('STRONG');
    expect(preview.querySelector('script')).toBeNull();
    expect(preview.innerHTML).not.toContain('onerror');
    expect((window as { hacked?: number }).hacked).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Rédiger' }));
    expect(screen.queryByRole('region', { name: 'Aperçu' })).toBeNull();
  });

  it('keeps the draft per ticket across a remount', async () => {
    mockApi();
    const user = userEvent.setup();
    const first = renderComposer();
    await user.click(screen.getByRole('button', { name: 'Note interne' }));
    await user.type(textarea(), 'Brouillon');
    first.unmount();
    renderComposer();
    expect(textarea().value).toBe('Brouillon');
    expect(screen.getByRole('button', { name: 'Note interne' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('asks before sending a reply crossed by another agent’s, then sends on confirmation', async () => {
    const calls = mockApi([['POST', REPLIES, replyOk]]);
    const user = userEvent.setup();
    const before = [entry({ kind: 'ticket.created' }), entry({ kind: 'ticket.replied', actor: camille, body: 'Bonjour' })];
    renderComposer({ initial: before });
    await user.type(textarea(), 'Ma réponse');
    // Camille's reply arrives live while Léa is writing.
    act(() => setEntries([...before, entry({ kind: 'ticket.replied', actor: camille, body: 'Déjà réglé' })]));
    await user.click(screen.getByRole('button', { name: 'Envoyer la réponse' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Camille Roux a répondu pendant que vous écriviez — envoyer quand même ?');
    expect(posts(calls)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Envoyer quand même' }));
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0]?.body).toEqual({ body: 'Ma réponse' });
  });

  it('does not warn again for a reply the agent has already been warned about', async () => {
    const calls = mockApi([['POST', REPLIES, replyOk]]);
    const user = userEvent.setup();
    const before = [entry({ kind: 'ticket.created' })];
    renderComposer({ initial: before, locale: 'en' });
    await user.type(textarea(), 'Mine');
    act(() => setEntries([...before, entry({ kind: 'ticket.replied', actor: camille })]));
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Camille Roux replied while you were writing — send anyway?');
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(textarea().value).toBe('Mine');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
  });

  it('warns when another agent is writing a reply now, but not for notes', async () => {
    const calls = mockApi([['POST', NOTES, () => ({ status: 201, body: entry({ kind: 'ticket.noted' }) })]]);
    const user = userEvent.setup();
    const viewers: Viewer[] = [{ agent_id: CAMILLE_ID, name: 'Camille Roux', composing: 'reply', since: '2026-03-02T10:00:00Z' }];
    renderComposer({ viewers });
    await user.type(textarea(), 'Texte');
    await user.click(screen.getByRole('button', { name: 'Envoyer la réponse' }));
    expect((await screen.findByRole('dialog')).textContent).toContain('Camille Roux rédige une réponse — envoyer quand même ?');
    await user.click(screen.getByRole('button', { name: 'Continuer la rédaction' }));
    await user.click(screen.getByRole('button', { name: 'Note interne' }));
    await user.click(screen.getByRole('button', { name: 'Ajouter la note' }));
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('tells the other agents it is typing, and stops on send', async () => {
    class SilentSocket {
      readyState = 0;
      close() {}
      send() {}
    }
    vi.stubGlobal('WebSocket', SilentSocket);
    const typing = vi.spyOn(RealtimeSocket.prototype, 'setTyping');
    mockApi([['POST', NOTES, () => ({ status: 201, body: entry({ kind: 'ticket.noted' }) })]]);
    const user = userEvent.setup();
    renderWithProviders(
      <RealtimeProvider>
        <Composer ticketId={TICKET_ID} entries={[]} viewers={[]} meId={ME_ID} />
      </RealtimeProvider>,
      { client: clientWithMe() },
    );
    await user.type(textarea(), 'a');
    expect(typing).toHaveBeenLastCalledWith(TICKET_ID, 'reply');
    await user.click(screen.getByRole('button', { name: 'Note interne' }));
    expect(typing).toHaveBeenLastCalledWith(TICKET_ID, 'note');
    await user.click(screen.getByRole('button', { name: 'Ajouter la note' }));
    await waitFor(() => expect(typing).toHaveBeenLastCalledWith(TICKET_ID, null));
  });
});
