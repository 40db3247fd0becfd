/**
 * Saved ticket views, and the realtime event source. Applied migrations are never edited: add a new file.
 *
 * The trigger makes every committed timeline entry (the outbox) a notification on `relais_ticket_events` whose
 * payload is the ticket id. NOTIFY is transactional: listeners hear it only when the transaction commits, never
 * for a rollback, and PostgreSQL folds identical payloads of one transaction into one message, so a change that
 * writes several entries notifies once. Servers sharing a PostgreSQL database LISTEN to it (src/realtime); the
 * embedded engine has a single process, fed directly after commit, so nobody listens there.
 */
export const sql = /* sql */ `
CREATE TABLE saved_views (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  name text NOT NULL,
  -- Exactly the query string of GET /api/v1/tickets, as { key: value } (validated by the API on write).
  query jsonb NOT NULL DEFAULT '{}',
  shared boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX saved_views_owner_idx ON saved_views (owner_id);
CREATE INDEX saved_views_shared_idx ON saved_views (shared) WHERE shared;

CREATE FUNCTION relais_notify_ticket_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('relais_ticket_events', NEW.ticket_id::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER timeline_entries_notify AFTER INSERT ON timeline_entries
  FOR EACH ROW EXECUTE FUNCTION relais_notify_ticket_event();
`;
