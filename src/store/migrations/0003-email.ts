/**
 * The e-mail channel. Applied migrations are never edited: add a new file.
 *
 * - `inbound_messages`: every message received (SMTP, IMAP, HTTP), stored once. `dedupe_key` is the Message-ID,
 *   or a hash of the content for a message without one, so a second delivery of the same message finds the first
 *   row and is acknowledged without a second ticket. A row is written (and its raw bytes are on disk) before the
 *   sender hears "accepted"; processing (threading, the ticket, the timeline) then happens in one transaction that
 *   also sets `status`, so a process killed in between leaves a `received` row that the next pass processes.
 * - `outbound_messages`: the durable queue of mail we send (replies and notifications), with retries and the
 *   Message-IDs that later let replies thread back to their ticket.
 * - `attachments`: metadata; the bytes are files named by their SHA-256 under the attachments directory.
 * - `ticket_followers`: addresses Cc'd on a ticket's mail, who receive its public replies.
 * - `mailboxes`: IMAP mailboxes polled, with encrypted credentials and where the last pass stopped.
 */
export const sql = /* sql */ `
CREATE TABLE inbound_messages (
  id uuid PRIMARY KEY,
  -- 'mid:<message-id>' or 'sha:<hex sha-256 of the message without its trace headers>'
  dedupe_key text NOT NULL UNIQUE,
  message_id text,
  raw_sha256 text NOT NULL,
  raw_size integer NOT NULL,
  source text NOT NULL CHECK (source IN ('smtp', 'imap', 'http')),
  -- The SMTP client address, the mailbox name, or the API token's name: for the timeline and the logs.
  source_detail text,
  envelope_from text,
  envelope_to text[] NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('received', 'processed', 'ignored', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  error text,
  from_address text,
  subject text,
  classification text,
  -- The threading decision (code, reason, rule, matched Message-ID, tickets refused), as on the timeline.
  decision jsonb,
  ticket_id uuid REFERENCES tickets(id),
  received_at timestamptz NOT NULL,
  processed_at timestamptz
);
CREATE INDEX inbound_messages_pending_idx ON inbound_messages (received_at) WHERE status = 'received';
CREATE INDEX inbound_messages_message_id_idx ON inbound_messages (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX inbound_messages_sender_idx ON inbound_messages (from_address, received_at);
CREATE INDEX inbound_messages_ticket_idx ON inbound_messages (ticket_id) WHERE ticket_id IS NOT NULL;

CREATE TABLE outbound_messages (
  id uuid PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  -- The reply or event this mail carries (a reply's entry, the creation, the resolution).
  timeline_entry_id uuid,
  kind text NOT NULL CHECK (kind IN ('reply', 'received', 'resolved')),
  message_id text NOT NULL UNIQUE,
  in_reply_to text,
  "references" text[] NOT NULL DEFAULT '{}',
  from_address text NOT NULL,
  to_addresses text[] NOT NULL,
  cc_addresses text[] NOT NULL DEFAULT '{}',
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  language text NOT NULL,
  attachment_ids uuid[] NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'bounced')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  locked_until timestamptz,
  last_error text,
  smtp_response text,
  sent_at timestamptz,
  bounced_at timestamptz,
  bounce_detail jsonb,
  created_at timestamptz NOT NULL
);
CREATE INDEX outbound_messages_due_idx ON outbound_messages (next_attempt_at) WHERE status = 'queued';
CREATE INDEX outbound_messages_ticket_idx ON outbound_messages (ticket_id, created_at);
CREATE INDEX outbound_messages_entry_idx ON outbound_messages (timeline_entry_id) WHERE timeline_entry_id IS NOT NULL;

CREATE TABLE attachments (
  id uuid PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  -- The entry (reply, creation) the file came with; null while an agent's upload waits for its reply.
  timeline_entry_id uuid,
  inbound_message_id uuid REFERENCES inbound_messages(id),
  sha256 text NOT NULL,
  size bigint NOT NULL,
  content_type text NOT NULL,
  filename text,
  content_id text,
  inline boolean NOT NULL DEFAULT false,
  visibility text NOT NULL CHECK (visibility IN ('public', 'internal')),
  uploaded_by_kind text NOT NULL CHECK (uploaded_by_kind IN ('agent', 'requester', 'system')),
  uploaded_by_id uuid,
  created_at timestamptz NOT NULL
);
CREATE INDEX attachments_ticket_idx ON attachments (ticket_id, created_at);
CREATE INDEX attachments_entry_idx ON attachments (timeline_entry_id) WHERE timeline_entry_id IS NOT NULL;
CREATE INDEX attachments_sha_idx ON attachments (sha256);

CREATE TABLE ticket_followers (
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  email text NOT NULL,
  name text,
  source text NOT NULL CHECK (source IN ('email_cc', 'agent')),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, email)
);
CREATE INDEX ticket_followers_email_idx ON ticket_followers (email);

CREATE TABLE mailboxes (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  host text NOT NULL,
  port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  tls text NOT NULL CHECK (tls IN ('implicit', 'starttls', 'none')),
  username text NOT NULL,
  -- AES-256-GCM with the server's secret key (src/security/credentials.ts): never the password itself.
  password_enc text NOT NULL,
  folder text NOT NULL DEFAULT 'INBOX',
  after_import text NOT NULL CHECK (after_import IN ('flag', 'move')),
  move_to text,
  uid_validity bigint,
  last_uid bigint NOT NULL DEFAULT 0,
  enabled boolean NOT NULL DEFAULT true,
  last_polled_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX mailboxes_name_key ON mailboxes (lower(name));
`;
