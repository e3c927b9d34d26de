import { z } from 'zod';
import { calendarDateProblem, isWholePeriod, PRECISIONS } from './calendar-date';

/**
 * The schemas of planned dates. The rules they check are in calendar-date.ts, which has no zod so
 * that the first screen can draw dates without it; re-exported here for whoever validates too.
 */
export {
  calendarDateProblem,
  type DateParts,
  formatCalendarDate,
  intervalFor,
  isCalendarDate,
  isWholePeriod,
  nextDay,
  PRECISIONS,
  type Precision,
  parseCalendarDate,
} from './calendar-date';

export const precisionSchema = z.enum(PRECISIONS);

export const calendarDateSchema = z.string().check((ctx) => {
  const problem = calendarDateProblem(ctx.value);
  if (problem)
    ctx.issues.push({
      code: 'custom',
      message: problem === 'noSuchDate' ? 'errors.noSuchDate' : 'errors.calendarDate',
      input: ctx.value,
    });
});

export const plannedDateSchema = z
  .object({
    start: calendarDateSchema,
    end: calendarDateSchema,
    precision: precisionSchema,
  })
  .refine((p) => isWholePeriod(p.precision, p.start, p.end), {
    message: 'errors.plannedInterval',
    path: ['end'],
  });
export type PlannedDate = z.infer<typeof plannedDateSchema>;
