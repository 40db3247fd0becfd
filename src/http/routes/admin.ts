import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { createCategory } from '../../usecases/admin/create-category.js';
import { createTeam } from '../../usecases/admin/create-team.js';
import { removeTeam } from '../../usecases/admin/delete-team.js';
import { getPriorityMatrix } from '../../usecases/admin/get-priority-matrix.js';
import { getTeam } from '../../usecases/admin/get-team.js';
import { listAuditLog } from '../../usecases/admin/list-audit-log.js';
import { listCategoriesFor } from '../../usecases/admin/list-categories.js';
import { listTeamsFor } from '../../usecases/admin/list-teams.js';
import { setPriorityMatrix } from '../../usecases/admin/set-priority-matrix.js';
import { updateCategory } from '../../usecases/admin/update-category.js';
import { updateTeamProfile } from '../../usecases/admin/update-team.js';
import type { Deps } from '../../usecases/deps.js';
import { principalOf } from '../auth.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { presentAudit, presentCategory, presentTeam, presentTeamDetail } from '../presenters/admin.js';
import {
  AuditList, AuditQuery, CategoryJson, CategoryList, CreateCategoryBody, CreateTeamBody, PriorityMatrixJson,
  PutPriorityMatrixBody, TeamDetailJson, TeamList, UpdateCategoryBody, UpdateTeamBody,
} from '../schemas/admin.js';
import { ErrorResponse } from '../schemas/common.js';
import { IdParams } from '../schemas/directory.js';

const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const authenticated = { auth: 'authenticated' } as const;

/** Help desk configuration: teams, categories, the priority matrix; and the audit log. */
export function adminRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/teams', {
      config: authenticated,
      schema: { tags: ['teams'], summary: 'Create a team (admins)', body: CreateTeamBody, response: { 201: TeamDetailJson, ...Errors } },
    }, async (req, reply) => {
      const team = await createTeam(deps, principalOf(req), { ...teamInput(req.body), name: req.body.name });
      return reply.status(201).send(presentTeamDetail({ team, members: [] }));
    });

    app.get('/teams', {
      config: authenticated,
      schema: { tags: ['teams'], summary: 'List teams (agents)', response: { 200: TeamList, ...Errors } },
    }, async (req) => ({ data: (await listTeamsFor(deps, principalOf(req))).map((t) => presentTeam(t, t.member_count)) }));

    app.get('/teams/:id', {
      config: authenticated,
      schema: { tags: ['teams'], summary: 'Get a team with its members (agents)', params: IdParams, response: { 200: TeamDetailJson, ...Errors } },
    }, async (req) => presentTeamDetail(await getTeam(deps, principalOf(req), req.params.id)));

    app.patch('/teams/:id', {
      config: authenticated,
      schema: {
        tags: ['teams'], summary: 'Rename a team, set its calendar, lead, assignment mode or support level (admins)',
        description: 'Members are set on each agent (team_ids). The lead must be an active member (409 INVALID_ASSIGNMENT).',
        params: IdParams, body: UpdateTeamBody, response: { 200: TeamDetailJson, ...Errors },
      },
    }, async (req) => presentTeamDetail(await updateTeamProfile(deps, principalOf(req), req.params.id, teamInput(req.body))));

    app.delete('/teams/:id', {
      config: authenticated,
      schema: {
        tags: ['teams'], summary: 'Delete a team (admins)', description: 'Refused (409 TEAM_IN_USE) while tickets belong to it.',
        params: IdParams, response: { 204: z.null(), ...Errors },
      },
    }, async (req, reply) => {
      await removeTeam(deps, principalOf(req), req.params.id);
      return reply.status(204).send(null);
    });

    app.post('/categories', {
      config: authenticated,
      schema: { tags: ['categories'], summary: 'Create a category (admins)', body: CreateCategoryBody, response: { 201: CategoryJson, ...Errors } },
    }, async (req, reply) => {
      const b = req.body;
      const cat = await createCategory(deps, principalOf(req), { nameFr: b.name_fr, nameEn: b.name_en, parentId: b.parent_id });
      return reply.status(201).send(presentCategory(cat));
    });

    app.get('/categories', {
      config: authenticated,
      schema: {
        tags: ['categories'], summary: 'The category tree (everyone signed in)',
        description: 'Depth-first: each category comes before its subcategories, with its full path names.',
        response: { 200: CategoryList, ...Errors },
      },
    }, async (req) => ({ data: (await listCategoriesFor(deps, principalOf(req))).map(presentCategory) }));

    app.patch('/categories/:id', {
      config: authenticated,
      schema: {
        tags: ['categories'], summary: 'Rename or move a category (admins)', params: IdParams, body: UpdateCategoryBody,
        response: { 200: CategoryJson, ...Errors },
      },
    }, async (req) => {
      const b = req.body;
      return presentCategory(await updateCategory(deps, principalOf(req), req.params.id, {
        nameFr: b.name_fr, nameEn: b.name_en, parentId: b.parent_id,
      }));
    });

    app.get('/settings/priority-matrix', {
      config: authenticated,
      schema: { tags: ['settings'], summary: 'The urgency × impact priority matrix (agents)', response: { 200: PriorityMatrixJson, ...Errors } },
    }, async (req) => {
      const s = await getPriorityMatrix(deps, principalOf(req));
      return { matrix: s.matrix.map((row) => [...row]), is_default: s.isDefault };
    });

    app.put('/settings/priority-matrix', {
      config: authenticated,
      schema: {
        tags: ['settings'], summary: 'Replace the priority matrix (admins)', body: PutPriorityMatrixBody,
        response: { 200: PriorityMatrixJson, ...Errors },
      },
    }, async (req) => {
      const s = await setPriorityMatrix(deps, principalOf(req), req.body.matrix);
      return { matrix: s.matrix.map((row) => [...row]), is_default: s.isDefault };
    });

    app.get('/audit-log', {
      config: authenticated,
      schema: {
        tags: ['audit'], summary: 'The security audit log, newest first (managers, admins)',
        description: 'Sign-ins, role changes, tokens, settings. `action` takes an action or a family (auth.*).',
        querystring: AuditQuery, response: { 200: AuditList, ...Errors },
      },
    }, async (req) => {
      const q = req.query;
      const page = await listAuditLog(deps, principalOf(req), {
        action: q.action, actorId: q.actor, targetId: q.target, limit: q.limit, beforeSeq: auditCursor(q.cursor),
      });
      return { data: page.entries.map(presentAudit), next_cursor: page.last ? encodeCursor('seq', page.last) : null };
    });
  };
}

function teamInput(b: z.infer<typeof UpdateTeamBody>) {
  return {
    name: b.name, description: b.description, calendarId: b.calendar_id, leadId: b.lead_id, assignmentMode: b.assignment_mode, tier: b.tier,
  };
}

function auditCursor(cursor: string | undefined): number | null {
  if (!cursor) return null;
  const [seq] = decodeCursor('seq', cursor);
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) {
    throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid for this listing.', [{ path: 'query.cursor', message: 'invalid cursor' }]);
  }
  return seq;
}
