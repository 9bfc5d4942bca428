import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

export type UrlRefusal =
  | { reason: 'scheme' | 'credentials' | 'unresolvable'; detail: string }
  | { reason: 'address'; detail: string; address: string };

export interface ResolvedTarget {
  url: URL;
  /** Every address the host resolved to, all allowed; the connection goes to the first. */
  addresses: { address: string; family: 4 | 6 }[];
}

/**
 * Keeps webhooks from reaching the server's own network: the host is resolved and every address
 * must be public unicast, or inside a network IT allowed (WEBHOOKS_ALLOWED_NETWORKS). Checked when
 * a subscription is saved and again before each attempt (the answer may have changed: DNS
 * rebinding), and the connection is pinned to the address that was checked.
 */
export class WebhookUrlPolicy {
  private readonly allowed: [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(
    allowedNetworks: string[],
    private readonly resolve: (host: string) => Promise<{ address: string; family: number }[]> = (
      host,
    ) => lookup(host, { all: true, verbatim: true }),
  ) {
    this.allowed = allowedNetworks.map((cidr) => ipaddr.parseCIDR(cidr));
  }

  /** A reason to refuse the URL, or its checked addresses. */
  async check(raw: string): Promise<UrlRefusal | ResolvedTarget> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { reason: 'scheme', detail: 'The URL is not a valid absolute URL.' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { reason: 'scheme', detail: 'Only http and https URLs can receive webhooks.' };
    }
    if (url.username || url.password) {
      return {
        reason: 'credentials',
        detail: 'Put no user name or password in the URL; authenticate with the signature.',
      };
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    let found: { address: string; family: number }[];
    if (ipaddr.isValid(host)) {
      found = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv4' ? 4 : 6 }];
    } else {
      try {
        found = await this.resolve(host);
      } catch {
        found = [];
      }
      if (found.length === 0) {
        return { reason: 'unresolvable', detail: `The host ${host} does not resolve.` };
      }
    }
    for (const { address } of found) {
      if (!this.allows(address)) {
        return {
          reason: 'address',
          address,
          detail: `The host ${host} resolves to ${address}, a loopback, private, link-local or reserved address; IT can allow such networks with WEBHOOKS_ALLOWED_NETWORKS.`,
        };
      }
    }
    return {
      url,
      addresses: found.map((f) => ({ address: f.address, family: f.family === 6 ? 6 : 4 })),
    };
  }

  allows(address: string): boolean {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      parsed = ipaddr.parse(address);
    } catch {
      return false;
    }
    // ::ffff:127.0.0.1 is 127.0.0.1 to the kernel.
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
      parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    }
    for (const [network, bits] of this.allowed) {
      if (network.kind() === parsed.kind() && parsed.match([network, bits] as never)) return true;
    }
    return parsed.range() === 'unicast';
  }
}

export function isRefusal(result: UrlRefusal | ResolvedTarget): result is UrlRefusal {
  return 'reason' in result;
}
