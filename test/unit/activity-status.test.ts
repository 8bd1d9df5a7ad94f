import { describe, expect, it } from 'vitest';
import { ACTIVITY_STATUSES } from '../../src/domain/enums.js';
import {
  allowedActions,
  canPerform,
  canTransition,
  isFinal,
  needsDecision,
  needsReason,
  sourceStatuses,
  targetStatus,
} from '../../src/domain/activity-status.js';

describe('activity status rules', () => {
  it('follows the lifecycle DRAFT → SUBMITTED → AGREED → AUTHORIZED → IN_PROGRESS → DONE → REPORTED', () => {
    expect(canTransition('DRAFT', 'SUBMITTED', 'FOCAL')).toBe(true);
    expect(canTransition('SUBMITTED', 'AGREED', 'COORDINATOR')).toBe(true);
    expect(canTransition('AGREED', 'AUTHORIZED', 'COORDINATOR')).toBe(true);
    expect(canTransition('AGREED', 'REFUSED', 'COORDINATOR')).toBe(true);
    expect(canTransition('AUTHORIZED', 'IN_PROGRESS', 'SYSTEM')).toBe(true);
    expect(canTransition('IN_PROGRESS', 'DONE', 'FOCAL')).toBe(true);
    expect(canTransition('DONE', 'REPORTED', 'FOCAL')).toBe(true);
  });

  it('an agreed delegation waits for the competent authority; a letter goes straight on', () => {
    expect(needsDecision('OUTBOUND')).toBe(true);
    expect(needsDecision('LETTER')).toBe(false);
    expect(canPerform('markDone', 'AGREED', 'FOCAL', 'OUTBOUND')).toBe(false);
    expect(canPerform('start', 'AGREED', 'SYSTEM', 'CONFERENCE')).toBe(false);
    expect(canPerform('markDone', 'AGREED', 'FOCAL')).toBe(false);
    expect(canPerform('markDone', 'AGREED', 'FOCAL', 'LETTER')).toBe(true);
    expect(canPerform('report', 'AGREED', 'FOCAL', 'MEDIA')).toBe(true);
    expect(canPerform('markDone', 'AUTHORIZED', 'FOCAL', 'OUTBOUND')).toBe(true);
    expect(sourceStatuses('markDone', 'OUTBOUND')).toEqual(['AUTHORIZED', 'IN_PROGRESS']);
    expect(sourceStatuses('markDone', 'LETTER')).toEqual(['AGREED', 'AUTHORIZED', 'IN_PROGRESS']);
  });

  it('lets only coordinators and admins agree, return and record decisions', () => {
    for (const to of ['AGREED', 'RETURNED'] as const) {
      expect(canTransition('SUBMITTED', to, 'FOCAL')).toBe(false);
      expect(canTransition('SUBMITTED', to, 'HEAD')).toBe(false);
      expect(canTransition('SUBMITTED', to, 'SYSTEM')).toBe(false);
      expect(canTransition('SUBMITTED', to, 'COORDINATOR')).toBe(true);
      expect(canTransition('SUBMITTED', to, 'ADMIN')).toBe(true);
    }
    for (const to of ['AUTHORIZED', 'REFUSED'] as const) {
      expect(canTransition('AGREED', to, 'FOCAL')).toBe(false);
      expect(canTransition('AGREED', to, 'COORDINATOR')).toBe(true);
      expect(canTransition('SUBMITTED', to, 'COORDINATOR')).toBe(false);
    }
    expect(needsReason('return')).toBe(true);
  });

  it('lets a focal point edit until agreement, then only ask for a change', () => {
    for (const s of ['DRAFT', 'SUBMITTED', 'RETURNED', 'POSTPONED'] as const)
      expect(canPerform('edit', s, 'FOCAL')).toBe(true);
    for (const s of ['AGREED', 'AUTHORIZED', 'IN_PROGRESS', 'DONE', 'REPORTED', 'CANCELLED', 'REFUSED'] as const)
      expect(canPerform('edit', s, 'FOCAL')).toBe(false);
    expect(canPerform('requestChange', 'AGREED', 'FOCAL')).toBe(true);
    expect(canPerform('requestChange', 'AUTHORIZED', 'FOCAL')).toBe(true);
    expect(canPerform('edit', 'AGREED', 'COORDINATOR')).toBe(true);
    expect(canPerform('requestChange', 'AGREED', 'COORDINATOR')).toBe(false);
  });

  it('postpones (re-entering SUBMITTED) and cancels with a reason', () => {
    expect(canTransition('AUTHORIZED', 'POSTPONED', 'FOCAL')).toBe(true);
    expect(canTransition('POSTPONED', 'SUBMITTED', 'FOCAL')).toBe(true);
    expect(canTransition('IN_PROGRESS', 'CANCELLED', 'FOCAL')).toBe(true);
    expect(needsReason('postpone')).toBe(true);
    expect(needsReason('cancel')).toBe(true);
    expect(canTransition('DONE', 'POSTPONED', 'FOCAL')).toBe(false);
    expect(canTransition('REPORTED', 'CANCELLED', 'ADMIN')).toBe(false);
  });

  it('lets nothing leave the final statuses and gives heads no actions', () => {
    expect(isFinal('REFUSED')).toBe(true);
    for (const s of ACTIVITY_STATUSES) {
      expect(allowedActions(s, 'HEAD')).toEqual([]);
      expect(allowedActions(s, null)).toEqual([]);
      if (isFinal(s)) {
        for (const to of ACTIVITY_STATUSES) expect(canTransition(s, to, 'ADMIN', 'LETTER')).toBe(false);
      }
    }
  });

  it('lists the actions per status in display order', () => {
    expect(allowedActions('SUBMITTED', 'FOCAL')).toEqual(['edit', 'postpone', 'cancel']);
    expect(allowedActions('SUBMITTED', 'COORDINATOR')).toEqual(['edit', 'agree', 'return', 'postpone', 'cancel']);
    expect(allowedActions('AUTHORIZED', 'FOCAL', 'OUTBOUND')).toEqual([
      'start',
      'markDone',
      'report',
      'postpone',
      'cancel',
      'requestChange',
    ]);
    expect(allowedActions('AGREED', 'FOCAL', 'OUTBOUND')).toEqual(['postpone', 'cancel', 'requestChange']);
    expect(allowedActions('AGREED', 'FOCAL', 'LETTER')).toEqual([
      'start',
      'markDone',
      'report',
      'postpone',
      'cancel',
      'requestChange',
    ]);
    expect(allowedActions('DONE', 'FOCAL')).toEqual(['report']);
    expect(allowedActions('POSTPONED', 'FOCAL')).toEqual(['edit', 'resubmit', 'cancel']);
    expect(allowedActions('RETURNED', 'FOCAL')).toEqual(['edit', 'resubmit', 'cancel']);
    expect(allowedActions('REPORTED', 'FOCAL')).toEqual([]);
  });

  it('gives the compare-and-set source list and the target of each action', () => {
    expect(sourceStatuses('markDone')).toEqual(['AUTHORIZED', 'IN_PROGRESS']);
    expect(sourceStatuses('report')).toEqual(['AUTHORIZED', 'IN_PROGRESS', 'DONE']);
    expect(targetStatus('report')).toBe('REPORTED');
    expect(targetStatus('agree')).toBe('AGREED');
    expect(targetStatus('edit')).toBeNull();
  });
});
