import { defineEntity, p } from '@mikro-orm/core';

export const USER_ROLES = ['admin', 'analyst', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.integer().primary().autoincrement(),
    email: p.string().length(320).unique('users_email_unique'),
    name: p.string().length(255),
    role: p.enum(USER_ROLES as unknown as UserRole[]).columnType('varchar(20)').default('viewer'),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()').onCreate(() => new Date()),
  },
});
