import ipaddr from 'ipaddr.js';

/**
 * Why a webhook may not be sent to `address` (an IP a host name resolved to), or null. Only
 * public unicast addresses are allowed: loopback, private, link-local (cloud metadata lives at
 * 169.254.169.254), unique-local, carrier-grade NAT, multicast, unspecified and reserved ranges
 * are refused, and an IPv4 address written as IPv6 (`::ffff:127.0.0.1`) is judged as IPv4.
 * ipaddr.js names the ranges; keeping that table ourselves is how such checks go wrong.
 */
export function refusedAddress(address: string): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  const ip = ipaddr.process(address);
  const range = ip.range();
  return range === 'unicast' ? null : `${ip.toString()} is a ${range} address`;
}
