import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  canAnswer,
  daysLeft,
  deadlinePassed,
  programmeProgress,
  requestBoard,
  type BoardResponse,
} from '../../src/domain/plan-board.js';

const TZ = 'Asia/Ho_Chi_Minh';
const at = (iso: string) => DateTime.fromISO(iso, { zone: TZ });
/** Seed 001: answers until the end of 25/09/2024, Việt Nam time. */
const deadline = at('2024-09-25').endOf('day').toJSDate();

let nextId = 1;
function response(code: string, status: BoardResponse['status'], active = true): BoardResponse {
  return {
    agencyId: nextId++,
    code,
    name: `Cơ quan ${code}`,
    active,
    status,
    answeredAt: status === 'PENDING' ? null : new Date('2024-09-20T03:00:00Z'),
  };
}

describe('plan request board', () => {
  const responses = [
    response('SNN', 'ANSWERED'),
    response('SCT', 'ANSWERED'),
    response('SDL', 'NIL'),
    response('STC', 'PENDING'),
    response('SNV', 'NO_PLAN'),
  ];
  const counts = new Map([
    [responses[0]!.agencyId, 3],
    [responses[1]!.agencyId, 1],
  ]);

  it('groups answered (with counts), nil, not yet and late before the deadline', () => {
    const b = requestBoard({ deadline }, responses, counts, at('2024-09-20T10:00'));
    expect(b.answered.map((e) => [e.code, e.activities])).toEqual([
      ['SCT', 1],
      ['SNN', 3],
    ]);
    expect(b.nil.map((e) => e.code)).toEqual(['SDL']);
    expect(b.pending.map((e) => e.code)).toEqual(['STC']);
    expect(b.late.map((e) => e.code)).toEqual(['SNV']);
    expect(b.total).toBe(5);
    expect(b.activities).toBe(4);
    expect(b.deadlinePassed).toBe(false);
  });

  it('counts a silent agency as late once the deadline has passed, even before the job records it', () => {
    const b = requestBoard({ deadline }, responses, counts, at('2024-09-26T00:00:01'));
    expect(b.pending).toEqual([]);
    expect(b.late.map((e) => e.code)).toEqual(['SNV', 'STC']);
    expect(b.deadlinePassed).toBe(true);
  });

  it('leaves out deactivated agencies that never answered, keeps their answers', () => {
    const b = requestBoard(
      { deadline },
      [response('OLD', 'PENDING', false), response('GONE', 'ANSWERED', false)],
      new Map(),
      at('2024-09-20T10:00'),
    );
    expect(b.total).toBe(1);
    expect(b.answered.map((e) => e.code)).toEqual(['GONE']);
    expect(b.pending).toEqual([]);
  });

  it('the deadline is the end of that local day', () => {
    expect(deadlinePassed(deadline, at('2024-09-25T23:59:59'))).toBe(false);
    expect(deadlinePassed(deadline, at('2024-09-26T00:00:00.001'))).toBe(true);
    expect(deadlinePassed(null, at('2030-01-01'))).toBe(false);
    expect(daysLeft(deadline, at('2024-09-18T08:00'), TZ)).toBe(7);
    expect(daysLeft(deadline, at('2024-09-25T16:00'), TZ)).toBe(0);
    expect(daysLeft(deadline, at('2024-09-27T16:00'), TZ)).toBe(-2);
  });

  it('a focal point may answer an open request until its deadline only', () => {
    const plan = { kind: 'REQUEST', status: 'OPEN', deadline };
    expect(canAnswer(plan, at('2024-09-25T20:00'))).toBe(true);
    expect(canAnswer(plan, at('2024-09-26T08:00'))).toBe(false);
    expect(canAnswer({ ...plan, status: 'CLOSED' }, at('2024-09-20T08:00'))).toBe(false);
    expect(canAnswer({ ...plan, kind: 'PROGRAMME' }, at('2024-09-20T08:00'))).toBe(false);
  });
});

describe('programme progress', () => {
  const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00.000Z`) : null);
  const activity = (reference: string, status: string, end: string | null, precision = 'MONTH') => ({
    id: Number(reference.slice(-3)),
    reference,
    title: reference,
    status,
    leadCode: 'SNGV',
    timingPrecision: precision,
    endDate: day(end),
  });

  it('counts by status, done ones (cancelled left out) and overdue ones', () => {
    const p = programmeProgress(
      [
        activity('2023-001', 'DONE', '2023-04-30'),
        activity('2023-002', 'REPORTED', '2023-06-30'),
        activity('2023-003', 'AUTHORIZED', '2023-06-30'),
        activity('2023-004', 'IN_PROGRESS', '2023-12-31', 'YEAR'),
        activity('2023-005', 'CANCELLED', '2023-02-28'),
        activity('2023-006', 'AUTHORIZED', null, 'TBD'),
      ],
      at('2023-07-10T09:00'),
      TZ,
    );
    expect(p.total).toBe(6);
    expect(p.done).toBe(2);
    expect(p.cancelled).toBe(1);
    expect(p.percent).toBe(40);
    expect(p.overdue.map((a) => a.reference)).toEqual(['2023-003']);
    expect(p.byStatus).toEqual({ DONE: 1, REPORTED: 1, AUTHORIZED: 2, IN_PROGRESS: 1, CANCELLED: 1 });
  });

  it('an empty programme is 0 %', () => {
    expect(programmeProgress([], at('2023-07-10'), TZ)).toMatchObject({ total: 0, percent: 0, overdue: [] });
  });
});
