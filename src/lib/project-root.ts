import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder holding Parlons' package.json, found by walking up from this file, so that
 * `locales/` and `data/` are found both from the sources (tests) and from the build (`dist/`).
 */
export function projectRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}
