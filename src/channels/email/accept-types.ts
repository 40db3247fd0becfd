/** What every inbound way (SMTP receiver, IMAP poller, HTTP POST) hands to the ingestion pipeline. */
export type InboundSource = 'smtp' | 'imap' | 'http';

export interface AcceptInput {
  raw: Buffer;
  source: InboundSource;
  /** The SMTP client address, the mailbox name or the API token's name. */
  sourceDetail?: string | null;
  envelopeFrom?: string | null;
  envelopeTo?: string[];
}

export interface AcceptResult {
  /** The inbound message's id (the earlier one's, for a duplicate). */
  id: string;
  /** The same message had already been accepted: nothing new was stored. */
  duplicate: boolean;
}
