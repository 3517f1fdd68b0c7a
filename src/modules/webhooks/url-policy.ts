/**
 * Where webhooks may point (`WEBHOOK_ALLOWED_HOSTS`). A webhook is a request
 * the server makes on an account administrator's behalf, so without a check
 * it would reach what only the server can: loopback, the private network,
 * cloud metadata (169.254.169.254). Every address a URL resolves to must be
 * public, unless the operator allowed its host name or its address range;
 * plain http is for allowed hosts only. The check runs when a webhook is
 * saved and again, through `lookup`, on the connection of every delivery
 * (DNS may answer differently by then).
 */
import dns from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import { badUserInput } from '../../errors';

/** Addresses that are not the public internet (IANA special-purpose registries). */
const INTERNAL = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) INTERNAL.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [
  // Unspecified, loopback, IPv4-mapped and -translated (they lead to IPv4 addresses), discard, documentation,
  // 6to4 and Teredo (they embed IPv4 addresses), unique local, link-local, multicast.
  ['::', 128], ['::1', 128], ['::ffff:0:0', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001:db8::', 32],
  ['2002::', 16], ['2001::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) INTERNAL.addSubnet(address, prefix, 'ipv6');

export class WebhookUrlPolicy {
  private readonly allowedNames = new Set<string>();
  private readonly allowedRanges = new net.BlockList();

  /** `allowedHosts`: host names, IP addresses and CIDR ranges, as validated by src/config.ts. */
  constructor(allowedHosts: readonly string[]) {
    for (const entry of allowedHosts) {
      const [address, bits] = entry.split('/');
      const version = net.isIP(address);
      if (version === 0) this.allowedNames.add(entry.toLowerCase());
      else if (bits === undefined) this.allowedRanges.addAddress(address, version === 4 ? 'ipv4' : 'ipv6');
      else this.allowedRanges.addSubnet(address, Number(bits), version === 4 ? 'ipv4' : 'ipv6');
    }
  }

  /** At create and update: the normalised URL, or BAD_USER_INPUT naming `url`. */
  async checked(raw: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw badUserInput('url', 'is not an absolute URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badUserInput('url', 'must be an https:// URL');
    if (url.username || url.password) throw badUserInput('url', 'must not carry a user name or password');
    const host = hostOf(url);
    let addresses: string[];
    try {
      addresses = net.isIP(host) ? [host] : (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw badUserInput('url', `host ${host} does not resolve`);
    }
    const refused = addresses.find((address) => !this.mayConnect(host, address));
    if (refused) throw badUserInput('url', `${host} is an internal address (${refused}); the operator may allow it with WEBHOOK_ALLOWED_HOSTS`);
    if (url.protocol === 'http:' && !this.isAllowedHost(host, addresses)) throw badUserInput('url', 'must be an https:// URL (http:// only for hosts in WEBHOOK_ALLOWED_HOSTS)');
    return url.toString();
  }

  /** At delivery, for a URL given as an IP address (Node's connect does no lookup for them): why it is refused, or null. */
  refusalOf(url: URL): string | null {
    const host = hostOf(url);
    return net.isIP(host) && !this.mayConnect(host, host) ? `address ${host} is not allowed` : null;
  }

  /** A `lookup` for the delivery's connection: resolves, then refuses every answer that is not allowed. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, answers) => {
      if (error) return callback(error, '', 0);
      const addresses = answers as dns.LookupAddress[];
      const refused = addresses.find((a) => !this.mayConnect(hostname, a.address));
      if (refused || addresses.length === 0) {
        const reason = Object.assign(new Error(`address ${refused?.address ?? 'none'} of ${hostname} is not allowed`), { code: 'EWEBHOOKADDRESS' });
        return callback(reason, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };

  private mayConnect(hostname: string, address: string): boolean {
    return this.allowedNames.has(hostname.toLowerCase()) || !isInternal(address) || this.inAllowedRange(address);
  }

  private isAllowedHost(hostname: string, addresses: string[]): boolean {
    return this.allowedNames.has(hostname.toLowerCase()) || (addresses.length > 0 && addresses.every((a) => this.inAllowedRange(a)));
  }

  private inAllowedRange(address: string): boolean {
    return this.allowedRanges.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
  }
}

function isInternal(address: string): boolean {
  return INTERNAL.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

/** The host without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}
