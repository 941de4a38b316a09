import { hash, verify } from '@node-rs/argon2';
import type { Settings } from '@relate/common';
import { AppError } from './errors.ts';

// Algorithm.Argon2id is a const enum, which isolated modules cannot read; 2 is its value.
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Compared against when the username is unknown, so both paths take the same time.
let decoyHash: Promise<string> | null = null;
export async function verifyDecoy(password: string): Promise<void> {
  decoyHash ??= hashPassword('decoy-password-0');
  await verifyPassword(await decoyHash, password);
}

/** Checks a new password against the policy in system settings. */
export function checkPasswordPolicy(password: string, settings: Settings, field = 'password'): void {
  if (password.length < settings.passwordMinLength) {
    throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', {
      [field]: { key: 'passwordTooShort', params: { min: settings.passwordMinLength } },
    });
  }
  if (settings.passwordRequireLettersAndDigits && !(/[A-Za-z]/.test(password) && /\d/.test(password))) {
    throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', { [field]: 'passwordNeedsLettersAndDigits' });
  }
}
