/**
 * One inbound e-mail as the rest of Relais sees it, whatever way it arrived (SMTP receiver, IMAP, HTTP POST):
 * the parser (`src/channels/email/parse.ts`) turns raw RFC 5322 bytes into this, and the domain's threading and
 * classification rules read only this. Attachment bodies are not here: they are stored content-addressed.
 */
export interface EmailAddress {
  /** Lower-cased, trimmed. */
  address: string;
  name: string | null;
}

export interface InboundAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  /** Without angle brackets; set for inline parts referenced as cid: from the HTML. */
  contentId: string | null;
  inline: boolean;
  /** Hex SHA-256 of the content: the storage key. */
  sha256: string;
}

/** What a delivery status notification (multipart/report; report-type=delivery-status) says. */
export interface DeliveryReport {
  /** Message-ID of the message that failed (from the returned headers), without angle brackets. */
  originalMessageId: string | null;
  /** Per recipient: action (failed, delayed, delivered…), status code (5.1.1) and diagnostic text. */
  recipients: Array<{ recipient: string | null; action: string | null; status: string | null; diagnostic: string | null }>;
}

export interface InboundEmail {
  /** Message-ID without angle brackets, or null when the message has none. */
  messageId: string | null;
  /** Message-IDs (no angle brackets) from In-Reply-To and References, nearest first. */
  inReplyTo: string[];
  references: string[];
  from: EmailAddress | null;
  replyTo: EmailAddress[];
  to: EmailAddress[];
  cc: EmailAddress[];
  /** Decoded (RFC 2047), trimmed; '' when missing. */
  subject: string;
  date: Date | null;
  /** The whole readable text: the text/plain part, or text derived from the HTML when there is only HTML. */
  text: string;
  /** `text` without the quoted history and signature (these are collapsed in the UI, never deleted). */
  newText: string;
  /** Sanitized HTML for display (no script, no event handler, no remote content), or null. */
  html: string | null;
  /** Lower-cased header names → raw values (all occurrences), for the auto-reply and list rules. */
  headers: Record<string, string[]>;
  /** Lower-cased top-level content type, e.g. multipart/report. */
  contentType: string;
  /** Set when the message is a delivery status notification. */
  deliveryReport: DeliveryReport | null;
  attachments: InboundAttachment[];
  /** Messages attached as message/rfc822 (forwarded mail), parsed the same way. */
  attachedMessages: InboundEmail[];
}
