/** The conditions under which a key authenticates (DESIGN.md "Credentials"), as pure checks. */
import { BlockList, isIP } from 'node:net';
import type { ApiKeyEntity } from './api-key.entity';
import type { PrincipalEntity } from '../users/principal.entity';

/** Why a key does not authenticate right now, or null when it does (network aside). */
export function keyRefusal(key: ApiKeyEntity, owner: PrincipalEntity | null, ownerIsMember: boolean, now: Date): string | null {
  if (key.state !== 'ACTIVE') return 'key inactive';
  if (isExpired(key, now)) return 'key expired';
  if (!owner) return 'owner missing';
  if (owner.disabled) return 'owner disabled';
  if (!ownerIsMember) return 'owner no longer a member of the key account';
  return null;
}

export function isExpired(key: Pick<ApiKeyEntity, 'expiresAt'>, now: Date): boolean {
  return key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime();
}

/** The IPv4-mapped form `::ffff:1.2.3.4` is the IPv4 address. */
export function normalizeIp(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

/** Parses a CIDR (`10.0.0.0/8`, `2001:db8::/32`) or a bare address; undefined when invalid. */
export function parseCidr(value: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address, prefixText, extra] = value.trim().split('/');
  if (extra !== undefined) return undefined;
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** A matcher for a key's `allowedCidrs`; null when the key is not restricted by network. */
export function networkAllowlist(cidrs: string[]): BlockList | null {
  if (cidrs.length === 0) return null;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const parsed = parseCidr(cidr);
    if (parsed) list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return list;
}

export function ipAllowed(list: BlockList | null, ip: string): boolean {
  if (!list) return true;
  const address = normalizeIp(ip);
  const family = isIP(address);
  if (family === 0) return false;
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
