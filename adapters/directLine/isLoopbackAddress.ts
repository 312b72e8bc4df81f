/**
 * Whether a peer address is this machine's loopback interface: 127.0.0.0/8, ::1, or an IPv4-mapped
 * IPv6 form of 127.x (::ffff:127.0.0.1). The local Direct Line's connector routes carry no
 * authentication in local mode, so only the bot on this machine may call them.
 */
import { BlockList, isIP } from 'node:net';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** True when `address` (e.g. `req.socket.remoteAddress`) is a loopback address; false for anything else, including undefined. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  // The usual loopback spellings, without parsing (this runs on every request).
  if (address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1') return true;
  const family = isIP(address);
  if (family === 4) return loopback.check(address, 'ipv4');
  if (family === 6) return loopback.check(address, 'ipv6');
  return false;
}
