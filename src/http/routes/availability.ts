import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Deps } from '../../usecases/deps.js';
import { getAgent } from '../../usecases/directory/get-agent.js';
import { updateAvailability, type UpdateAvailabilityInput } from '../../usecases/directory/update-availability.js';
import { principalOf } from '../auth.js';
import { presentAvailability } from '../presenters/availability.js';
import { AvailabilityJson, UpdateAvailabilityBody } from '../schemas/availability.js';
import { ErrorResponse } from '../schemas/common.js';
import { IdParams } from '../schemas/directory.js';

const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const authenticated = { auth: 'authenticated' } as const;

const dateOf = (s: string | null | undefined): Date | null => (s ? new Date(s) : null);

function availabilityInput(b: z.infer<typeof UpdateAvailabilityBody>): UpdateAvailabilityInput {
  const ooo = b.out_of_office;
  return {
    status: b.status,
    workingHours: b.working_hours,
    capacity: b.capacity,
    outOfOffice: ooo === undefined || ooo === null
      ? ooo
      : { from: dateOf(ooo.from), until: dateOf(ooo.until), delegateId: ooo.delegate_id ?? null },
  };
}

/** An agent's availability: status, personal working hours, capacity, out of office, and what that means now. */
export function availabilityRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/agents/:id/availability', {
      config: authenticated,
      schema: {
        tags: ['agents'], summary: "Get an agent's availability (agents)", params: IdParams,
        response: { 200: AvailabilityJson, ...Errors },
      },
    }, async (req) => presentAvailability(await getAgent(deps, principalOf(req), req.params.id), deps.clock.now()));

    app.patch('/agents/:id/availability', {
      config: authenticated,
      schema: {
        tags: ['agents'],
        summary: "Change an agent's availability",
        description:
          'Agents change their own status, working hours and out of office (with a delegate); managers and ' +
          'administrators change them for anyone, and the capacity. Going offline or out of office hands the ' +
          'agent’s untouched tickets to the delegate or back to routing.',
        params: IdParams, body: UpdateAvailabilityBody, response: { 200: AvailabilityJson, ...Errors },
      },
    }, async (req) => {
      const agent = await updateAvailability(deps, principalOf(req), req.params.id, availabilityInput(req.body), { ip: req.ip });
      return presentAvailability(agent, deps.clock.now());
    });
  };
}
