/*
 * A 5-field cron expression (minute hour day-of-month month day-of-week),
 * parsed into bitmasks once (when a ScheduledOrder is created) and evaluated
 * on-chain for the next run time, so no keeper can choose when a run is due.
 *
 * Syntax per field: a comma list of items; an item is `*`, `N`, `N-M`, each
 * optionally followed by `/STEP` (`N/STEP` means N to the field's maximum).
 * Ranges: minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of week
 * 0-7 with 0 and 7 both Sunday (Vixie cron numbering). Names (JAN, MON) and
 * the `@hourly` style macros are not accepted. Times are UTC.
 *
 * Day rule (Vixie cron): when both day fields are restricted (neither starts
 * with `*`), a day matches if EITHER matches; otherwise both must match (the
 * `*` one matches every day).
 *
 * No host or BPF dependency beyond sol/types.h: the host tests compile this
 * file with gcc and compare it with a Python reference (APScheduler).
 */
#ifndef KAIROS_SCHEDULE_CRON_H
#define KAIROS_SCHEDULE_CRON_H

#include "sol/types.h"

#define CRON_FIELD_COUNT 5
#define CRON_SECONDS_PER_MINUTE 60ULL
#define CRON_SECONDS_PER_HOUR 3600ULL
#define CRON_SECONDS_PER_DAY 86400ULL
/* The next run is searched for at most this far ahead; an expression with no
 * run in that horizon (e.g. `0 0 30 2 *`) is refused at parse time. Ten years
 * cover every satisfiable expression (February 29 recurs within 8 years). */
#define CRON_SEARCH_HORIZON_SECONDS (3660ULL * CRON_SECONDS_PER_DAY)

/* flags */
#define CRON_DAY_OF_MONTH_RESTRICTED 1
#define CRON_DAY_OF_WEEK_RESTRICTED 2

/* The parsed expression: bit i of a mask set = value i allowed. */
typedef struct CronSchedule {
    u64 minutes;       /* bits 0-59 */
    u32 hours;         /* bits 0-23 */
    u32 days_of_month; /* bits 1-31 */
    u16 months;        /* bits 1-12 */
    u8 days_of_week;   /* bits 0-6, 0 = Sunday */
    u8 flags;          /* CRON_*_RESTRICTED */
    u8 padding[4];
} CronSchedule;
_Static_assert(sizeof(CronSchedule) == 24, "CronSchedule: three words");

/* Parse `text` (up to `length` bytes or the first NUL). False on any syntax or
 * range error, or when no field value is left. */
bool cron_parse(const u8 *text, u64 length, CronSchedule *out);

/* The first minute boundary strictly after `after` (unix seconds, UTC) that
 * matches; false when there is none within CRON_SEARCH_HORIZON_SECONDS. */
bool cron_next_after(const CronSchedule *schedule, u64 after, u64 *next);

#endif /* KAIROS_SCHEDULE_CRON_H */
