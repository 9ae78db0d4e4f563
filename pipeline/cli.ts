#!/usr/bin/env node
// The executable. A labeling run's worker threads each take half a second to start and load jieba's lexicon, and
// importing the commands (Effect, its CLI and platform) takes longer on this thread: so a labeling run's workers are
// started first, from a glance at the arguments, and load while the commands are imported and parsed (prestart.ts).
import { prestartWorkers } from "./run/prestart.js"

prestartWorkers(process.argv.slice(2))
await import("./commands/commands.js")
