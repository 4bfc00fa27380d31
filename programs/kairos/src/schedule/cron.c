/* Cron parsing and next-run evaluation (schedule/cron.h). */
#include "schedule/cron.h"

/* Bounds of each field, in expression order. */
typedef struct CronFieldRange {
    u8 min;
    u8 max;
} CronFieldRange;

static const CronFieldRange CRON_FIELD_RANGES[CRON_FIELD_COUNT] = {
    {0, 59}, /* minute */
    {0, 23}, /* hour */
    {1, 31}, /* day of month */
    {1, 12}, /* month */
    {0, 7},  /* day of week; 7 folds onto 0 (Sunday) */
};
#define CRON_FIELD_DAY_OF_MONTH 2
#define CRON_FIELD_DAY_OF_WEEK 4
#define CRON_DAYS_PER_WEEK 7
/* 1970-01-01 was a Thursday (day of week 4, Sunday = 0). */
#define CRON_EPOCH_DAY_OF_WEEK 4

/* Parsing cursor over the expression text. */
typedef struct CronCursor {
    const u8 *text;
    u64 length;
    u64 position;
} CronCursor;

static bool cron_at_end(const CronCursor *cursor) {
    return cursor->position >= cursor->length || cursor->text[cursor->position] == 0;
}

static u8 cron_peek(const CronCursor *cursor) {
    return cron_at_end(cursor) ? 0 : cursor->text[cursor->position];
}

static bool cron_is_digit(u8 c) { return c >= '0' && c <= '9'; }

/* A decimal number of at most 3 digits (every field value and step is < 1000). */
static bool cron_number(CronCursor *cursor, u64 *out) {
    u64 value = 0;
    u64 digits = 0;
    while (cron_is_digit(cron_peek(cursor))) {
        if (digits == 3) {
            return false;
        }
        value = value * 10 + (u64)(cron_peek(cursor) - '0');
        digits++;
        cursor->position++;
    }
    *out = value;
    return digits != 0;
}

/* One item (`*`, `N`, `N-M`, with an optional `/STEP`) ORed into `mask`. */
static bool cron_item(CronCursor *cursor, const CronFieldRange *range, u64 *mask) {
    u64 first = range->min;
    u64 last = range->max;
    bool star = cron_peek(cursor) == '*';
    bool single = false;
    if (star) {
        cursor->position++;
    } else {
        if (!cron_number(cursor, &first)) {
            return false;
        }
        last = first;
        single = true;
        if (cron_peek(cursor) == '-') {
            cursor->position++;
            if (!cron_number(cursor, &last)) {
                return false;
            }
            single = false;
        }
    }
    u64 step = 1;
    if (cron_peek(cursor) == '/') {
        cursor->position++;
        if (!cron_number(cursor, &step) || step == 0) {
            return false;
        }
        if (single) {
            last = range->max; /* `N/STEP`: from N to the maximum */
        }
    }
    if (first < range->min || last > range->max || first > last) {
        return false;
    }
    for (u64 value = first; value <= last; value += step) {
        *mask |= 1ULL << value;
    }
    return true;
}

/* One field: items separated by commas, ended by a space or the end. */
static bool cron_field(CronCursor *cursor, const CronFieldRange *range, u64 *mask,
                       bool *restricted) {
    *mask = 0;
    *restricted = cron_peek(cursor) != '*';
    for (;;) {
        if (!cron_item(cursor, range, mask)) {
            return false;
        }
        if (cron_peek(cursor) != ',') {
            break;
        }
        cursor->position++;
    }
    u8 next = cron_peek(cursor);
    return next == ' ' || next == 0;
}

static void cron_skip_spaces(CronCursor *cursor) {
    while (cron_peek(cursor) == ' ') {
        cursor->position++;
    }
}

bool cron_parse(const u8 *text, u64 length, CronSchedule *out) {
    CronCursor cursor = {text, length, 0};
    u64 masks[CRON_FIELD_COUNT];
    bool restricted[CRON_FIELD_COUNT];
    for (u64 field = 0; field < CRON_FIELD_COUNT; field++) {
        cron_skip_spaces(&cursor);
        if (!cron_field(&cursor, &CRON_FIELD_RANGES[field], &masks[field], &restricted[field])) {
            return false;
        }
    }
    cron_skip_spaces(&cursor);
    if (!cron_at_end(&cursor)) {
        return false;
    }
    /* Day of week 7 is Sunday, like 0. */
    u64 days_of_week = masks[CRON_FIELD_DAY_OF_WEEK];
    if (days_of_week & (1ULL << CRON_DAYS_PER_WEEK)) {
        days_of_week = (days_of_week | 1ULL) & ~(1ULL << CRON_DAYS_PER_WEEK);
    }
    out->minutes = masks[0];
    out->hours = (u32)masks[1];
    out->days_of_month = (u32)masks[CRON_FIELD_DAY_OF_MONTH];
    out->months = (u16)masks[3];
    out->days_of_week = (u8)days_of_week;
    out->flags = (u8)((restricted[CRON_FIELD_DAY_OF_MONTH] ? CRON_DAY_OF_MONTH_RESTRICTED : 0) |
                      (restricted[CRON_FIELD_DAY_OF_WEEK] ? CRON_DAY_OF_WEEK_RESTRICTED : 0));
    for (u64 i = 0; i < sizeof(out->padding); i++) {
        out->padding[i] = 0;
    }
    /* A well-formed expression may still never fire (`0 0 31 2 *`). */
    u64 unused;
    return cron_next_after(out, 0, &unused);
}

/* ---- calendar (proleptic Gregorian, days since 1970-01-01, unsigned) ---- */

/* Days from 0000-03-01 to 1970-01-01 in the era-based algorithm below. */
#define CIVIL_EPOCH_SHIFT 719468ULL
#define CIVIL_DAYS_PER_ERA 146097ULL /* 400 years */

typedef struct CivilDate {
    u64 year;
    u64 month; /* 1-12 */
    u64 day;   /* 1-31 */
} CivilDate;

/* H. Hinnant's civil_from_days, for days >= 0 (no signed division). */
static void civil_from_days(u64 days, CivilDate *out) {
    u64 z = days + CIVIL_EPOCH_SHIFT;
    u64 era = z / CIVIL_DAYS_PER_ERA;
    u64 day_of_era = z - era * CIVIL_DAYS_PER_ERA;
    u64 year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    u64 day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    u64 month_from_march = (5 * day_of_year + 2) / 153;
    out->day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    out->month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
    out->year = year_of_era + era * 400 + (out->month <= 2 ? 1 : 0);
}

/* days_from_civil for the first day of (year, month); year >= 1970. */
static u64 days_from_month_start(u64 year, u64 month) {
    u64 y = month <= 2 ? year - 1 : year;
    u64 era = y / 400;
    u64 year_of_era = y - era * 400;
    u64 month_from_march = month > 2 ? month - 3 : month + 9;
    u64 day_of_year = (153 * month_from_march + 2) / 5;
    u64 day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * CIVIL_DAYS_PER_ERA + day_of_era - CIVIL_EPOCH_SHIFT;
}

static bool cron_day_matches(const CronSchedule *schedule, u64 days, u64 day_of_month) {
    bool by_month_day = (schedule->days_of_month >> day_of_month) & 1;
    u64 day_of_week = (days + CRON_EPOCH_DAY_OF_WEEK) % CRON_DAYS_PER_WEEK;
    bool by_week_day = (schedule->days_of_week >> day_of_week) & 1;
    u8 both = CRON_DAY_OF_MONTH_RESTRICTED | CRON_DAY_OF_WEEK_RESTRICTED;
    if ((schedule->flags & both) == both) {
        return by_month_day || by_week_day;
    }
    return by_month_day && by_week_day;
}

/* The smallest set bit of `mask` at or above `from`, or 64 when none. */
static u64 cron_next_bit(u64 mask, u64 from) {
    for (u64 bit = from; bit < 64; bit++) {
        if ((mask >> bit) & 1) {
            return bit;
        }
    }
    return 64;
}

bool cron_next_after(const CronSchedule *schedule, u64 after, u64 *next) {
    u64 limit = after + CRON_SEARCH_HORIZON_SECONDS;
    /* Next whole minute strictly after `after`. */
    u64 t = after - after % CRON_SECONDS_PER_MINUTE + CRON_SECONDS_PER_MINUTE;
    /* Each step moves t forward to the next candidate month, day, hour or
     * minute; t only grows, so the loop ends at the horizon at the latest. */
    while (t <= limit) {
        u64 days = t / CRON_SECONDS_PER_DAY;
        u64 second_of_day = t % CRON_SECONDS_PER_DAY;
        CivilDate date;
        civil_from_days(days, &date);
        if (((schedule->months >> date.month) & 1) == 0) {
            u64 year = date.month == 12 ? date.year + 1 : date.year;
            u64 month = date.month == 12 ? 1 : date.month + 1;
            t = days_from_month_start(year, month) * CRON_SECONDS_PER_DAY;
            continue;
        }
        if (!cron_day_matches(schedule, days, date.day)) {
            t = (days + 1) * CRON_SECONDS_PER_DAY;
            continue;
        }
        u64 hour = second_of_day / CRON_SECONDS_PER_HOUR;
        u64 minute = (second_of_day % CRON_SECONDS_PER_HOUR) / CRON_SECONDS_PER_MINUTE;
        u64 next_hour = cron_next_bit(schedule->hours, hour);
        if (next_hour >= 24) {
            t = (days + 1) * CRON_SECONDS_PER_DAY;
            continue;
        }
        if (next_hour != hour) {
            t = days * CRON_SECONDS_PER_DAY + next_hour * CRON_SECONDS_PER_HOUR;
            continue;
        }
        u64 next_minute = cron_next_bit(schedule->minutes, minute);
        if (next_minute >= 60) {
            t = days * CRON_SECONDS_PER_DAY + (hour + 1) * CRON_SECONDS_PER_HOUR;
            continue;
        }
        *next = days * CRON_SECONDS_PER_DAY + hour * CRON_SECONDS_PER_HOUR +
                next_minute * CRON_SECONDS_PER_MINUTE;
        return true;
    }
    return false;
}
