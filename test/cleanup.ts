// Run before every test file (vitest setupFiles): the temporary folders a test file made go when it ends, so that
// `npm test` leaves nothing in the temporary directory.
import { afterAll } from "vitest"
import { removeTempDirs } from "./cli.js"

afterAll(removeTempDirs)
