import { z } from 'zod';
import { storedText } from './text';
import { userRoleSchema } from './user';

export const loginSchema = z.object({
  login: z.string().trim().min(1, 'errors.required').max(100),
  password: z.string().min(1, 'errors.required').max(1000),
});

/** Long passphrases beat composition rules (NIST SP 800-63B): a length floor, nothing else. */
export const passwordSchema = z.string().min(10, 'errors.passwordTooShort').max(1000);

export const loginNameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._-]+$/, 'errors.loginChars');

export const userCreateSchema = z.object({
  login: loginNameSchema,
  displayName: storedText({ max: 200, min: 1 }),
  role: userRoleSchema,
  password: passwordSchema,
});
