/**
 * The part of a connected `redis` v5 client that Warmline's Redis stores use. A real
 * `createClient(...)` result fits it; so does a small fake in a test.
 */

/** Sends one raw Redis command and resolves with its RESP2 reply. */
export interface RedisCommandClient {
  sendCommand(args: ReadonlyArray<string>): Promise<unknown>;
}
