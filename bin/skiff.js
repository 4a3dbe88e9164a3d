#!/usr/bin/env node
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  console.error('skiff: the app is not built yet; run `npm run build` (or `npm start`, which builds first).');
  process.exit(1);
}
require(cli);
