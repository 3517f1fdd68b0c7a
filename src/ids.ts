/**
 * Identifiers: a type prefix (`key_`, `usr_`, …) and 26 Crockford base32
 * characters, 10 of time and 16 of randomness (ULID layout). They sort by
 * creation time, so "newest first" paging needs only the primary key and a
 * cursor on it — no OFFSET and no second sort column.
 */
import { randomBytes } from 'node:crypto';

export const ID_PREFIXES = {
  account: 'acc',
  accountInvitation: 'acc_inv',
  user: 'usr',
  functionalId: 'fid',
  apiKey: 'key',
  role: 'rol',
  group: 'grp',
  session: 'ses',
  notification: 'ntf',
  auditEvent: 'evt',
  outbox: 'out',
  service: 'svc',
  signingKey: 'sig',
  webhook: 'whk',
  webhookDelivery: 'whd',
  /** A webhook message (`webhook-id`): the same for every attempt and redelivery of one event to one webhook. */
  webhookMessage: 'msg',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastTime = -1;
let lastRandom: number[] = [];

export function newId(kind: IdKind, now = Date.now()): string {
  let random: number[];
  if (now <= lastTime) {
    // Same millisecond (or a clock step back): keep the order by incrementing the random part.
    random = increment(lastRandom);
    now = lastTime;
  } else {
    random = Array.from(randomBytes(16), (b) => b & 31);
  }
  lastTime = now;
  lastRandom = random;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return `${ID_PREFIXES[kind]}_${time}${random.map((d) => CROCKFORD[d]).join('')}`;
}

function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i] < 31) {
      next[i]++;
      return next;
    }
    next[i] = 0;
  }
  return Array.from(randomBytes(16), (b) => b & 31);
}

export function kindOfId(id: string): IdKind | undefined {
  // The prefix is everything before the last `_` (a prefix may hold one: `acc_inv`).
  const prefix = id.slice(0, id.lastIndexOf('_'));
  return (Object.keys(ID_PREFIXES) as IdKind[]).find((k) => ID_PREFIXES[k] === prefix);
}

/** True for a well-formed ID of the given kind; used to reject junk before any query. */
export function isIdOf(kind: IdKind, id: string): boolean {
  return id.length === ID_PREFIXES[kind].length + 27 && id.startsWith(`${ID_PREFIXES[kind]}_`) && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id.slice(-26));
}
