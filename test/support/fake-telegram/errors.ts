import type { ApiErrorSpec, ResponseParameters } from './types.js';

/** Thrown by method handlers; turned into `{ok:false,...}` with HTTP status = error_code. */
export class ApiError extends Error implements ApiErrorSpec {
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: ResponseParameters;

  constructor(error_code: number, description: string, parameters?: ResponseParameters) {
    super(`${error_code}: ${description}`);
    this.name = 'ApiError';
    this.error_code = error_code;
    this.description = description;
    if (parameters) this.parameters = parameters;
  }

  static from(spec: ApiErrorSpec): ApiError {
    return new ApiError(spec.error_code, spec.description, spec.parameters);
  }
}

/** The error texts real Telegram uses (as of Bot API 7.x). */
export const errors = {
  badRequest: (what: string) => new ApiError(400, `Bad Request: ${what}`),
  notFound: () => new ApiError(404, 'Not Found'),
  unauthorized: () => new ApiError(401, 'Unauthorized'),
  chatNotFound: () => new ApiError(400, 'Bad Request: chat not found'),
  textEmpty: () => new ApiError(400, 'Bad Request: message text is empty'),
  tooLong: () => new ApiError(400, 'Bad Request: message is too long'),
  captionTooLong: () => new ApiError(400, 'Bad Request: message caption is too long'),
  buttonDataInvalid: () => new ApiError(400, 'Bad Request: BUTTON_DATA_INVALID'),
  notModified: () =>
    new ApiError(
      400,
      'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    ),
  editNotFound: () => new ApiError(400, 'Bad Request: message to edit not found'),
  cantEdit: () => new ApiError(400, "Bad Request: message can't be edited"),
  deleteNotFound: () => new ApiError(400, 'Bad Request: message to delete not found'),
  callbackTooOld: () =>
    new ApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid'),
  invalidFileId: () => new ApiError(400, 'Bad Request: invalid file_id'),
  wrongFileId: () => new ApiError(400, 'Bad Request: wrong file identifier/HTTP URL specified'),
  blocked: () => new ApiError(403, 'Forbidden: bot was blocked by the user'),
  migrated: (to: number) =>
    new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: to }),
  tooManyRequests: (retryAfter: number) =>
    new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter }),
  webhookActive: () =>
    new ApiError(
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    ),
  otherGetUpdates: () =>
    new ApiError(
      409,
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    ),
  serverError: (code = 500) =>
    new ApiError(code, code === 502 ? 'Bad Gateway' : code === 503 ? 'Service Unavailable' : 'Internal Server Error'),
  parseEntities: (detail: string) => new ApiError(400, `Bad Request: can't parse entities: ${detail}`),
};
