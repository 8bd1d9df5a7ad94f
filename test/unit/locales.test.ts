import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createI18n, loadMessages, type MessageKey, type Translate } from '../../src/i18n/index.js';
import { COMMANDS } from '../../src/bot/commands.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const vi = loadMessages('vi');
  const en = loadMessages('en');

  it('vi and en have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('each message has the same placeholders in both languages and no empty text', () => {
    for (const key of Object.keys(vi)) {
      expect(placeholders(en[key]!), key).toEqual(placeholders(vi[key]!));
      expect(vi[key]!.trim(), key).not.toBe('');
      expect(en[key]!.trim(), key).not.toBe('');
    }
  });

  it('MessageKey (src/i18n/keys.ts) is read from every file of locales/vi', () => {
    const imported = [
      ...fs.readFileSync('src/i18n/keys.ts', 'utf8').matchAll(/import\('\.\.\/\.\.\/locales\/vi\/([\w-]+\.json)'\)/g),
    ]
      .map((m) => m[1])
      .sort();
    expect(imported).toEqual(
      fs
        .readdirSync('locales/vi')
        .filter((f) => f.endsWith('.json'))
        .sort(),
    );
  });

  it('a key written in the code is checked at compile time (npm run typecheck)', () => {
    const t: Translate = createI18n('vi').forLocale('vi');
    const key: MessageKey = 'find.usage';
    expect(t(key)).toBeTruthy();
    // @ts-expect-error: not a key of locales/vi
    expect(() => t('no.such.key')).toThrow(/missing message/);
    const dynamic: string = 'no.such.key'; // a key only known at run time is checked when translated
    expect(() => t(dynamic)).toThrow(/missing message/);
  });

  it('every command of the menu has a description of at most 256 characters', () => {
    for (const { command } of COMMANDS) {
      expect(vi[`cmd.${command}`], command).toBeTruthy();
      expect(vi[`cmd.${command}`]!.length).toBeLessThanOrEqual(256);
    }
  });

  it('escapes placeholder values, keeps explicit markup', () => {
    const i18n = createI18n('vi');
    const text = i18n.translate('vi', 'error.unknown_command', { command: '<b>x</b>' });
    expect(text).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(i18n.translate('en', 'start.agency_suffix', { agency: { html: '<i>A</i>' } })).toBe(' of <b><i>A</i></b>');
  });

  it('fills {body} and {division} from the settings’ names; a message’s own params win', () => {
    const i18n = createI18n('vi');
    expect(i18n.translate('vi', 'followups.department')).toBe('Sở Ngoại vụ');
    i18n.setOrgNames({ body: 'Văn phòng UBND tỉnh', division: 'Phòng Ngoại vụ' });
    expect(i18n.translate('vi', 'followups.department')).toBe('Văn phòng UBND tỉnh');
    expect(i18n.translate('en', 'invite.redeem_expired', { id: 1 })).toContain('contact Văn phòng UBND tỉnh');
    expect(i18n.translate('vi', 'start.stranger', { id: 1, body: 'Sở A', division: 'Phòng B' })).toContain(
      'liên hệ Phòng B, Sở A',
    );
    // No message names the body in words any more (examples in hints aside).
    const vi = loadMessages('vi');
    const named = Object.entries(vi).filter(
      ([k, v]) => v.includes('Sở Ngoại vụ') && !['settings.hint.org.bodyName', 'help.admin_setup'].includes(k),
    );
    expect(named.map(([k]) => k)).toEqual([]);
  });

  it('resolves the language: stored choice, then Telegram language_code, then the default', () => {
    const i18n = createI18n('vi');
    expect(i18n.resolve('en', 'vi')).toBe('en');
    expect(i18n.resolve(null, 'en-GB')).toBe('en');
    expect(i18n.resolve(null, 'fr')).toBe('vi');
    expect(i18n.resolve(undefined, undefined)).toBe('vi');
  });
});
