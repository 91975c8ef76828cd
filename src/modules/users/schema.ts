import { z } from 'zod';
import { nameSchemas } from '../../server/openapi.ts';
import { RegionCode } from '../regions/schema.ts';

export const UserView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  scopeCode: z.string(),
  scopeName: z.string(),
  disabled: z.boolean(),
  isDemo: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const UserList = z.object({ items: z.array(UserView), nextCursor: z.string().nullable() });

export const ListQuery = z.strictObject({
  region: RegionCode.optional(),
  q: z.string().trim().max(50).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const NewUserInput = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9_.-]{2,32}$/,
      '用户名为 2–32 位小写字母、数字、下划线、点或连字符|A username has 2–32 lower-case letters, digits, _ . or -',
    ),
  displayName: z.string().trim().min(1).max(50),
  role: z.string().max(40),
  scopeCode: RegionCode,
  password: z.string().min(1).max(128),
});

export const ResetPasswordInput = z.strictObject({ password: z.string().min(1).max(128) });

export const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const Role = z.object({
  id: z.string(),
  label: z.string(),
  level: z.enum(['province', 'city', 'county', 'township', 'village', 'any']),
  permissions: z.array(z.string()),
});

export const RoleList = z.object({
  items: z.array(Role),
  assignable: z.array(z.string()),
});

nameSchemas({ User: UserView, Role });
