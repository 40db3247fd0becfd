/**
 * Skill-based routing and tiered escalation (issue 6): the skill catalogue, agents' skills and availability,
 * routing rules, teams' assignment mode and support level, the routing state of tickets, and the periods a ticket
 * spends in each tier (for reports). Applied migrations are never edited: add a new file.
 *
 * Concurrency: an automatic assignment locks the ticket, then the chosen agent's row, and recounts the agent's
 * open tickets before it assigns; every assignment also touches the agent's row (last_assigned_at, kept by the
 * trigger below), so two processes can never both fill an agent's last free place.
 */
export const sql = /* sql */ `
CREATE TABLE skills (
  id uuid PRIMARY KEY,
  -- A domain of competence (networking, printing, Windows …) or an equipment brand (Cisco, Dell, HP …).
  kind text NOT NULL CHECK (kind IN ('domain', 'brand')),
  name_en text NOT NULL,
  name_fr text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX skills_name_en_key ON skills (lower(name_en));
CREATE UNIQUE INDEX skills_name_fr_key ON skills (lower(name_fr));

CREATE TABLE agent_skills (
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  skill_id uuid NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
  -- 1 basic, 2 confirmed, 3 expert.
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  PRIMARY KEY (agent_id, skill_id)
);
CREATE INDEX agent_skills_skill_idx ON agent_skills (skill_id, level);

-- Skills held so far as free names on the agent become catalogue entries (a domain, same name in both languages).
INSERT INTO skills (id, kind, name_en, name_fr, created_at, updated_at)
SELECT gen_random_uuid(), 'domain', n.name, n.name, now(), now()
  FROM (SELECT DISTINCT ON (lower(trim(s->>'name'))) trim(s->>'name') AS name
          FROM agents a, jsonb_array_elements(a.skills) s
         WHERE trim(coalesce(s->>'name', '')) <> ''
         ORDER BY lower(trim(s->>'name')), trim(s->>'name')) n;
INSERT INTO agent_skills (agent_id, skill_id, level)
SELECT a.id, k.id, max(least(greatest((s->>'level')::int, 1), 3))
  FROM agents a, jsonb_array_elements(a.skills) s JOIN skills k ON lower(k.name_en) = lower(trim(s->>'name'))
 GROUP BY a.id, k.id;
ALTER TABLE agents DROP COLUMN skills;

-- Availability. Status is set by the agent (or a manager); personal working hours are a weekly schedule in the
-- agent's time zone ({ "1": [{ "start": "08:00", "end": "12:00" }, …], … }; null: no personal hours, always on
-- shift); capacity is the most open tickets automatic assignment gives them (null: no limit); out of office is a
-- period, with a colleague who takes over their tickets.
ALTER TABLE agents ADD COLUMN availability text NOT NULL DEFAULT 'offline' CHECK (availability IN ('online', 'away', 'offline'));
ALTER TABLE agents ADD COLUMN availability_changed_at timestamptz;
ALTER TABLE agents ADD COLUMN working_hours jsonb;
ALTER TABLE agents ADD COLUMN capacity integer CHECK (capacity IS NULL OR capacity >= 0);
ALTER TABLE agents ADD COLUMN ooo_from timestamptz;
ALTER TABLE agents ADD COLUMN ooo_until timestamptz;
ALTER TABLE agents ADD COLUMN ooo_delegate_id uuid REFERENCES agents(id) ON DELETE SET NULL;
ALTER TABLE agents ADD CONSTRAINT agents_ooo_period CHECK (ooo_until IS NULL OR ooo_from IS NULL OR ooo_until > ooo_from);
ALTER TABLE agents ADD CONSTRAINT agents_ooo_delegate CHECK (ooo_delegate_id IS NULL OR ooo_delegate_id <> id);
-- Round robin: the last time a ticket was assigned to them (any way), kept by the trigger on tickets.
ALTER TABLE agents ADD COLUMN last_assigned_at timestamptz;

-- push: Relais assigns automatically; pull: agents take the next ticket themselves ("Next ticket").
ALTER TABLE teams ADD COLUMN assignment_mode text NOT NULL DEFAULT 'push' CHECK (assignment_mode IN ('push', 'pull'));
-- The support level the team works at (L1 service desk, L2, L3); null for teams outside the ladder
-- (development, infrastructure). Escalating "to L2" goes to the L2 team.
ALTER TABLE teams ADD COLUMN tier text CHECK (tier IN ('L1', 'L2', 'L3'));
-- The default teams a help desk starts with name their level.
UPDATE teams SET tier = 'L1' WHERE lower(name) = 'service desk l1';
UPDATE teams SET tier = 'L2' WHERE lower(name) = 'applications l2';
UPDATE teams SET tier = 'L3' WHERE lower(name) = 'engineering l3';

CREATE TABLE routing_rules (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- Tried in this order; the first active rule whose conditions all hold decides.
  position integer NOT NULL,
  active boolean NOT NULL DEFAULT true,
  -- { channels?, category_ids?, organization_ids?, keywords?, brands?, priorities? }; an absent key matches all.
  conditions jsonb NOT NULL DEFAULT '{}',
  -- null: the team stays as the creator chose (or none).
  team_id uuid REFERENCES teams(id),
  tier text CHECK (tier IN ('L1', 'L2', 'L3')),
  -- [{ "skill_id": uuid, "level": 1..3 }]
  required_skills jsonb NOT NULL DEFAULT '[]',
  priority_adjust text CHECK (priority_adjust IN ('raise', 'lower')),
  tags text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX routing_rules_name_key ON routing_rules (lower(name));

-- The routing state of a ticket: the skills its assignee needs (from the rule or the escalation), and, while it
-- waits in a push team's queue for someone who qualifies, since when, why, and when to try again.
ALTER TABLE tickets ADD COLUMN required_skills jsonb NOT NULL DEFAULT '[]';
ALTER TABLE tickets ADD COLUMN waiting_since timestamptz;
ALTER TABLE tickets ADD COLUMN waiting_reason text;
ALTER TABLE tickets ADD COLUMN routing_next_try_at timestamptz;
CREATE INDEX tickets_routing_due_idx ON tickets (routing_next_try_at) WHERE routing_next_try_at IS NOT NULL;
CREATE INDEX tickets_assignee_open_idx ON tickets (assignee_id) WHERE status NOT IN ('resolved', 'closed');
-- When the current assignee got the ticket ("untouched since" for redistribution), and how many times the ticket
-- went up a tier or over to another team (reports).
ALTER TABLE tickets ADD COLUMN assigned_at timestamptz;
UPDATE tickets SET assigned_at = updated_at WHERE assignee_id IS NOT NULL;
ALTER TABLE tickets ADD COLUMN escalation_count integer NOT NULL DEFAULT 0;

-- Time in each tier and team: one period per stay, opened and closed by the trigger below whatever changes the
-- tier or the team (escalation, PATCH, automation). direction: how the ticket arrived (start, up, down, transfer).
CREATE TABLE ticket_tier_periods (
  id bigserial PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  tier text NOT NULL,
  team_id uuid,
  direction text NOT NULL CHECK (direction IN ('start', 'up', 'down', 'transfer')),
  started_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX ticket_tier_periods_ticket_idx ON ticket_tier_periods (ticket_id, started_at);
CREATE INDEX ticket_tier_periods_started_idx ON ticket_tier_periods (started_at);
INSERT INTO ticket_tier_periods (ticket_id, tier, team_id, direction, started_at)
SELECT id, tier, team_id, 'start', created_at FROM tickets;

-- A restore (relais.restoring = on) brings these derived values with the backup: the triggers stand aside.
CREATE FUNCTION relais_ticket_routing_before() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('relais.restoring', true) = 'on' THEN RETURN NEW; END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.assignee_id IS NOT NULL THEN NEW.assigned_at := coalesce(NEW.assigned_at, NEW.created_at); END IF;
    RETURN NEW;
  END IF;
  IF NEW.assignee_id IS DISTINCT FROM OLD.assignee_id THEN
    NEW.assigned_at := CASE WHEN NEW.assignee_id IS NULL THEN NULL ELSE NEW.updated_at END;
  END IF;
  -- A ticket stops waiting in a team queue however it leaves it: assigned (by anyone), resolved, merged, moved.
  IF NEW.assignee_id IS NOT NULL OR NEW.status IN ('resolved', 'closed') OR NEW.merged_into_id IS NOT NULL
      OR NEW.team_id IS DISTINCT FROM OLD.team_id THEN
    NEW.waiting_since := NULL;
    NEW.waiting_reason := NULL;
    NEW.routing_next_try_at := NULL;
  END IF;
  IF NEW.tier > OLD.tier OR (NEW.tier = OLD.tier AND NEW.team_id IS DISTINCT FROM OLD.team_id AND OLD.team_id IS NOT NULL
      AND NEW.team_id IS NOT NULL) THEN
    NEW.escalation_count := OLD.escalation_count + 1;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER tickets_routing_before BEFORE INSERT OR UPDATE ON tickets
  FOR EACH ROW EXECUTE FUNCTION relais_ticket_routing_before();

CREATE FUNCTION relais_ticket_routing_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('relais.restoring', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO ticket_tier_periods (ticket_id, tier, team_id, direction, started_at)
    VALUES (NEW.id, NEW.tier, NEW.team_id, 'start', NEW.created_at);
    IF NEW.assignee_id IS NOT NULL THEN
      UPDATE agents SET last_assigned_at = NEW.created_at WHERE id = NEW.assignee_id;
    END IF;
    RETURN NULL;
  END IF;
  IF NEW.tier IS DISTINCT FROM OLD.tier OR NEW.team_id IS DISTINCT FROM OLD.team_id THEN
    UPDATE ticket_tier_periods SET ended_at = NEW.updated_at WHERE ticket_id = NEW.id AND ended_at IS NULL;
    INSERT INTO ticket_tier_periods (ticket_id, tier, team_id, direction, started_at)
    VALUES (NEW.id, NEW.tier, NEW.team_id,
            CASE WHEN NEW.tier > OLD.tier THEN 'up' WHEN NEW.tier < OLD.tier THEN 'down' ELSE 'transfer' END,
            NEW.updated_at);
  END IF;
  IF NEW.assignee_id IS NOT NULL AND NEW.assignee_id IS DISTINCT FROM OLD.assignee_id THEN
    UPDATE agents SET last_assigned_at = NEW.updated_at WHERE id = NEW.assignee_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER tickets_routing_after AFTER INSERT OR UPDATE ON tickets
  FOR EACH ROW EXECUTE FUNCTION relais_ticket_routing_after();
`;
