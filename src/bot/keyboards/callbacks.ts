// The typed callback codecs live in the domain (src/domain/callbacks.ts): the jobs build buttons the
// bot answers from the same definitions.
export * from '../../domain/callbacks.js';
