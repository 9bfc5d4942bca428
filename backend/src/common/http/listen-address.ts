import type { AddressInfo } from 'node:net';

const ANY = new Set(['0.0.0.0', '::', '::ffff:0.0.0.0']);

/**
 * What a listener really bound, for the start-up log: `http://0.0.0.0:3000 (all interfaces)`,
 * `http://127.0.0.1:3000` (never `localhost`, which says nothing about who can connect).
 */
export function describeListenAddress(address: AddressInfo | string | null): string {
  if (!address || typeof address === 'string') return String(address ?? 'unknown');
  const host =
    address.family === 'IPv6' || address.address.includes(':')
      ? `[${address.address}]`
      : address.address;
  const url = `http://${host}:${address.port}`;
  if (!ANY.has(address.address)) return url;
  return address.address === '::'
    ? `${url} (all interfaces, IPv6 and IPv4)`
    : `${url} (all interfaces)`;
}
