/**
 * Links that open the bot at a given place (`t.me/<bot>?start=<payload>`): invites, and the digest's
 * links to an activity's full card. Telegram allows a payload of at most 64 characters of
 * [A-Za-z0-9_-]; an activity's is `a` + its reference (`a2026-001`).
 */
const ACTIVITY_PAYLOAD = /^a(\d{4}-\d{1,6})$/;

export function startLink(botUsername: string, payload: string): string {
  return `https://t.me/${botUsername}?start=${payload}`;
}

export function activityLink(botUsername: string, reference: string): string {
  return startLink(botUsername, `a${reference}`);
}

/** The reference an activity link's payload names, or null for any other payload (an invite token). */
export function referenceOfPayload(payload: string): string | null {
  return ACTIVITY_PAYLOAD.exec(payload)?.[1] ?? null;
}
