import type { DeliveryReport } from '../../domain/email/inbound-email.js';

/**
 * Reads a message/delivery-status body (RFC 3464): one block of per-message fields, then one block per
 * recipient, blocks separated by blank lines, fields written like headers. Tolerant of junk: a block
 * without Final-Recipient or Action is not a recipient.
 */
export function readDeliveryStatus(body: string): DeliveryReport['recipients'] {
  const blocks = body.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/);
  const recipients: DeliveryReport['recipients'] = [];
  for (const block of blocks) {
    const fields = readFields(block);
    const finalRecipient = fields.get('final-recipient') ?? fields.get('original-recipient');
    const action = fields.get('action');
    if (finalRecipient === undefined && action === undefined) continue;
    recipients.push({
      recipient: finalRecipient === undefined ? null : stripAddressType(finalRecipient),
      action: action?.toLowerCase() ?? null,
      status: fields.get('status')?.match(/\d\.\d{1,3}\.\d{1,3}/)?.[0] ?? fields.get('status') ?? null,
      // "smtp; 550 5.1.1 …": the diagnostic type is noise for a reader.
      diagnostic: fields.get('diagnostic-code')?.replace(/^[A-Za-z0-9-]+\s*;\s*/, '') ?? null,
    });
  }
  return recipients;
}

function readFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const match = /^([A-Za-z][A-Za-z0-9-]*)\s*:\s*(.*)$/.exec(line);
    if (match?.[1] && !fields.has(match[1].toLowerCase())) fields.set(match[1].toLowerCase(), (match[2] ?? '').trim());
  }
  return fields;
}

/** "rfc822; jane@example.com" → "jane@example.com" (lower-cased, as all our addresses are). */
function stripAddressType(value: string): string {
  const semi = value.indexOf(';');
  return (semi >= 0 ? value.slice(semi + 1) : value).trim().replace(/^<|>$/g, '').toLowerCase();
}
