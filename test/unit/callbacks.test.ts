import { describe, expect, it } from 'vitest';
import '../../src/bot/index.js'; // every feature, so every codec is defined
import {
  ALL_CALLBACKS,
  defineCallbacks,
  ID,
  MAX_CALLBACK_BYTES,
  N,
  worstCase,
} from '../../src/bot/keyboards/callbacks.js';

describe('typed callback data', () => {
  it('every defined button fits Telegram’s 64 bytes with its longest arguments', () => {
    expect(ALL_CALLBACKS.length).toBeGreaterThan(0);
    for (const codec of ALL_CALLBACKS) {
      for (const action of Object.keys(codec.actions)) {
        const data = worstCase(codec, action);
        expect(Buffer.byteLength(data, 'utf8'), data).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
        expect(codec.decode(data)?.action, data).toBe(action);
      }
    }
  });

  it('no two features share a prefix', () => {
    const prefixes = ALL_CALLBACKS.map((c) => c.prefix).filter((p) => p !== 'test');
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('round-trips named fields and refuses crafted or stale data', () => {
    const cb = defineCallbacks('test', {
      page: ['p', { n: N }],
      role: ['r', { id: ID, role: ['FOCAL', 'ADMIN'] }],
      back: ['b'],
    });
    expect(cb.encode('role', { id: 12, role: 'ADMIN' })).toBe('test:r:12:ADMIN');
    expect(cb.decode('test:r:12:ADMIN')).toEqual({ action: 'role', id: 12, role: 'ADMIN' });
    expect(cb.decode(cb.encode('back'))).toEqual({ action: 'back' });
    expect(cb.decode('test:p:3')).toEqual({ action: 'page', n: 3 });
    for (const bad of [
      'test:r:12:ROOT',
      'test:r:0:ADMIN',
      'test:r:x:ADMIN',
      'test:p:12345',
      'test:p',
      'test:p:1:2',
      'test:zz:1',
      'other:p:1',
      '',
      undefined,
      `test:p:${'1'.repeat(70)}`,
    ]) {
      expect(cb.decode(bad), String(bad)).toBeNull();
    }
    ALL_CALLBACKS.splice(
      ALL_CALLBACKS.findIndex((c) => c.prefix === 'test'),
      1,
    );
  });
});
