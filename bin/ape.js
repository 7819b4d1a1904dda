#!/usr/bin/env node
// Tiny launcher: the CLI itself is built from src/cli into dist/.
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
