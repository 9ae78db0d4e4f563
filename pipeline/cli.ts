#!/usr/bin/env node
// The executable. A labeling run's worker threads each take a second or more to load jieba, and importing the
// commands (Effect, its CLI and platform) takes about as long on this thread: so a labeling run's workers are
// started first, from a glance at the arguments, and load while the commands are imported and parsed (prestart.ts).
import { prestartWorkers } from "./prestart.js"

prestartWorkers(process.argv.slice(2))
await import("./commands.js")
