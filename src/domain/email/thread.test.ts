import { describe, expect, it } from 'vitest';
import type { InboundClassification, InboundKind } from './classify.js';
import { decideThread, describeDuration, type ThreadAction, type ThreadCode, type ThreadInput, type TicketRef } from './thread.js';

const now = new Date('2026-03-10T12:00:00Z');
const DAY = 86_400_000;
const alice = 'alice@customer.example';
const mallory = 'mallory@elsewhere.example';

function buildTicketRef(over: Partial<TicketRef> = {}): TicketRef {
  return { id: 't-1042', number: 1042, status: 'open', resolvedAt: null, requesterEmails: [alice], followerEmails: [], ...over };
}
const as = (kind: InboundKind): InboundClassification => ({ kind, reason: `Classified as ${kind}.` });

function buildInput(over: Partial<ThreadInput> = {}): ThreadInput {
  return {
    from: alice, classification: as('human'), now, reopenWindowMs: 7 * DAY,
    byOurMessageId: null, bySubjectTag: null, byIngestedMessageId: null, ...over,
  };
}
const ours = (ticket: TicketRef, header: 'in-reply-to' | 'references' = 'in-reply-to') =>
  ({ ticket, messageId: `relais-${ticket.number}@support.example`, header });
const earlier = (ticket: TicketRef, header: 'in-reply-to' | 'references' = 'references') =>
  ({ ticket, messageId: `abc-${ticket.number}@customer.example`, header });

const open1042 = buildTicketRef();
const other = buildTicketRef({ id: 't-2001', number: 2001, requesterEmails: ['bob@customer.example'] });
const aliceOther = buildTicketRef({ id: 't-3003', number: 3003 });
const resolvedAgo = (ms: number) => buildTicketRef({ status: 'resolved', resolvedAt: new Date(now.getTime() - ms) });
const closed = buildTicketRef({ status: 'closed', resolvedAt: new Date(now.getTime() - DAY) });

type Case = [label: string, input: ThreadInput, action: ThreadAction, code: ThreadCode, ticketId: string | null, linkedTicketId: string | null, reasonContains: string];

describe('decideThread', () => {
  const cases: Case[] = [
    // each rule alone, active ticket
    ['our Message-ID in In-Reply-To', buildInput({ byOurMessageId: ours(open1042) }), 'join', 'joined', 't-1042', null,
      'Joined #1042 because In-Reply-To matched our message <relais-1042@support.example>.'],
    ['our Message-ID in References', buildInput({ byOurMessageId: ours(open1042, 'references') }), 'join', 'joined', 't-1042', null, 'References matched our message'],
    ['subject tag', buildInput({ bySubjectTag: open1042 }), 'join', 'joined', 't-1042', null, 'Joined #1042 because the subject carries its tag [#1042].'],
    ['earlier inbound Message-ID', buildInput({ byIngestedMessageId: earlier(open1042) }), 'join', 'joined', 't-1042', null,
      'References matched its earlier message <abc-1042@customer.example>'],
    ['nothing matched', buildInput(), 'new', 'new_ticket', null, null, 'no Message-ID or subject tag matched'],
    ...(['new', 'pending', 'on_hold'] as const).map((status): Case =>
      [`joins a ${status} ticket`, buildInput({ bySubjectTag: buildTicketRef({ status }) }), 'join', 'joined', 't-1042', null, 'Joined #1042']),

    // followers may reply; addresses compare case-insensitively
    ['follower joins', buildInput({ from: 'carol@customer.example', bySubjectTag: buildTicketRef({ followerEmails: ['carol@customer.example'] }) }),
      'join', 'joined', 't-1042', null, 'Joined #1042'],
    ['sender in other case joins', buildInput({ from: 'Alice@Customer.Example', byOurMessageId: ours(open1042) }), 'join', 'joined', 't-1042', null, 'Joined'],

    // precedence when several candidates match
    ['our Message-ID beats subject tag', buildInput({ byOurMessageId: ours(open1042), bySubjectTag: aliceOther }), 'join', 'joined', 't-1042', null, 'In-Reply-To'],
    ['our Message-ID beats earlier inbound', buildInput({ byOurMessageId: ours(open1042), byIngestedMessageId: earlier(aliceOther) }), 'join', 'joined', 't-1042', null, 'our message'],
    ['subject tag beats earlier inbound', buildInput({ bySubjectTag: aliceOther, byIngestedMessageId: earlier(open1042) }), 'join', 'joined', 't-3003', null, 'tag [#3003]'],
    ['all three: our Message-ID wins', buildInput({ byOurMessageId: ours(aliceOther), bySubjectTag: open1042, byIngestedMessageId: earlier(open1042) }), 'join', 'joined', 't-3003', null, 'our message <relais-3003'],
    ['first match decides even when closed', buildInput({ byOurMessageId: ours(closed), bySubjectTag: aliceOther }), 'new_linked', 'new_linked_closed', null, 't-1042', 'linked to #1042'],

    // a different sender never joins someone else's ticket
    ['stranger reusing a thread', buildInput({ from: mallory, byOurMessageId: ours(open1042) }), 'new', 'new_ticket_sender_not_on_ticket', null, null,
      `Did not join #1042 (In-Reply-To matched our message <relais-1042@support.example>) because ${mallory} is neither its requester nor a follower. Opened a new ticket.`],
    ['stranger reusing a subject tag', buildInput({ from: mallory, bySubjectTag: open1042 }), 'new', 'new_ticket_sender_not_on_ticket', null, null,
      'Did not join #1042 (the subject carries its tag [#1042])'],
    ['stranger quoting an earlier message', buildInput({ from: mallory, byIngestedMessageId: earlier(open1042) }), 'new', 'new_ticket_sender_not_on_ticket', null, null, 'Did not join #1042'],
    ['stranger on a closed ticket gets a plain new ticket', buildInput({ from: mallory, bySubjectTag: closed }), 'new', 'new_ticket_sender_not_on_ticket', null, null, 'Did not join #1042'],
    ['refused on one, joins the next where the sender is', buildInput({ byOurMessageId: ours(other), bySubjectTag: open1042 }), 'join', 'joined', 't-1042', null,
      `Did not join #2001 (In-Reply-To matched our message <relais-2001@support.example>) because ${alice} is neither its requester nor a follower. Joined #1042 because the subject carries its tag [#1042].`],
    ['one ticket refused by two rules is named once', buildInput({ from: mallory, byOurMessageId: ours(open1042), bySubjectTag: open1042 }), 'new', 'new_ticket_sender_not_on_ticket', null, null, 'nor a follower. Opened a new ticket.'],

    // closed and resolved
    ['reply to a closed ticket', buildInput({ byOurMessageId: ours(closed) }), 'new_linked', 'new_linked_closed', null, 't-1042', 'Opened a new ticket linked to #1042: In-Reply-To matched our message <relais-1042@support.example>, but #1042 is closed.'],
    ['resolved 2 days ago, 7-day window', buildInput({ bySubjectTag: resolvedAgo(2 * DAY) }), 'reopen', 'reopened', 't-1042', null, 'resolved 2 days ago, within the 7 days reopen window'],
    ['resolved exactly at the window edge', buildInput({ bySubjectTag: resolvedAgo(7 * DAY) }), 'reopen', 'reopened', 't-1042', null, 'within'],
    ['resolved one ms past the window', buildInput({ bySubjectTag: resolvedAgo(7 * DAY + 1) }), 'new_linked', 'new_linked_window_expired', null, 't-1042', 'beyond the 7 days reopen window'],
    ['resolved 30 days ago', buildInput({ byOurMessageId: ours(resolvedAgo(30 * DAY)) }), 'new_linked', 'new_linked_window_expired', null, 't-1042', 'resolved 30 days ago'],
    ['zero window never reopens', buildInput({ reopenWindowMs: 0, bySubjectTag: resolvedAgo(60_000) }), 'new_linked', 'new_linked_window_expired', null, 't-1042', 'beyond'],
    ['resolved in the future (clock skew) reopens', buildInput({ bySubjectTag: resolvedAgo(-60_000) }), 'reopen', 'reopened', 't-1042', null, 'within'],
    ['resolved without a resolution time reopens', buildInput({ bySubjectTag: buildTicketRef({ status: 'resolved', resolvedAt: null }) }), 'reopen', 'reopened', 't-1042', null, 'unknown'],

    // automatic mail: joins without reopening, never opens a ticket
    ...(['auto_reply', 'bulk'] as const).flatMap((kind): Case[] => [
      [`${kind} threaded on an open ticket`, buildInput({ classification: as(kind), byOurMessageId: ours(open1042) }), 'join', 'joined_automatic', 't-1042', null, `Joined #1042 because In-Reply-To matched our message <relais-1042@support.example>. Classified as ${kind}.`],
      [`${kind} on a resolved ticket within the window`, buildInput({ classification: as(kind), bySubjectTag: resolvedAgo(DAY) }), 'join', 'joined_automatic', 't-1042', null, 'without reopening it'],
      [`${kind} on a closed ticket`, buildInput({ classification: as(kind), bySubjectTag: closed }), 'ignore', 'ignored_automatic_closed', null, null, '#1042 is closed'],
      [`${kind} not threaded`, buildInput({ classification: as(kind) }), 'ignore', 'ignored_automatic_unthreaded', null, null, `automatic mail never opens a ticket, and this one matches none. Classified as ${kind}.`],
      [`${kind} from a stranger`, buildInput({ classification: as(kind), from: mallory, bySubjectTag: open1042 }), 'ignore', 'ignored_automatic_unthreaded', null, null, 'Did not join #1042'],
    ]),

    // bounces are never requester replies
    ['bounce with the reported Message-ID', buildInput({ classification: as('bounce'), from: 'mailer-daemon@mx.example', byReportedMessageId: { ticket: closed, messageId: 'relais-9@support.example' }, bySubjectTag: aliceOther }),
      'record_bounce', 'bounce_matched', 't-1042', null, 'Recorded on #1042 as a delivery failure of our message <relais-9@support.example>.'],
    ['bounce threaded by In-Reply-To only', buildInput({ classification: as('bounce'), from: 'mailer-daemon@mx.example', byOurMessageId: ours(open1042) }), 'record_bounce', 'bounce_matched', 't-1042', null, 'delivery failure'],
    ['bounce matching nothing', buildInput({ classification: as('bounce'), from: 'mailer-daemon@mx.example', bySubjectTag: open1042 }), 'record_bounce', 'bounce_unmatched', null, null, 'matches none of our messages'],

    // own mail and no sender
    ['own address', buildInput({ classification: as('own'), from: 'support@relais.example', byOurMessageId: ours(open1042) }), 'ignore', 'ignored_own_address', null, null, 'support@relais.example is one of our own'],
    ['no sender', buildInput({ from: null, byOurMessageId: ours(open1042) }), 'ignore', 'ignored_no_sender', null, null, 'no sender address'],
    ['blank sender', buildInput({ from: '  ', bySubjectTag: open1042 }), 'ignore', 'ignored_no_sender', null, null, 'no sender address'],
  ];

  it.each(cases)('%s', (_label, input, action, code, ticketId, linkedTicketId, reasonContains) => {
    const decision = decideThread(input);
    expect(decision).toMatchObject({ action, code, ticketId, linkedTicketId });
    expect(decision.reason).toContain(reasonContains);
  });

  it('reports which rule and Message-ID matched', () => {
    expect(decideThread(buildInput({ byIngestedMessageId: earlier(open1042) }))).toMatchObject({
      matchedBy: 'ingested_message_id', matchedMessageId: 'abc-1042@customer.example', notJoined: [],
      matchedHeader: earlier(open1042).header, matchedTicketNumber: 1042,
    });
    expect(decideThread(buildInput({ bySubjectTag: open1042 })))
      .toMatchObject({ matchedBy: 'subject_tag', matchedMessageId: null, matchedHeader: null, matchedTicketNumber: 1042 });
    expect(decideThread(buildInput({ classification: as('bounce'), byReportedMessageId: { ticket: open1042, messageId: 'm@x' } })))
      .toMatchObject({ matchedBy: 'reported_message_id', matchedMessageId: 'm@x', matchedTicketNumber: 1042 });
    expect(decideThread(buildInput({}))).toMatchObject({ matchedHeader: null, matchedTicketNumber: null });
  });

  it('lists the refused tickets once each, in rule order', () => {
    const decision = decideThread(buildInput({ from: mallory, byOurMessageId: ours(other), bySubjectTag: open1042, byIngestedMessageId: earlier(open1042) }));
    expect(decision.notJoined).toEqual([
      { ticketId: 't-2001', number: 2001, matchedBy: 'our_message_id' },
      { ticketId: 't-1042', number: 1042, matchedBy: 'subject_tag' },
    ]);
  });
});

describe('describeDuration', () => {
  it.each([
    [0, 'less than a minute'], [59_999, 'less than a minute'], [60_000, '1 minute'], [3 * 3_600_000, '3 hours'],
    [DAY, '1 day'], [7 * DAY, '7 days'], [-2 * DAY, '2 days'],
  ])('%i ms → %s', (ms, text) => {
    expect(describeDuration(ms)).toBe(text);
  });
});
