import { describe, expect, it } from 'vitest';
import { classifyInbound, type ClassifiableEmail, type InboundKind } from './classify.js';

const ctx = { ownAddresses: ['support@relais.example', 'help@relais.example'] };

function buildEmail(over: Partial<ClassifiableEmail> & { fromAddress?: string } = {}): ClassifiableEmail {
  const { fromAddress = 'alice@customer.example', ...rest } = over;
  return {
    from: { address: fromAddress, name: null },
    subject: 'Printer down',
    headers: {},
    contentType: 'text/plain',
    deliveryReport: null,
    ...rest,
  };
}

const h = (headers: Record<string, string>): Partial<ClassifiableEmail> => ({
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
});

type Case = [label: string, email: ClassifiableEmail, kind: InboundKind, reasonContains: string];

describe('classifyInbound', () => {
  const cases: Case[] = [
    // own addresses: a loop, whatever else the mail says
    ['own address', buildEmail({ fromAddress: 'support@relais.example' }), 'own', 'support@relais.example'],
    ['own address, other case', buildEmail({ fromAddress: 'HELP@relais.example' }), 'own', 'help@relais.example'],
    ['own address beats auto headers', buildEmail({ fromAddress: 'help@relais.example', ...h({ 'auto-submitted': 'auto-replied' }) }), 'own', 'own'],

    // bounces
    ['parsed delivery report', buildEmail({ deliveryReport: { originalMessageId: 'x@y', recipients: [] } }), 'bounce', 'delivery status notification'],
    ['multipart/report delivery-status', buildEmail({ contentType: 'multipart/report', ...h({ 'content-type': 'multipart/report; report-type=delivery-status; boundary="b"' }) }), 'bounce', 'report-type=delivery-status'],
    ['multipart/report quoted report-type', buildEmail({ contentType: 'multipart/report', ...h({ 'content-type': 'multipart/report; report-type="Delivery-Status"' }) }), 'bounce', 'report-type=delivery-status'],
    ['MAILER-DAEMON with Postfix subject', buildEmail({ fromAddress: 'mailer-daemon@mx.example', subject: 'Undelivered Mail Returned to Sender' }), 'bounce', 'mailer-daemon@mx.example'],
    ['postmaster with Exchange subject', buildEmail({ fromAddress: 'postmaster@corp.example', subject: 'Undeliverable: Printer down' }), 'bounce', 'Undeliverable: Printer down'],
    ['postmaster with French Exchange subject', buildEmail({ fromAddress: 'postmaster@corp.example', subject: 'Non remis : Imprimante' }), 'bounce', 'Non remis'],
    ['MAILER-DAEMON with Exim subject', buildEmail({ fromAddress: 'MAILER-DAEMON@mx.example', subject: 'Mail delivery failed: returning message to sender' }), 'bounce', 'bounce subject'],
    ['MAILER-DAEMON with Gmail subject', buildEmail({ fromAddress: 'mailer-daemon@googlemail.com', subject: 'Delivery Status Notification (Failure)' }), 'bounce', 'bounce subject'],
    ['MAILER-DAEMON with German subject', buildEmail({ fromAddress: 'mailer-daemon@mx.example', subject: 'Unzustellbar: Drucker' }), 'bounce', 'Unzustellbar'],
    ['empty Return-Path with bounce subject', buildEmail({ fromAddress: 'noreply@mx.example', subject: 'Returned mail: see transcript', ...h({ 'return-path': '<>' }) }), 'bounce', 'empty Return-Path'],
    ['bounce beats auto headers', buildEmail({ deliveryReport: { originalMessageId: null, recipients: [] }, ...h({ 'auto-submitted': 'auto-replied' }) }), 'bounce', 'delivery status'],

    // auto-reply headers
    ['Auto-Submitted auto-replied', buildEmail(h({ 'auto-submitted': 'auto-replied' })), 'auto_reply', 'Auto-Submitted is "auto-replied"'],
    ['Auto-Submitted auto-generated', buildEmail(h({ 'auto-submitted': 'auto-generated' })), 'auto_reply', 'Auto-Submitted'],
    ['Auto-Submitted auto-notified with parameter', buildEmail(h({ 'auto-submitted': 'auto-notified; owner-email="x@y"' })), 'auto_reply', 'Auto-Submitted'],
    ['Auto-Submitted no is human', buildEmail(h({ 'auto-submitted': ' No ' })), 'human', 'No automatic-mail'],
    ['X-Autoreply', buildEmail(h({ 'x-autoreply': 'yes' })), 'auto_reply', 'X-Autoreply is present ("yes")'],
    ['X-Autorespond', buildEmail(h({ 'x-autorespond': 'Vacation' })), 'auto_reply', 'X-Autorespond'],
    ['X-Auto-Response-Suppress All', buildEmail(h({ 'x-auto-response-suppress': 'All' })), 'auto_reply', 'X-Auto-Response-Suppress'],
    ['X-Auto-Response-Suppress OOF', buildEmail(h({ 'x-auto-response-suppress': 'DR, OOF, AutoReply' })), 'auto_reply', 'X-Auto-Response-Suppress'],
    ['X-Autoreply-From', buildEmail(h({ 'x-autoreply-from': 'alice@customer.example' })), 'auto_reply', 'X-Autoreply-From'],
    ['X-Mail-Autoreply', buildEmail(h({ 'x-mail-autoreply': 'alice@customer.example' })), 'auto_reply', 'X-Mail-Autoreply'],
    ['Precedence auto_reply', buildEmail(h({ precedence: 'auto_reply' })), 'auto_reply', 'Precedence is "auto_reply"'],
    ['read receipt', buildEmail({ contentType: 'multipart/report', ...h({ 'content-type': 'multipart/report; report-type=disposition-notification' }) }), 'auto_reply', 'read receipt'],
    ['MAILER-DAEMON with an unknown subject', buildEmail({ fromAddress: 'MAILER-DAEMON@mx.example', subject: 'Warning: message delayed' }), 'auto_reply', 'mail system'],
    ['auto header beats list header', buildEmail(h({ 'auto-submitted': 'auto-replied', 'list-id': '<l.example>' })), 'auto_reply', 'Auto-Submitted'],

    // bulk
    ['Precedence bulk', buildEmail(h({ precedence: 'bulk' })), 'bulk', 'Precedence is "bulk"'],
    ['Precedence junk', buildEmail(h({ precedence: 'Junk' })), 'bulk', 'Precedence is "junk"'],
    ['Precedence list', buildEmail(h({ precedence: ' list ' })), 'bulk', 'Precedence is "list"'],
    ['List-Id', buildEmail(h({ 'list-id': 'Users <users.lists.example>' })), 'bulk', 'List-Id is present (Users <users.lists.example>)'],
    ['List-Unsubscribe, long value cut', buildEmail(h({ 'list-unsubscribe': `<https://news.example/u?${'x'.repeat(200)}>` })), 'bulk', '…'],
    ['Precedence first-class is human', buildEmail(h({ precedence: 'first-class' })), 'human', 'No automatic-mail'],

    // auto-reply subjects
    ...([
      'Out of office', 'Out of Office: Printer down', 'OUT OF THE OFFICE until Monday', 'Automatic reply: Printer down',
      'Auto: Printer down', 'Auto-reply: Printer', 'Autoreply', 'Auto Response: x', 'Absence', 'Absence : Printer',
      'Absence du bureau', "Absence jusqu'au 3 mars", 'Réponse automatique : Imprimante', 'Reponse automatique',
      'Absent du bureau', 'Absente du bureau jusqu’au lundi', "Message d'absence", 'Message d’absence', 'Autosvar: Skrivare',
      'Abwesenheitsnotiz: Drucker', 'Automatische Antwort: Drucker', 'Automatisch antwoord: Printer',
      'Respuesta automática: Impresora', 'Risposta automatica: Stampante', 'RE: Out of office', '[EXTERNAL] Automatic reply: x',
    ].map((subject): Case => [`subject ${subject}`, buildEmail({ subject }), 'auto_reply', `"${subject}"`])),

    // human: subjects that only look automatic
    ...([
      'Absence de réponse à mon ticket', 'Absences not recorded in the HR module', 'Automation rules broken',
      'Autosave lost my work', 'Printer out of office paper', 'Undeliverable: mail to my colleague bounces',
    ].map((subject): Case => [`subject ${subject}`, buildEmail({ subject }), 'human', 'No automatic-mail'])),
    ['postmaster writing as a person', buildEmail({ fromAddress: 'postmaster@corp.example', subject: 'Question about SPF' }), 'human', 'No automatic-mail'],
    ['no sender', buildEmail({ from: null }), 'human', 'No automatic-mail'],
  ];

  it.each(cases)('%s', (_label, email, kind, reasonContains) => {
    const result = classifyInbound(email, ctx);
    expect(result.kind).toBe(kind);
    expect(result.reason).toContain(reasonContains);
    expect(result.reason).toMatch(/^[A-Z].*\.$/u);
  });
});
