import EmailReplyParser from 'email-reply-parser';

/**
 * The new part of a reply: `text` without quoted history and signature, via email-reply-parser (English,
 * French and a dozen other locales of "On … wrote:", "-----Original Message-----", "> " lines, "-- ").
 *
 * Two things it lacks are handled here: Outlook's header block without an address in brackets
 * ("De : Jean Dupont / Envoyé : …", "From: … / Sent: …"), which starts the history, and a guard on size,
 * since its patterns backtrack on very long lines. Whatever happens, text is never lost: if the stripping
 * leaves nothing (a message that is all quote, or one the parser gets wrong), the whole text is returned.
 */
const MAX_TEXT_FOR_PARSER = 100_000;
const MAX_LINE_FOR_PARSER = 4_000;

const OUTLOOK_FROM = /^\s*\**(From|De|Von|Da|Van)\s?:\**\s.+$/i;
const OUTLOOK_NEXT = /^\s*\**(Sent|Envoyé|Date|Gesendet|Inviato|Verzonden|Enviado)\s?:\**\s.+$/i;

export function newTextOf(text: string): string {
  if (text.trim() === '') return text;
  const head = cutAtOutlookHeader(text.replace(/\r\n/g, '\n'));
  if (head.length > MAX_TEXT_FOR_PARSER || head.split('\n').some((l) => l.length > MAX_LINE_FOR_PARSER)) {
    return head.trim() === '' ? text : head.trimEnd();
  }
  let visible: string;
  try {
    visible = new EmailReplyParser().read(head).getVisibleText();
  } catch {
    visible = head;
  }
  visible = visible.trim();
  return visible === '' ? text : visible;
}

/** Everything before the first "From:/De :" line that is followed (within two lines) by "Sent:/Envoyé :". */
function cutAtOutlookHeader(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    if (!OUTLOOK_FROM.test(lines[i] ?? '')) continue;
    if (lines.slice(i + 1, i + 3).some((l) => OUTLOOK_NEXT.test(l))) {
      const before = lines.slice(0, i);
      while (before.length > 0 && /^\s*(_{5,}|-{5,}.*)?\s*$/.test(before[before.length - 1] ?? '')) before.pop();
      return before.join('\n');
    }
  }
  return text;
}
