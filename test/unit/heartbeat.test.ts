import { describe, expect, it } from 'vitest';
import { HEARTBEAT_STALE_MS, runningBot } from '../../src/services/heartbeat.js';

describe('is a bot running on this SQLite file (restore refuses while one is)', () => {
  const now = Date.parse('2026-11-28T10:00:00Z');
  const beat = (agoMs: number, extra: object = {}) => ({
    pid: 4242,
    host: 'srv1',
    at: new Date(now - agoMs).toISOString(),
    ...extra,
  });
  const alive = () => true;
  const dead = () => false;

  it('a recent beat of a live process is a running bot', () => {
    expect(runningBot(beat(5_000), now, 'srv1', alive)).toBe('process 4242 on srv1, last seen 5 s ago');
    // Another machine's process cannot be checked: its recent beat counts.
    expect(runningBot(beat(5_000), now, 'srv2', dead)).toMatch(/process 4242 on srv1/);
  });

  it('no beat, a clean stop, a stale beat or a dead process of this machine is not', () => {
    expect(runningBot(null, now, 'srv1', alive)).toBeNull();
    expect(runningBot(beat(5_000, { stopped: true }), now, 'srv1', alive)).toBeNull();
    expect(runningBot(beat(HEARTBEAT_STALE_MS + 1), now, 'srv1', alive)).toBeNull();
    expect(runningBot(beat(5_000), now, 'srv1', dead)).toBeNull(); // kill -9
    expect(runningBot({ pid: 'x', host: 'srv1', at: 'garbage' } as never, now, 'srv1', alive)).toBeNull();
  });
});
