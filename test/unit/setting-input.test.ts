import { describe, expect, it } from 'vitest';
import { parseSettingInput } from '../../src/domain/setting-input.js';

describe('typed values of /settings', () => {
  it.each([
    ['upcomingDays', '7, 3, 1', [7, 3, 1]],
    ['upcomingDays', '1;3 7 3', [7, 3, 1]],
    ['upcomingDays', 'không', []],
    ['followUpDays', '3, 1, 0', [3, 1, 0]],
    ['conferencePmDays', '40', 40],
    ['sendTime', '7h30', '07:30'],
    ['sendTime', '16:05', '16:05'],
    ['workingHours', '07:30-17:30 Mon-Fri', '07:30-17:30 Mon-Fri'],
    ['workingHours', 'mặc định', null],
    ['weeklyHeadsSummary', false, false],
  ] as const)('%s: %j → %j', (name, raw, value) => {
    expect(parseSettingInput(name, raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['upcomingDays', 'ba ngày'],
    ['upcomingDays', '7, 400'],
    ['upcomingDays', ''],
    ['conferencePmDays', '0'],
    ['conferencePmDays', '-5'],
    ['conferencePmDays', '4000'],
    ['sendTime', '25:00'],
    ['sendTime', '7'],
    ['workingHours', '17:30-07:30 Mon-Fri'],
    ['workingHours', 'luôn luôn'],
  ] as const)('%s refuses %j', (name, raw) => {
    expect(parseSettingInput(name, raw)).toEqual({ ok: false });
  });
});
