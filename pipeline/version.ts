// The program's version, written into run.json so that outputs say what made them. A test keeps it equal to
// package.json's (the bundled executable cannot read package.json from where it is installed without guessing).
export const VERSION = "0.1.0"
