/**
 * SLA policies and business calendars, the ticket's SLA clock, escalations, automations (event triggers and
 * time-based rules), macros and in-app notifications. Applied migrations are never edited: add a new file.
 *
 * Durable scheduling needs no job table: what is due lives on the rows themselves.
 * - The SLA clock's next threshold (75 % warning, 100 % breach …) is `tickets.sla_next_check_at`; the sweep
 *   locks due tickets with FOR UPDATE SKIP LOCKED, acts and moves the column on in the same transaction, so a
 *   threshold fires once however many processes sweep, and one that passed while Relais was down fires at start.
 * - A time-based rule fires at most once per ticket and "episode" (e.g. one pending spell): `automation_runs`
 *   has a unique key, written in the transaction that applies the rule's actions.
 */
export const sql = /* sql */ `
CREATE TABLE calendars (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  time_zone text NOT NULL,
  -- Opening intervals per ISO weekday: { "1": [{ "start": "09:00", "end": "12:30" }, …], …, "7": [] }.
  weekly jsonb NOT NULL,
  -- Closed local dates: [{ "date": "2026-12-24", "name": "…", "source": "manual" | "ical" }].
  holidays jsonb NOT NULL DEFAULT '[]',
  -- French public holidays computed for every year (Easter-based included): none, metropolitan, alsace_moselle.
  french_holidays text NOT NULL DEFAULT 'none' CHECK (french_holidays IN ('none', 'metropolitan', 'alsace_moselle')),
  -- The calendar used when neither the policy nor the ticket's team names one. Exactly one row has it.
  is_default boolean NOT NULL DEFAULT false,
  -- Bumped on every change; a ticket's clock records the version it computed its deadlines with.
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX calendars_name_key ON calendars (lower(name));
CREATE UNIQUE INDEX calendars_default_key ON calendars (is_default) WHERE is_default;

ALTER TABLE teams ADD COLUMN calendar_id uuid REFERENCES calendars(id);
-- The team lead, notified by escalations that say "team lead".
ALTER TABLE teams ADD COLUMN lead_id uuid REFERENCES agents(id) ON DELETE SET NULL;

CREATE TABLE sla_policies (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- Rules are tried in this order; the first active policy whose conditions match applies.
  position integer NOT NULL,
  active boolean NOT NULL DEFAULT true,
  -- { organization_ids?: uuid[], types?: ('incident'|'request')[], category_ids?: uuid[], channels?: text[] };
  -- an absent key matches everything, a category matches its descendants.
  conditions jsonb NOT NULL DEFAULT '{}',
  -- null: the ticket's team calendar, else the default calendar.
  calendar_id uuid REFERENCES calendars(id),
  -- Business minutes per priority and target: { "P1": { "first_response": 30, "next_response": 60,
  -- "resolution": 240 }, … }; a missing or null target is not measured.
  targets jsonb NOT NULL,
  -- Statuses in which the clock stops (first response and resolution; next response waits on the requester).
  pause_statuses text[] NOT NULL DEFAULT '{pending,on_hold}',
  -- [{ "metric": "first_response"|"next_response"|"resolution", "percent": 75, "actions": [...] }]
  escalations jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX sla_policies_name_key ON sla_policies (lower(name));

-- The ticket's SLA state (policy snapshot, targets, clock of each metric): see src/domain/sla/clock.ts.
ALTER TABLE tickets ADD COLUMN sla jsonb;
-- The earliest due time among running targets (queues sort and filter by it), and the next instant the sweep
-- must look at this ticket (next escalation threshold). Both null when nothing runs.
ALTER TABLE tickets ADD COLUMN sla_due_at timestamptz;
ALTER TABLE tickets ADD COLUMN sla_next_check_at timestamptz;
CREATE INDEX tickets_sla_next_check_idx ON tickets (sla_next_check_at) WHERE sla_next_check_at IS NOT NULL;
CREATE INDEX tickets_sla_due_idx ON tickets (sla_due_at) WHERE sla_due_at IS NOT NULL;

-- The clock's history, for GET /tickets/{id}/sla: applied, started, paused, resumed, met, warning, breached,
-- targets_changed, stopped — each with its reason and the business time used and left at that instant.
CREATE TABLE ticket_sla_events (
  id uuid PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  at timestamptz NOT NULL,
  kind text NOT NULL,
  metric text,
  reason text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX ticket_sla_events_ticket_idx ON ticket_sla_events (ticket_id, seq);

-- One row per completed measurement (a first response, each next response, a resolution), for compliance
-- reports per team, priority and month without reading every ticket's state.
CREATE TABLE sla_outcomes (
  id uuid PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  policy_id uuid,
  metric text NOT NULL CHECK (metric IN ('first_response', 'next_response', 'resolution')),
  team_id uuid,
  priority text NOT NULL,
  target_minutes integer NOT NULL,
  business_ms bigint NOT NULL,
  due_at timestamptz NOT NULL,
  completed_at timestamptz NOT NULL,
  breached boolean NOT NULL
);
CREATE INDEX sla_outcomes_completed_idx ON sla_outcomes (completed_at);
CREATE INDEX sla_outcomes_ticket_idx ON sla_outcomes (ticket_id);

CREATE TABLE automations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  -- 'event': runs when a ticket is created or changes; 'time': the sweep runs it on tickets whose condition
  -- has held long enough.
  kind text NOT NULL CHECK (kind IN ('event', 'time')),
  position integer NOT NULL,
  active boolean NOT NULL DEFAULT true,
  -- event rules: the events that trigger it, e.g. ['ticket.created', 'ticket.replied'].
  events text[] NOT NULL DEFAULT '{}',
  -- { all: [{ field, op, value }], any: [...] } (src/domain/automation).
  conditions jsonb NOT NULL DEFAULT '{}',
  -- time rules: { since: 'status_changed'|'created'|'updated', hours: 72, business: true,
  -- calendar_id?: uuid }.
  timing jsonb,
  actions jsonb NOT NULL DEFAULT '[]',
  created_by uuid REFERENCES agents(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX automations_name_key ON automations (lower(name));

-- A rule applied to a ticket: the key (e.g. the instant the watched state began) makes it fire once per episode.
CREATE TABLE automation_runs (
  automation_id uuid NOT NULL REFERENCES automations(id) ON DELETE CASCADE,
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  key text NOT NULL,
  ran_at timestamptz NOT NULL,
  PRIMARY KEY (automation_id, ticket_id, key)
);
CREATE INDEX automation_runs_ticket_idx ON automation_runs (ticket_id);
-- When a ticket last changed status: what time rules ("pending for 3 business days") measure from. Kept by a
-- trigger so that every path that changes the status (API, mail, automations, imports) keeps it right.
ALTER TABLE tickets ADD COLUMN status_changed_at timestamptz;
UPDATE tickets SET status_changed_at = updated_at;
ALTER TABLE tickets ALTER COLUMN status_changed_at SET NOT NULL;
CREATE FUNCTION relais_ticket_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.status_changed_at := coalesce(NEW.status_changed_at, NEW.created_at);
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    NEW.status_changed_at := NEW.updated_at;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER tickets_status_changed BEFORE INSERT OR UPDATE ON tickets
  FOR EACH ROW EXECUTE FUNCTION relais_ticket_status_changed();
CREATE INDEX tickets_status_changed_idx ON tickets (status, status_changed_at);

-- The outbox of event-triggered automations: the trigger below queues each committed ticket event in the
-- transaction that wrote it, and workers take rows with FOR UPDATE SKIP LOCKED (each event is handled once, by
-- one process, after its commit; nothing is lost if Relais stops). Entries written by an automation itself
-- (data.source.kind = 'automation') are not queued, so rules cannot trigger each other in a loop.
CREATE TABLE automation_events (
  seq bigserial PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  entry_id uuid NOT NULL,
  kind text NOT NULL,
  actor_kind text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE FUNCTION relais_queue_automation_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind IN ('ticket.created', 'ticket.replied', 'ticket.noted', 'ticket.status_changed', 'ticket.assigned',
                  'ticket.team_changed', 'ticket.tier_changed', 'ticket.priority_changed', 'ticket.fields_changed')
     AND coalesce(NEW.data -> 'source' ->> 'kind', '') <> 'automation' THEN
    INSERT INTO automation_events (ticket_id, entry_id, kind, actor_kind, created_at)
    VALUES (NEW.ticket_id, NEW.id, NEW.kind, NEW.actor_kind, NEW.created_at);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER timeline_entries_automation_event AFTER INSERT ON timeline_entries
  FOR EACH ROW EXECUTE FUNCTION relais_queue_automation_event();

CREATE TABLE macros (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  -- Reply text per language ({ "fr": "Bonjour {{requester.first_name}} …", "en": "Hello …" }); the requester's
  -- language picks one, the other is the fallback.
  body jsonb NOT NULL DEFAULT '{}',
  -- Field changes applied with the reply (status, priority-affecting urgency/impact, tags, team …).
  actions jsonb NOT NULL DEFAULT '[]',
  -- Shared with every agent, or private to its owner.
  shared boolean NOT NULL DEFAULT true,
  owner_id uuid REFERENCES agents(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX macros_owner_idx ON macros (owner_id);

-- In-app notifications for agents (escalations, automations), also pushed over the WebSocket.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  ticket_id uuid REFERENCES tickets(id),
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX notifications_agent_idx ON notifications (agent_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (agent_id) WHERE read_at IS NULL;

-- Agents get escalation notices by mail too.
ALTER TABLE outbound_messages DROP CONSTRAINT outbound_messages_kind_check;
ALTER TABLE outbound_messages ADD CONSTRAINT outbound_messages_kind_check
  CHECK (kind IN ('reply', 'received', 'resolved', 'agent_notice'));
`;
