#!/usr/bin/env node
// Entry of `npx pecdesk`: refuses an old Node with one clear line instead of a native-module crash.
'use strict';
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`pecdesk: Node ${process.versions.node} is too old, PecDesk needs Node 22 or newer (npm ci installs it in node_modules/.bin; run through npx or npm run).\n`);
  process.exit(2);
}
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'cli', 'pecdesk.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('pecdesk: the CLI is not built yet: run `npm run build` first.\n');
  process.exit(2);
}
require(entry);
