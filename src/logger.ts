import { pino, type Logger } from 'pino';

export type { Logger };

// Tokens can appear in URLs of Bot API errors; personal data lives in updates. Neither is logged:
// callers log ids and stable message names, and these paths are redacted as a second line of defence.
const REDACT = ['token', 'botToken', '*.token', 'update.message.text', 'ctx', 'update'];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined }, destination as never);
}

/** Remove a bot token from any text (error messages of HTTP clients often contain the URL). */
export function scrubToken(text: string): string {
  return text.replace(/bot\d+:[\w-]+/g, 'bot<token>').replace(/\b\d{6,}:[\w-]{20,}\b/g, '<token>');
}
