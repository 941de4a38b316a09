import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { testDialects } from '../../test/databases.ts';
import { nowIso } from '../db/time.ts';
import { constraintError } from './database-errors.ts';

describe.each(testDialects)('constraint violations as client errors on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const failureOf = async (write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (error) {
      return constraintError(error);
    }
    throw new Error('the write was expected to fail');
  };

  it('turns a unique value taken meanwhile (two instances creating the same code) into 409 on the field', async () => {
    const department = await t.database.db.selectFrom('departments').select('id').executeTakeFirstOrThrow();
    const now = nowIso();
    const error = await failureOf(() =>
      t.database.db
        .insertInto('users')
        .values({
          username: 'admin',
          displayName: 'x',
          email: null,
          mobile: null,
          departmentId: department.id,
          managerId: null,
          status: 'active',
          locale: 'en',
          passwordHash: 'x',
          lastLoginAt: null,
          createdAt: now,
          updatedAt: now,
        })
        .execute(),
    );
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409, fields: { username: 'alreadyExists' } });
  });

  it('turns a reference to a record that does not exist into a 4xx', async () => {
    const error = await failureOf(() =>
      t.database.db.insertInto('userRoles').values({ userId: 1, roleId: 999_999 }).execute(),
    );
    expect(error?.status).toBeGreaterThanOrEqual(400);
    expect(error?.status).toBeLessThan(500);
    if (dialect === 'postgres') expect(error?.fields).toEqual({ roleId: 'unknownRecord' });
  });

  it('leaves other errors to be the server’s own (500)', () => {
    expect(constraintError(new Error('something else'))).toBeNull();
  });
});
