// Ports for peers that are "down": nothing listens there (just now), so connections are refused.
import net from 'node:net';

/** A port nothing listens on (just now): for a peer that is down, or that starts there later. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}
