import { isTransientStoreProblem, storeProblemOf } from '../../../src/store/store-problem';

const error = (code: string) => Object.assign(new Error(code), { code });

describe('storeProblemOf', () => {
  test.each([
    ['SQLITE_BUSY', 'locked'],
    ['SQLITE_BUSY_SNAPSHOT', 'locked'],
    ['SQLITE_LOCKED', 'locked'],
    ['SQLITE_FULL', 'full'],
    ['ENOSPC', 'full'],
    ['SQLITE_READONLY', 'read_only'],
    ['SQLITE_READONLY_DBMOVED', 'read_only'],
    ['EROFS', 'read_only'],
    ['SQLITE_NOTADB', 'not_a_database'],
    ['SQLITE_CORRUPT', 'not_a_database'],
    ['SQLITE_CANTOPEN', 'cannot_open'],
    ['ENOTDIR', 'cannot_open'],
    ['SQLITE_IOERR_WRITE', 'io'],
  ])('%s is %s', (code, problem) => {
    expect(storeProblemOf(error(code))).toBe(problem);
  });

  test('other errors are not store problems', () => {
    expect(storeProblemOf(error('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storeProblemOf(new Error('a bug'))).toBeNull();
    expect(storeProblemOf(null)).toBeNull();
  });

  test('only problems that pass by themselves are worth retrying', () => {
    expect(['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR'].map((c) => isTransientStoreProblem(error(c)))).toEqual([true, true, true, true]);
    expect(['SQLITE_NOTADB', 'SQLITE_CANTOPEN', 'SQLITE_CONSTRAINT'].map((c) => isTransientStoreProblem(error(c)))).toEqual([false, false, false]);
  });
});
