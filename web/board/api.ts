/** The board's API client: signs in with Telegram's initData once, then sends the session token. */
import type { BoardCounts, BoardFilter, BoardRow } from '../../src/domain/board.js';
import { filterQuery } from '../../src/domain/board.js';

export interface Me {
  user: {
    name: string | null;
    role: 'FOCAL' | 'COORDINATOR' | 'HEAD' | 'ADMIN';
    agencyId: number | null;
    scope: 'all' | 'agency' | 'none';
  };
  locale: 'vi' | 'en';
  messages: Record<string, string>;
  today: string;
}

export interface BoardData {
  rows: BoardRow[];
  agencies: { id: number; code: string; name: string }[];
  plans: { id: number; title: string; year: number | null }[];
  countries: Record<string, string>;
  counts: BoardCounts;
}

export interface Card {
  ref: string;
  type: string;
  status: string;
  title: string;
  timing: string;
  lead: string;
  coordinators: string[];
  countries: string[];
  partner: string | null;
  place: string | null;
  fundings: string[];
  cost: string | null;
  plan: string | null;
  notes: string | null;
  reason: string | null;
  details: { label: string; value: string }[];
  history: { date: string; who: string; change: string }[];
  followUps: { title: string; due: string; done: boolean; agency: string | null }[];
}

export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export function createApi(initData: string) {
  let token: string | null = null;
  let startParam: string | null = null;

  async function signIn() {
    const res = await fetch('api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ initData }),
    });
    if (!res.ok) throw new ApiError(res.status);
    const body = (await res.json()) as { token: string; startParam: string | null };
    token = body.token;
    startParam = body.startParam;
  }

  async function call<T>(path: string, init: RequestInit = {}, retry = true): Promise<T> {
    if (!token) await signIn();
    const res = await fetch(path, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${token}` } });
    // The session is short: sign in again with the same initData while Telegram's signature is valid.
    if (res.status === 401 && retry) {
      token = null;
      return call<T>(path, init, false);
    }
    if (!res.ok) throw new ApiError(res.status);
    return (await res.json()) as T;
  }

  return {
    signIn,
    startParam: () => startParam,
    me: () => call<Me>('api/me'),
    activities: () => call<BoardData>('api/activities'),
    card: (ref: string) => call<Card>(`api/activities/${encodeURIComponent(ref)}`),
    /** The summary chart of the filter, drawn by the server (the same chart as /summary): a PNG in base64. */
    chart: (filter: BoardFilter, width: number) =>
      call<{ png: string; width: number; height: number; model: { title: string } }>(
        `api/chart?${filterQuery(filter)}&w=${width}`,
      ),
    report: (filter: BoardFilter, format: 'xlsx' | 'docx') =>
      call<{ url: string; filename: string }>(`api/report?${filterQuery(filter)}&format=${format}`, { method: 'POST' }),
  };
}
export type Api = ReturnType<typeof createApi>;
