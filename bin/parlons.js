#!/usr/bin/env node
// The `parlons` command. It runs the compiled CLI, compiling it first when a fresh clone has no
// build yet (`npm start`, `npm test` and `npm run bench` rebuild on their own).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(cli)) {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
}
require(cli);
