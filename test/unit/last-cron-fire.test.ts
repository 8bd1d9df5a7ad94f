import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { lastCronFire } from '../../src/jobs/scheduler.js';

// Start-up sends today's digest late when DIGEST_CRON fired while the bot was down: the most recent
// fire at or before now, in the zone, within the look-back.
describe('lastCronFire', () => {
  const zone = 'Asia/Ho_Chi_Minh';
  const now = DateTime.fromISO('2025-04-10T14:03:27', { zone });

  it('finds the most recent fire in the zone, to the minute', () => {
    expect(lastCronFire('0 8 * * *', now, zone)?.toISO()).toBe('2025-04-10T08:00:00.000+07:00');
    expect(lastCronFire('30 7 * * 1-5', now, zone)?.toISO()).toBe('2025-04-10T07:30:00.000+07:00');
    expect(lastCronFire('3 14 * * *', now, zone)?.toISO()).toBe('2025-04-10T14:03:00.000+07:00');
    expect(lastCronFire('0 23 * * *', now, zone)?.toISO()).toBe('2025-04-09T23:00:00.000+07:00');
  });

  it('reads the expression in the given zone, whatever the zone of now', () => {
    expect(lastCronFire('0 8 * * *', now.toUTC(), zone)?.toISO()).toBe('2025-04-10T08:00:00.000+07:00');
  });

  it('is null when nothing fired within the look-back', () => {
    expect(lastCronFire('0 15 * * *', now, zone, 60)).toBeNull();
    expect(lastCronFire('0 8 * * 0', now, zone)).toBeNull();
  });
});
