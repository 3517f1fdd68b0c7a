/**
 * The words of key notifications, in-app and by email. They name the key
 * (name, prefix, owner, expiry) and never carry a secret: the prefix is the
 * non-secret hint shown in every list.
 */
import type { EmailContent } from './mail-outbox';

export interface KeyFacts {
  id: string;
  name: string;
  prefix: string;
  ownerName: string;
  ownerEmail: string | null;
  accountName: string;
  expiresAt: Date;
}

export function keyLabel(key: { name: string; prefix: string }): string {
  return `API key "${key.name}" (${key.prefix})`;
}

function ownerLabel(key: KeyFacts): string {
  return key.ownerEmail ? `${key.ownerName} <${key.ownerEmail}>` : key.ownerName;
}

/** "in 30 days" / "in 47 hours" / "in 35 minutes". */
function timeLeft(expiresAt: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 60_000));
  if (minutes >= 2 * 1440) return `in ${Math.floor(minutes / 1440)} days`;
  return minutes >= 120 ? `in ${Math.floor(minutes / 60)} hours` : `in ${minutes} minutes`;
}

export function expiringMessage(key: KeyFacts, now: Date): string {
  return `${keyLabel(key)} of ${key.ownerName} expires on ${key.expiresAt.toISOString()} (${timeLeft(key.expiresAt, now)}).`;
}

export function expiredMessage(key: KeyFacts): string {
  return `${keyLabel(key)} of ${key.ownerName} expired on ${key.expiresAt.toISOString()}: it no longer authenticates.`;
}

export function expiringEmail(key: KeyFacts, now: Date): EmailContent {
  return keyEmail(key, `API key "${key.name}" expires on ${key.expiresAt.toISOString()}`, [
    `The API key "${key.name}" (${key.prefix}) expires on ${key.expiresAt.toISOString()}, ${timeLeft(key.expiresAt, now)}.`,
    'After that it no longer authenticates. To keep it working, set a later expiry, or create a replacement key and move your programs to it.',
  ]);
}

export function expiredEmail(key: KeyFacts): EmailContent {
  return keyEmail(key, `API key "${key.name}" has expired`, [
    `The API key "${key.name}" (${key.prefix}) expired on ${key.expiresAt.toISOString()} and no longer authenticates.`,
    'Programs still using it are refused. Create a replacement key, or set a later expiry to bring it back.',
  ]);
}

export function leakedEmail(key: Pick<KeyFacts, 'id' | 'name' | 'prefix'>, action: string): EmailContent {
  const subject = `API key "${key.name}" was reported as leaked`;
  const lines = [
    `A secret of the API key "${key.name}" (${key.prefix}) was reported as leaked. Action taken: ${action}.`,
    'Find where it was exposed, create a replacement key, and move your programs to it.',
    `Key ID: ${key.id}`,
  ];
  return { subject, text: `${lines.join('\n\n')}\n\n-- Keywarden\n`, html: htmlOf(lines) };
}

function keyEmail(key: KeyFacts, subject: string, lead: string[]): EmailContent {
  const facts = [
    `Key: ${key.name} (${key.prefix})`,
    `Key ID: ${key.id}`,
    `Owner: ${ownerLabel(key)}`,
    `Account: ${key.accountName}`,
    `Expires: ${key.expiresAt.toISOString()}`,
  ];
  const why = 'You receive this because you own, created, last changed or administer this key.';
  const text = `${lead.join('\n\n')}\n\n${facts.join('\n')}\n\n${why}\n\n-- Keywarden\n`;
  const html = `${htmlOf(lead)}<ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul><p><small>${escapeHtml(why)}</small></p>`;
  return { subject, text, html };
}

function htmlOf(paragraphs: string[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
