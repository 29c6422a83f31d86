#!/usr/bin/env node
// `npm run train -- [options]`: trains on a transaction log and publishes a model version.
import { main } from './command.js'

process.exitCode = await main(process.argv.slice(2))
