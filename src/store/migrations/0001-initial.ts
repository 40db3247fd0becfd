/** Initial schema. Applied migrations are never edited: add a new file instead. */
export const sql = /* sql */ `
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Accent-insensitive full-text configurations, French and English (reseau finds réseau).
CREATE TEXT SEARCH CONFIGURATION relais_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION relais_fr
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION relais_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION relais_en
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organizations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  domain text,
  requesters_see_org_tickets boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organizations_name_key ON organizations (lower(name));

CREATE TABLE teams (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX teams_name_key ON teams (lower(name));

CREATE TABLE agents (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL,
  password_hash text,
  role text NOT NULL CHECK (role IN ('agent', 'manager', 'admin')),
  tier text NOT NULL DEFAULT 'L1' CHECK (tier IN ('L1', 'L2', 'L3')),
  language text NOT NULL DEFAULT 'fr',
  time_zone text NOT NULL DEFAULT 'Europe/Paris',
  skills jsonb NOT NULL DEFAULT '[]',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agents_email_key ON agents (lower(email));

CREATE TABLE agent_teams (
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  PRIMARY KEY (agent_id, team_id)
);
CREATE INDEX agent_teams_team_idx ON agent_teams (team_id);

CREATE TABLE requesters (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  organization_id uuid REFERENCES organizations(id),
  language text NOT NULL DEFAULT 'fr',
  time_zone text NOT NULL DEFAULT 'Europe/Paris',
  password_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX requesters_org_idx ON requesters (organization_id);

-- Several identities per requester; an address or number belongs to one requester only.
CREATE TABLE requester_identities (
  id uuid PRIMARY KEY,
  requester_id uuid NOT NULL REFERENCES requesters(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('email', 'phone')),
  value text NOT NULL,
  is_primary boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX requester_identities_value_key ON requester_identities (kind, value);
CREATE INDEX requester_identities_requester_idx ON requester_identities (requester_id);

CREATE TABLE categories (
  id uuid PRIMARY KEY,
  parent_id uuid REFERENCES categories(id),
  name_fr text NOT NULL,
  name_en text NOT NULL,
  -- Materialized ancestry, '/root-id/child-id/', so a filter on a category includes its descendants.
  path text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX categories_path_idx ON categories (path text_pattern_ops);

CREATE SEQUENCE ticket_number_seq START 1000;

CREATE TABLE tickets (
  id uuid PRIMARY KEY,
  number bigint NOT NULL UNIQUE DEFAULT nextval('ticket_number_seq'),
  type text NOT NULL CHECK (type IN ('incident', 'request')),
  subject text NOT NULL,
  description text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('new', 'open', 'pending', 'on_hold', 'resolved', 'closed')),
  urgency smallint NOT NULL CHECK (urgency BETWEEN 1 AND 3),
  impact smallint NOT NULL CHECK (impact BETWEEN 1 AND 3),
  priority text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
  category_id uuid REFERENCES categories(id),
  tags text[] NOT NULL DEFAULT '{}',
  channel text NOT NULL CHECK (channel IN ('email', 'chat', 'phone', 'portal', 'api')),
  requester_id uuid NOT NULL REFERENCES requesters(id),
  organization_id uuid REFERENCES organizations(id),
  team_id uuid REFERENCES teams(id),
  assignee_id uuid REFERENCES agents(id),
  tier text NOT NULL DEFAULT 'L1' CHECK (tier IN ('L1', 'L2', 'L3')),
  equipment_brand text,
  equipment_model text,
  merged_into_id uuid REFERENCES tickets(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  first_response_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  -- Subject (A), description (B) and timeline text (C), French and English, accent-insensitive.
  search_vector tsvector NOT NULL DEFAULT '',
  -- Internal notes' text, kept apart: only agents' searches read it, so a requester can never find a ticket
  -- by words that appear only in a note.
  internal_search_vector tsvector NOT NULL DEFAULT ''
);
CREATE INDEX tickets_status_updated_idx ON tickets (status, updated_at DESC, id);
CREATE INDEX tickets_team_status_idx ON tickets (team_id, status, updated_at DESC);
CREATE INDEX tickets_assignee_status_idx ON tickets (assignee_id, status, updated_at DESC);
CREATE INDEX tickets_requester_idx ON tickets (requester_id, created_at DESC);
CREATE INDEX tickets_org_idx ON tickets (organization_id);
CREATE INDEX tickets_category_idx ON tickets (category_id);
CREATE INDEX tickets_created_idx ON tickets (created_at DESC, id);
CREATE INDEX tickets_updated_idx ON tickets (updated_at DESC, id);
CREATE INDEX tickets_tags_idx ON tickets USING gin (tags);
-- Timelines of merged tickets are read through merged_into_id: keep that lookup an index probe.
CREATE INDEX tickets_merged_into_idx ON tickets (merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX tickets_search_idx ON tickets USING gin (search_vector);
CREATE INDEX tickets_internal_search_idx ON tickets USING gin (internal_search_vector);

-- The timeline: append-only, one row per reply, note or change. Also the outbox of committed events:
-- 'seq' orders them for consumers (notifications, SLA, realtime, webhooks).
CREATE TABLE timeline_entries (
  id uuid PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  kind text NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('agent', 'requester', 'system')),
  actor_id uuid,
  visibility text NOT NULL CHECK (visibility IN ('public', 'internal')),
  body text,
  reason text,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL
);
CREATE INDEX timeline_entries_ticket_idx ON timeline_entries (ticket_id, created_at, seq);

CREATE TABLE ticket_links (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('related', 'parent_child', 'duplicate')),
  -- related: the pair in id order; parent_child: from = parent, to = child; duplicate: from duplicates to.
  from_ticket_id uuid NOT NULL REFERENCES tickets(id),
  to_ticket_id uuid NOT NULL REFERENCES tickets(id),
  created_by uuid REFERENCES agents(id),
  created_at timestamptz NOT NULL,
  UNIQUE (kind, from_ticket_id, to_ticket_id)
);
CREATE INDEX ticket_links_to_idx ON ticket_links (to_ticket_id);

CREATE TABLE sessions (
  id text PRIMARY KEY,               -- sha256 of the cookie value, never the value itself
  principal_kind text NOT NULL CHECK (principal_kind IN ('agent', 'requester')),
  principal_id uuid NOT NULL,
  csrf_token text NOT NULL,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_principal_idx ON sessions (principal_kind, principal_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  agent_id uuid NOT NULL REFERENCES agents(id),
  name text NOT NULL,
  prefix text NOT NULL,              -- first characters, to recognise a token in lists
  token_hash text NOT NULL UNIQUE,   -- sha256 of the secret
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE audit_log (
  id uuid PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  actor_kind text,
  actor_id uuid,
  action text NOT NULL,              -- e.g. auth.login_succeeded, agent.role_changed, token.issued
  target_kind text,
  target_id text,
  ip text,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);

CREATE TABLE login_attempts (
  key text PRIMARY KEY,              -- 'email:<address>' or 'ip:<address>'
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz
);

CREATE TABLE idempotency_keys (
  principal text NOT NULL,
  key text NOT NULL,
  route text NOT NULL,
  request_hash text NOT NULL,
  status_code integer,
  response jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (principal, key)
);
`;
