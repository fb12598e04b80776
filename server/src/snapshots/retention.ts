/** How many snapshots survive a prune: the newest of each of the last days, and of the last ISO weeks. */
export interface RetentionPolicy {
  keepDaily: number;
  keepWeekly: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day, as days since 1970-01-01. */
const dayNumber = (time: Date): number => Math.floor(time.getTime() / DAY_MS);

/** The ISO week (weeks start on Monday), as the day number of its Monday. */
function isoWeekNumber(time: Date): number {
  const day = dayNumber(time);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counted from Monday.
  return day - ((day + 3) % 7);
}

/**
 * The snapshots to keep at `now`: for each of the last `keepDaily` UTC days (today included) the
 * newest snapshot of that day, and for each of the last `keepWeekly` ISO weeks (this one included)
 * the newest of that week. Everything else may go. Snapshots dated after `now` (a clock that went
 * back) are kept: deleting them would be a guess.
 */
export function snapshotsToKeep(times: readonly Date[], now: Date, policy: RetentionPolicy): Set<number> {
  const keep = new Set<number>();
  const today = dayNumber(now);
  const thisWeek = isoWeekNumber(now);
  const newestByDay = new Map<number, number>();
  const newestByWeek = new Map<number, number>();
  times.forEach((time, index) => {
    if (time.getTime() > now.getTime()) {
      keep.add(index);
      return;
    }
    for (const [bucket, key] of [[newestByDay, dayNumber(time)], [newestByWeek, isoWeekNumber(time)]] as const) {
      const current = bucket.get(key);
      if (current === undefined || times[current].getTime() < time.getTime()) bucket.set(key, index);
    }
  });
  for (const [day, index] of newestByDay) if (today - day < policy.keepDaily) keep.add(index);
  for (const [week, index] of newestByWeek) if ((thisWeek - week) / 7 < policy.keepWeekly) keep.add(index);
  return keep;
}
