#!/usr/bin/env node
// `npm run evaluate -- [options]`: offline evaluation of recommendation quality (see --help).
import { main } from './evaluate/command.js'

process.exitCode = await main(process.argv.slice(2))
