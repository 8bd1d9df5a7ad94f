/** zod schema for a stored/serialised Timing (e.g. JSON column, callback payload). */
import { z } from 'zod';
import { parseIsoDate } from './calendar.js';
import { TIMING_MAX_LENGTH, TIMING_PRECISIONS, type Timing } from './types.js';

const isoDate = z.string().refine((s) => parseIsoDate(s) !== null, { message: 'expected a real yyyy-mm-dd date' });

export const TimingSchema: z.ZodType<Timing> = z
  .object({
    precision: z.enum(TIMING_PRECISIONS),
    start: isoDate.nullable(),
    end: isoDate.nullable(),
    label: z.string().max(TIMING_MAX_LENGTH).optional(),
  })
  .superRefine((t, ctx) => {
    const needsStart = t.precision !== 'DEADLINE' && t.precision !== 'TBD';
    const needsEnd = t.precision !== 'TBD';
    if (needsStart !== (t.start !== null) || needsEnd !== (t.end !== null)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `start/end do not fit precision ${t.precision}` });
    } else if (t.start !== null && t.end !== null && t.start > t.end) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'start is after end' });
    }
  });
