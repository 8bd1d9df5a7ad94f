import { pino, destination as pinoDestination, type Logger } from 'pino';
import { registeredSecrets, scrub, scrubText } from './security/scrub.js';

export type { Logger };

// Personal data lives in updates: callers log ids and stable message names, and these paths are
// redacted as a second line of defence. Secrets are removed from every line by the scrubber.
const REDACT = ['token', 'botToken', '*.token', 'update.message.text', 'ctx', 'update'];

/** Every line pino writes goes through the scrubber (the secrets also in their JSON-escaped form). */
function scrubbing(dest: NodeJS.WritableStream | { write(s: string): unknown }) {
  return {
    write(line: string) {
      const secrets = registeredSecrets();
      const escaped = secrets.map((s) => JSON.stringify(s).slice(1, -1)).filter((e, i) => e !== secrets[i]);
      return dest.write(scrub(line, [...secrets, ...escaped]));
    },
  };
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const dest = destination ?? pinoDestination({ dest: 1, sync: true });
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined }, scrubbing(dest) as never);
}

/** Remove secrets (tokens, passwords, invite tokens) from any text: the project's scrubber. */
export function scrubToken(text: string): string {
  return scrubText(text);
}
