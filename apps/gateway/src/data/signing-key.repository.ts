import { randomBytes } from 'node:crypto';
import type { Queryable } from '@laoke/platform';

/**
 * The key that signs access tokens, made by the first gateway instance to start and read by
 * every other, so a token one instance issued is valid at all of them. Kept in the gateway's
 * database rather than the environment: it never needs to leave it.
 */
export async function accessTokenSigningKey(db: Queryable): Promise<Buffer> {
  await db('signing_keys')
    .insert({ name: 'access-token', secret: randomBytes(32) })
    .onConflict('name')
    .ignore();
  const row = (await db('signing_keys').where({ name: 'access-token' }).first()) as {
    secret: Buffer;
  };
  return row.secret;
}
