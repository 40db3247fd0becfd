import { z } from 'zod';

export const Uuid = z.uuid();
export const Level = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const IsoDate = z.iso.datetime({ offset: true });

/** The error body every route may answer with. */
export const ErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** A comma-separated list in a query string (`status=open,pending`), validated item by item. */
export function csv<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).min(1));
}

export const Limit = z.coerce.number().int().min(1).max(200).default(50);
