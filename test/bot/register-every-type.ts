import { expect } from 'vitest';
import type { ActivityType } from '../../src/domain/enums.js';
import { loadMessages } from '../../src/i18n/index.js';
import { ACTIVITY_FORMS } from '../../src/bot/features/activity-forms/definitions/index.js';
import type { FieldDef } from '../../src/bot/form-engine/index.js';
import type { Harness } from '../support/harness.js';
import { act, conversation, header, last, sentTexts, startForm, type Focal } from './register-helpers.js';

// Drives any activity form from what is stored: for each open question, kind-specific bad answers
// (each refused with a reason and the same question, nothing stored), then a valid answer or a
// skip; /back once; at the review card an edit, a cancel that is taken back, and the submit.

const vi = loadMessages('vi');
const HUGE = 'x'.repeat(5000);

function badAnswers(f: FieldDef): string[] {
  switch (f.kind) {
    case 'text':
    case 'longText':
      return [HUGE, '🎉🎉', '  '];
    case 'number':
    case 'money':
      return ['abc', '-5'];
    case 'timing':
      return ['31/02/2025', '🎉'];
    case 'date':
      return ['31/02/2025', 'tháng 4/2025'];
    case 'yesNo':
    case 'choice':
    case 'multiChoice':
      return ['xyz', HUGE];
    default:
      return ['🎉', HUGE];
  }
}

export async function answerValid(h: Harness, u: Focal['user'], f: FieldDef) {
  const firstOption = f.options?.[0] ? vi[f.options[0].label ?? '']! : '';
  switch (f.kind) {
    case 'text':
    case 'longText':
      return act(h, u.id, () => u.send(`<b>x</b> ${f.key}`));
    case 'number':
      return act(h, u.id, () => u.send(String(Math.max(f.min ?? 0, 3))));
    case 'money':
      return act(h, u.id, () => u.send('200tr'));
    case 'timing':
      return act(h, u.id, () => u.send('quý III/2025'));
    case 'date':
      return act(h, u.id, () => u.send('05/4/2025'));
    case 'yesNo':
      return act(h, u.id, () => u.pressButton('Có'));
    case 'choice':
      return act(h, u.id, () => u.pressButton(firstOption));
    case 'country':
      return act(h, u.id, () => u.pressButton('Lào'));
    case 'agency':
      return act(h, u.id, () => u.pressButton(/^[A-Z0-9-]+ · /));
    default: {
      const pick = f.kind === 'multiChoice' ? `▫️ ${firstOption}` : f.kind === 'countries' ? '▫️ Lào' : /^▫️ /;
      await act(h, u.id, () => u.pressButton(pick));
      return act(h, u.id, () => u.pressButton(/^✔️ Xong/));
    }
  }
}

export async function exerciseType(h: Harness, f: Focal, type: ActivityType) {
  const def = ACTIVITY_FORMS[type];
  const id = f.user.id;
  await startForm(h, f, vi[`activity.type.${type}`]!);
  const asked: string[] = [];
  let skips = 0;
  let wentBack = false;
  for (let guard = 0; guard < 60; guard++) {
    const c = (await conversation(h, f))!;
    if (c.state.step === null) break;
    const field = def.fields.find((x) => x.key === c.state.step)!;
    const head = header(h, id);
    expect(head, `${type}.${field.key}`).toMatch(
      new RegExp(`^${vi[field.label]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+/\\d+\\)$`),
    );
    for (const bad of badAnswers(field)) {
      const texts = sentTexts(await act(h, id, () => f.user.send(bad)));
      expect(texts, `${type}.${field.key} ← ${bad.slice(0, 12)}`).toHaveLength(2);
      expect(texts[0]).toMatch(/^⚠️ /);
      expect(texts[1]!.split('\n')[0]).toBe(head);
      const after = (await conversation(h, f))!;
      expect(after.version, `${type}.${field.key} ← ${bad.slice(0, 12)}`).toBe(c.version);
    }
    if (asked.length === 1 && !wentBack) {
      wentBack = true;
      await act(h, id, () => f.user.command('back'));
      expect(header(h, id)).toMatch(/\(1\/\d+\)$/);
      continue;
    }
    asked.push(field.key);
    if (!field.required) {
      await act(h, id, () => (skips++ % 2 === 0 ? f.user.command('skip') : f.user.pressButton('⏭ Bỏ qua')));
    } else {
      if (asked.length === 1)
        expect(sentTexts(await act(h, id, () => f.user.command('skip')))[0]).toContain('không thể bỏ qua');
      await answerValid(h, f.user, field);
    }
  }
  expect(wentBack).toBe(true);
  let review = last(h, id).text!;
  expect(review).toContain('1. Nội dung hoạt động: <b>x</b> title');
  await act(h, id, () => f.user.pressButton('✏️ Nội dung hoạt động'));
  await act(h, id, () => f.user.send(`Hoạt động ${type} & <i>đã sửa</i>`));
  review = last(h, id).text!;
  expect(review).toContain(`1. Nội dung hoạt động: Hoạt động ${type} & <i>đã sửa</i>`);
  await act(h, id, () => f.user.pressButton('✖️ Hủy'));
  await act(h, id, () => f.user.pressButton('Không, khai tiếp'));
  expect(last(h, id).text).toContain('Xin kiểm tra lại');
  await act(h, id, () => f.user.pressButton('✅ Gửi đăng ký'));
  const done = last(h, id).text!;
  const reference = /Số hiệu: (\d{4}-\d{3})/.exec(done)?.[1];
  expect(reference, done).toBeTruthy();
  const a = (await h.app.repos.activities.findByReference(reference!))!;
  expect(a).toMatchObject({
    type,
    title: `Hoạt động ${type} & <i>đã sửa</i>`,
    status: 'SUBMITTED',
    leadAgencyId: f.agencyId,
  });
  return { a, asked };
}
