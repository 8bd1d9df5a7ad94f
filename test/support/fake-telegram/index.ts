export {
  FakeTelegram,
  startFakeTelegram,
  type CallMatcher,
  type CallPredicate,
  type FakeTelegramOptions,
  type WaitForIdleOptions,
} from './server.js';
export { SimGroup, SimUser, autoEntities, inlineButtons } from './sim-user.js';
export type { DocumentOptions, SendOptions, SimGroupOptions, SimUserOptions } from './sim-user.js';
export { ApiError, errors } from './errors.js';
export { formatText, parseHtml, parseMarkdownV2 } from './entities.js';
export { parseBody, parseMultipart } from './multipart.js';
export { mulberry32, telegramLimits, DEFAULT_RANDOM_FAILURE_METHODS, DEFAULT_RATE_LIMITED_METHODS } from './limits.js';
export type { CallContext, CallbackAnswer, MethodHandler } from './methods.js';
export type { MessageRecord, StoredFile } from './store.js';
export type { WebhookPostResult } from './webhook.js';
export type * from './types.js';
export { emptyStats } from './types.js';
