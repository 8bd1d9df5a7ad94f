import type { Params, UploadedFile } from './types.js';

/**
 * Request body parsing for the three encodings the Bot API accepts:
 * application/json, application/x-www-form-urlencoded and multipart/form-data.
 * Query-string parameters are merged in as well (body wins).
 */

export interface MultipartResult {
  fields: Record<string, string>;
  files: Record<string, UploadedFile>;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Parses a complete multipart/form-data body (good enough for test traffic). */
export function parseMultipart(body: Buffer, boundary: string): MultipartResult {
  const fields: Record<string, string> = {};
  const files: Record<string, UploadedFile> = {};
  const delimiter = Buffer.from(`--${boundary}`);

  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    // "--" right after a delimiter marks the end of the body.
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break;
    if (body.subarray(start, start + 2).equals(CRLF)) start += 2;

    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // Part content ends with CRLF before the next delimiter.
    let end = next;
    if (end >= 2 && body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;

    const part = body.subarray(start, end);
    const headerEnd = part.indexOf(HEADER_END);
    const rawHeaders = headerEnd === -1 ? part.toString('utf8') : part.subarray(0, headerEnd).toString('utf8');
    const content = headerEnd === -1 ? Buffer.alloc(0) : part.subarray(headerEnd + HEADER_END.length);
    const headers = parseHeaderLines(rawHeaders);

    const disposition = headers['content-disposition'] ?? '';
    const name = dispositionParam(disposition, 'name');
    const fileName = dispositionParam(disposition, 'filename');
    if (name !== undefined) {
      if (fileName !== undefined) {
        const file: UploadedFile = { fileName, size: content.length, bytes: Buffer.from(content) };
        const contentType = headers['content-type'];
        if (contentType) file.contentType = contentType;
        files[name] = file;
      } else {
        fields[name] = content.toString('utf8');
      }
    }
    pos = next;
  }
  return { fields, files };
}

function parseHeaderLines(raw: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of raw.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function dispositionParam(disposition: string, key: string): string | undefined {
  // name="x" / filename="x.pdf" / filename*=UTF-8''x.pdf
  const star = new RegExp(`(?:^|;)\\s*${key}\\*=([^;]+)`, 'i').exec(disposition);
  if (star?.[1]) {
    const value = star[1].trim().replace(/^[^']*'[^']*'/, '');
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  const quoted = new RegExp(`(?:^|;)\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, '$1');
  const bare = new RegExp(`(?:^|;)\\s*${key}=([^;\\s]+)`, 'i').exec(disposition);
  return bare?.[1];
}

/** Parameters whose string form (form encodings, query string) is JSON. */
const JSON_PARAMS = new Set([
  'reply_markup',
  'entities',
  'caption_entities',
  'allowed_updates',
  'commands',
  'scope',
  'reply_parameters',
  'link_preview_options',
  'media',
  'results',
]);

/** Turn form values into the JSON-typed values a JSON body would have carried. */
function coerceFormValue(key: string, value: string): unknown {
  if (JSON_PARAMS.has(key)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (value === 'true') return true;
  if (value === 'false') return false;
  // Keep text-like params verbatim even if numeric ("123" as a message text).
  if (/^-?\d+$/.test(value) && !TEXT_PARAMS.has(key) && Number.isSafeInteger(Number(value))) return Number(value);
  return value;
}

const TEXT_PARAMS = new Set([
  'text',
  'caption',
  'callback_data',
  'data',
  'description',
  'secret_token',
  'url',
  'query',
]);

export function parseQuery(search: URLSearchParams): Params {
  const params: Params = {};
  for (const [key, value] of search) params[key] = coerceFormValue(key, value);
  return params;
}

export class BodyParseError extends Error {}

/** Parses a request body according to its content type. */
export function parseBody(contentType: string | undefined, body: Buffer): Params {
  if (body.length === 0) return {};
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new BodyParseError("Bad Request: can't parse JSON");
    }
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Params) : {};
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return parseQuery(new URLSearchParams(body.toString('utf8')));
  }
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
    const value = boundary?.[1] ?? boundary?.[2];
    if (!value) throw new BodyParseError('Bad Request: multipart boundary is missing');
    const { fields, files } = parseMultipart(body, value);
    const params: Params = {};
    for (const [key, v] of Object.entries(fields)) params[key] = coerceFormValue(key, v);
    for (const [key, file] of Object.entries(files)) params[key] = file;
    return params;
  }
  // Telegram is lenient: try JSON, else ignore the body.
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Params) : {};
  } catch {
    return {};
  }
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    Buffer.isBuffer((value as UploadedFile).bytes) &&
    typeof (value as UploadedFile).fileName === 'string'
  );
}
