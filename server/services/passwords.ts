import { hash, type Options, verify } from '@node-rs/argon2';

/** OWASP's argon2id floor (19 MiB, 2 passes, 1 lane); the parameters travel inside each hash. */
// `Algorithm` is a const enum the package does not export at run time; 2 is Argon2id.
const ARGON2_OPTIONS: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Verifying against this when the login is unknown keeps the answer time the same, so the
// timing does not tell which logins exist.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hashPassword('not-a-real-password-for-timing');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
