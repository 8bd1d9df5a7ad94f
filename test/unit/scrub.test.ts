import { describe, expect, it } from 'vitest';
import { errorText, scrub, scrubValue, urlPassword } from '../../src/security/scrub.js';

const TOKEN = '7012345678:AAH-kq3sVx_Zq9cQm0ZrW2yT8uLp1bN4dEf';

describe('scrub (one scrubber for every error text)', () => {
  it('removes a bot token, bare and in Bot API URL paths, with or without knowing it', () => {
    const text = `request to https://api.telegram.org/bot${TOKEN}/sendMessage failed; file/bot${TOKEN}/doc.pdf; token ${TOKEN}`;
    for (const out of [scrub(text), scrub(text, [TOKEN])]) {
      expect(out).not.toContain(TOKEN.split(':')[1]);
      expect(out).toContain('bot<token>/sendMessage');
    }
  });

  it('removes passwords of connection URLs and key/value strings, keeping the rest', () => {
    const out = scrub(
      'connect failed: postgresql://liaison:p%40ss-W0rd@db.local:5432/liaison?sslmode=require; host=db password=hunter22 user=x',
    );
    expect(out).toBe(
      'connect failed: postgresql://liaison:[redacted]@db.local:5432/liaison?sslmode=require; host=db password=[redacted] user=x',
    );
    expect(urlPassword('postgresql://u:p%40ss@h/db')).toEqual(['p%40ss', 'p@ss']);
    expect(scrub('auth failed for p@ss-W0rd', urlPassword('postgresql://u:p%40ss-W0rd@h/db'))).toBe(
      'auth failed for [redacted]',
    );
  });

  it('removes invite tokens in deep links and /start payloads, and the webhook secret', () => {
    const invite = 'Qm9vdHN0cmFwLXRva2VuLTEyMzQ1Njc4';
    const out = scrub(
      `https://t.me/liaison_bot?start=${invite} then /start ${invite}; secret_token=abcDEF123; X-Telegram-Bot-Api-Secret-Token: s3cr3tValue`,
      ['s3cr3tValue'],
    );
    expect(out).not.toContain(invite);
    expect(out).not.toContain('abcDEF123');
    expect(out).not.toContain('s3cr3tValue');
  });

  it('leaves ordinary text alone (dates, references, times, amounts)', () => {
    const text =
      'Hoạt động 2025-017 lúc 14:30 ngày 15/04/2025, 1.500.000 đồng; update 123456789 failed: 400 Bad Request';
    expect(scrub(text, ['abc'])).toBe(text);
  });

  it('errorText includes the code and cause, scrubbed; scrubValue scrubs nested strings', () => {
    const err = Object.assign(new Error(`request to http://x/bot${TOKEN}/getMe failed`), {
      code: 'ECONNRESET',
      cause: new Error('password=abc123def'),
    });
    const text = errorText(err);
    expect(text).toContain('ECONNRESET');
    expect(text).not.toContain(TOKEN.slice(12));
    expect(text).not.toContain('abc123def');
    expect(scrubValue({ a: [`x ${TOKEN}`], b: { c: 'postgres://a:b@c/d' } })).toEqual({
      a: ['x <token>'],
      b: { c: 'postgres://a:[redacted]@c/d' },
    });
  });
});
