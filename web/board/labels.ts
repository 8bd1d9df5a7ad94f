import type { BoardRow } from '../../src/domain/board.js';
import { formatNumber, t } from './i18n.js';

export const TYPES = [
  'OUTBOUND',
  'INBOUND',
  'LETTER',
  'CONFERENCE',
  'ONLINE_TALK',
  'AGREEMENT',
  'EXCHANGE',
  'MEDIA',
  'AWARD',
  'OTHER',
] as const;
export const STATUSES = [
  'SUBMITTED',
  'AGREED',
  'RETURNED',
  'AUTHORIZED',
  'REFUSED',
  'IN_PROGRESS',
  'DONE',
  'REPORTED',
  'POSTPONED',
  'CANCELLED',
] as const;

export const typeLabel = (type: string) => t(`activity.type.${type}`);
export const statusLabel = (status: string) => t(`activity.status.${status}`);

/** A status's colour family (badges, calendar dots). */
export function statusTone(status: string): string {
  switch (status) {
    case 'SUBMITTED':
      return 'wait';
    case 'AGREED':
      return 'wait';
    case 'AUTHORIZED':
    case 'IN_PROGRESS':
      return 'go';
    case 'DONE':
    case 'REPORTED':
      return 'done';
    case 'RETURNED':
    case 'REFUSED':
    case 'CANCELLED':
      return 'stop';
    default:
      return 'hold';
  }
}

export function costText(row: Pick<BoardRow, 'cost'>): string {
  return row.cost === null ? '' : formatNumber(BigInt(row.cost));
}
