/** In CI (CI=true, or jest's --ci flag in this process) a missing tool is a failure, not a skip. */
export function inCi(): boolean {
  return (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') || process.argv.includes('--ci');
}

/**
 * `describe` for tests that need a program installed from Debian: without it, skipped with a
 * message, or, in CI, one failing test that says what to install.
 */
export function describeWithTool(name: string, missing: readonly string[], advice: string, body: () => void): void {
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const message = `${missing.join(', ')} not found: ${advice}`;
  if (inCi()) {
    describe(name, () =>
      test(`${missing.join(', ')} installed (required in CI)`, () => {
        throw new Error(message);
      }),
    );
    return;
  }
  console.warn(`Skipping "${name}": ${message}`);
  describe.skip(name, body);
}
