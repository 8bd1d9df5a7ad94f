import { describe, expect, it } from 'vitest';
import {
  conferenceAuthority,
  detailKeys,
  missingDetails,
  readDetails,
  REQUIRED_DETAILS,
} from '../../src/domain/activity-details';
import { ACTIVITY_FORMS } from '../../src/bot/features/activity-forms/definitions/index';
import { COLUMN_KEYS } from '../../src/bot/features/activity-forms/definitions/common';
import { DEMO_PLANS, DEMO_TALKS } from '../../src/demo/seed-data';
import { ACTIVITY_TYPES } from '../../src/domain/enums';

describe('typed activity details', () => {
  it('reads the known keys of a type, drops unknown keys and values of the wrong kind', () => {
    const d = readDetails('OUTBOUND', {
      headName: 'Nguyễn Văn A',
      members: 5,
      partyOpinion: true,
      partyOpinionNeeded: true,
      purposeCategory: 'không rõ',
      composition: '',
    });
    expect(d).toEqual({ headName: 'Nguyễn Văn A', members: 5, partyOpinion: true });
    expect(readDetails('LETTER', null)).toEqual({});
    expect(readDetails('LETTER', [1, 2])).toEqual({});
  });

  it('lists the missing required details in the form order', () => {
    expect(missingDetails('OUTBOUND', { headName: 'A', members: 3 })).toEqual([
      'headPosition',
      'purpose',
      'purposeCategory',
      'partyOpinion',
    ]);
    expect(
      missingDetails('OUTBOUND', {
        partyOpinionNeeded: true,
        headName: 'A',
        headPosition: 'B',
        members: 3,
        purpose: 'x',
        purposeCategory: 'OTHER',
      }),
    ).toEqual(['partyOpinion']);
    expect(missingDetails('OTHER', {})).toEqual([]);
    expect(missingDetails('LETTER', { occasion: 'ANNIVERSARY', sender: 'Chủ tịch UBND tỉnh' })).toEqual(['recipient']);
  });

  it('the forms ask exactly the schema keys, required alike (no drift possible)', () => {
    for (const type of ACTIVITY_TYPES) {
      const asked = ACTIVITY_FORMS[type].fields.filter((f) => !(COLUMN_KEYS as readonly string[]).includes(f.key));
      for (const f of asked) expect(detailKeys(type)).toContain(f.key);
      expect(asked.filter((f) => f.required && !f.when).map((f) => f.key)).toEqual([...REQUIRED_DETAILS[type]]);
    }
  });

  it('the demo data stores only keys and values the schemas know', () => {
    const all = [...DEMO_PLANS.flatMap((p) => p.activities), DEMO_TALKS];
    for (const a of all) {
      const raw = (a.details ?? {}) as Record<string, unknown>;
      expect({ ref: a.title, details: readDetails(a.type, raw) }).toEqual({ ref: a.title, details: raw });
    }
    const kontum = all.find((a) => a.type === 'OUTBOUND' && a.title.includes('Ra-ta-na-ki-ri'))!;
    expect(readDetails('OUTBOUND', kontum.details).partyOpinion).toBe(true);
  });

  it('the conference rule reads the one authority key', () => {
    expect(conferenceAuthority({ authority: 'PRIME_MINISTER' })).toBe('PM');
    expect(conferenceAuthority({ authority: 'PROVINCIAL_CHAIR' })).toBe('PROVINCE');
    expect(conferenceAuthority({ approvingAuthority: 'PM' })).toBe('PROVINCE');
  });
});
