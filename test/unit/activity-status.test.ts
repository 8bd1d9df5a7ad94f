import { describe, expect, it } from 'vitest';
import { ACTIVITY_STATUSES } from '../../src/domain/enums.js';
import {
  allowedActions,
  canPerform,
  canTransition,
  isFinal,
  needsReason,
  sourceStatuses,
  targetStatus,
} from '../../src/domain/activity-status.js';

describe('activity status rules', () => {
  it('follows the main lifecycle DRAFT → SUBMITTED → APPROVED → IN_PROGRESS → DONE → REPORTED', () => {
    expect(canTransition('DRAFT', 'SUBMITTED', 'FOCAL')).toBe(true);
    expect(canTransition('SUBMITTED', 'APPROVED', 'COORDINATOR')).toBe(true);
    expect(canTransition('APPROVED', 'IN_PROGRESS', 'SYSTEM')).toBe(true);
    expect(canTransition('IN_PROGRESS', 'DONE', 'FOCAL')).toBe(true);
    expect(canTransition('DONE', 'REPORTED', 'FOCAL')).toBe(true);
  });

  it('lets only coordinators and admins approve or reject', () => {
    for (const to of ['APPROVED', 'REJECTED'] as const) {
      expect(canTransition('SUBMITTED', to, 'FOCAL')).toBe(false);
      expect(canTransition('SUBMITTED', to, 'HEAD')).toBe(false);
      expect(canTransition('SUBMITTED', to, 'SYSTEM')).toBe(false);
      expect(canTransition('SUBMITTED', to, 'COORDINATOR')).toBe(true);
      expect(canTransition('SUBMITTED', to, 'ADMIN')).toBe(true);
    }
    expect(needsReason('reject')).toBe(true);
  });

  it('lets a focal point edit until approval, then only ask for a change', () => {
    for (const s of ['DRAFT', 'SUBMITTED', 'REJECTED', 'POSTPONED'] as const) expect(canPerform('edit', s, 'FOCAL')).toBe(true);
    for (const s of ['APPROVED', 'IN_PROGRESS', 'DONE', 'REPORTED', 'CANCELLED'] as const) expect(canPerform('edit', s, 'FOCAL')).toBe(false);
    expect(canPerform('requestChange', 'APPROVED', 'FOCAL')).toBe(true);
    expect(canPerform('edit', 'APPROVED', 'COORDINATOR')).toBe(true);
    expect(canPerform('requestChange', 'APPROVED', 'COORDINATOR')).toBe(false);
  });

  it('postpones (re-entering SUBMITTED) and cancels with a reason', () => {
    expect(canTransition('APPROVED', 'POSTPONED', 'FOCAL')).toBe(true);
    expect(canTransition('POSTPONED', 'SUBMITTED', 'FOCAL')).toBe(true);
    expect(canTransition('IN_PROGRESS', 'CANCELLED', 'FOCAL')).toBe(true);
    expect(needsReason('postpone')).toBe(true);
    expect(needsReason('cancel')).toBe(true);
    expect(canTransition('DONE', 'POSTPONED', 'FOCAL')).toBe(false);
    expect(canTransition('REPORTED', 'CANCELLED', 'ADMIN')).toBe(false);
  });

  it('lets nothing leave the final statuses and gives heads no actions', () => {
    for (const s of ACTIVITY_STATUSES) {
      expect(allowedActions(s, 'HEAD')).toEqual([]);
      expect(allowedActions(s, null)).toEqual([]);
      if (isFinal(s)) {
        for (const to of ACTIVITY_STATUSES) expect(canTransition(s, to, 'ADMIN')).toBe(false);
      }
    }
  });

  it('lists the actions per status in display order', () => {
    expect(allowedActions('SUBMITTED', 'FOCAL')).toEqual(['edit', 'postpone', 'cancel']);
    expect(allowedActions('SUBMITTED', 'COORDINATOR')).toEqual(['edit', 'approve', 'reject', 'postpone', 'cancel']);
    expect(allowedActions('APPROVED', 'FOCAL')).toEqual(['start', 'markDone', 'report', 'postpone', 'cancel', 'requestChange']);
    expect(allowedActions('DONE', 'FOCAL')).toEqual(['report']);
    expect(allowedActions('POSTPONED', 'FOCAL')).toEqual(['edit', 'resubmit', 'cancel']);
    expect(allowedActions('REPORTED', 'FOCAL')).toEqual([]);
  });

  it('gives the compare-and-set source list and the target of each action', () => {
    expect(sourceStatuses('markDone')).toEqual(['APPROVED', 'IN_PROGRESS']);
    expect(sourceStatuses('report')).toEqual(['APPROVED', 'IN_PROGRESS', 'DONE']);
    expect(targetStatus('report')).toBe('REPORTED');
    expect(targetStatus('edit')).toBeNull();
  });
});
