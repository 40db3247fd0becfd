import { z } from 'zod';
import { Uuid } from './common.js';

export const LoginBody = z.strictObject({ email: z.email().max(320), password: z.string().min(1).max(256) });

/** The signed-in person, as the web app needs them (sign-in answers the same). */
export const MeJson = z.object({
  kind: z.enum(['agent', 'requester']),
  id: Uuid,
  name: z.string(),
  role: z.string().nullable(),
  language: z.string(),
  /** IANA zone (Europe/Paris): dates are shown in it. */
  time_zone: z.string(),
  /** The agent's teams (the `team=mine` queue); [] for requesters. */
  team_ids: z.array(Uuid),
  csrf_token: z.string().nullable(),
});
