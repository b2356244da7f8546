/** In CI (CI=true, or jest's --ci flag in this process) a missing tool is a failure, not a skip. */
export function inCi(): boolean {
  return (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') || process.argv.includes('--ci');
}
