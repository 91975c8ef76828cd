import { z } from 'zod';
import { nameSchemas } from '../../server/openapi.ts';
import { RegionRef, RegionView } from '../regions/schema.ts';

export const LoginInput = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const LanguageInput = z.strictObject({ language: z.enum(['zh-CN', 'en']) });

export const Me = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  permissions: z.array(z.string()),
  scope: RegionView.extend({ path: z.array(RegionRef) }),
  isDemo: z.boolean(),
  mustChangePassword: z.boolean(),
  language: z.enum(['zh-CN', 'en']),
});

export const Ok = z.object({ ok: z.literal(true) });

export const MeResponse = z.object({ user: Me });

export const CsrfToken = z.object({ csrfToken: z.string() });

nameSchemas({ Me });
