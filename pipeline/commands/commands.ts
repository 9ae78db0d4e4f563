// The commands, imported by cli.ts: the only file that runs effects. Commands are declared with @effect/cli; every
// error a user can cause is turned into one message and one exit code here (see EXIT in the README), and nothing
// else prints errors.
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { absurd } from "effect/Function"
import * as Option from "effect/Option"
import { availableParallelism } from "node:os"
import { auditCommand } from "./audit-cli.js"
import { rulesCheckCommand, writeRulesSchema } from "./check.js"
import { formatIssue, RulesCheckFailed, UnreadableInputs, UsageError } from "../errors.js"
import { diffJson, diffMarkdown } from "../report/diff.js"
import { diffCommand } from "./diff.js"
import { evalCommand } from "./eval.js"
import { documentsTable, evalTable, filesTable } from "../report/eval.js"
import { explainCommand } from "./explain.js"
import { labelCorpus, type LabelOptions, type RunSummary } from "../run/program.js"
import { plainWhenPiped, warningLines } from "./terminal.js"
import { VERSION } from "../version.js"

export const EXIT = { ok: 0, internal: 1, usage: 2, input: 3, rules: 4, output: 5, stopped: 130 } as const

const CORES = availableParallelism()
const rulesDir = Options.text("rules").pipe(
  Options.withDescription("Folder of rule files, one <category>.yaml each (default: rules)"),
  Options.withDefault("rules")
)
const jobs = Options.integer("jobs").pipe(
  Options.withDescription(`Worker threads for labeling, 1 to the number of cores (default: ${CORES}, the number of cores); output is the same for any value`),
  Options.withDefault(CORES)
)
const quiet = Options.boolean("quiet").pipe(Options.withDescription("No progress on stderr (warnings and errors are still printed)"))
const outDir = Options.text("out").pipe(Options.withDescription("Folder for the outputs (default: out)"), Options.withDefault("out"))

/** `--jobs` checked: below 1 is an error, above the core count is capped with a note. */
const checkedJobs = (n: number): Effect.Effect<number, UsageError> =>
  n < 1
    ? Effect.fail(new UsageError({ reason: `--jobs ${n}: give 1 or more worker threads, or leave --jobs out to use every core (${CORES})` }))
    : n > CORES
      ? Effect.as(Console.error(`note: --jobs ${n} is more than the ${CORES} cores; using ${CORES}`), CORES)
      : Effect.succeed(n)

const labelWith = (o: Omit<LabelOptions, "jobs"> & { readonly jobs: number }) =>
  Effect.flatMap(checkedJobs(o.jobs), (jobs) => labelCorpus({ ...o, jobs })).pipe(Effect.flatMap((s) => summarize(s, o.outDir)))

const summarize = (s: RunSummary, out: string) =>
  Console.error(
    [
      ...warningLines(s.warnings),
      `labeled ${s.clauses} clauses of ${s.documents} documents in ${s.files - s.unreadable.length} files: ${s.labeled} carry a label` +
        `${s.warnings.length > 0 ? `; ${s.warnings.length} input warnings (all in ${out}/coverage.md)` : ""} → ${out}/`
    ].join("\n")
  ).pipe(Effect.zipRight(s.unreadable.length > 0 ? Effect.fail(new UnreadableInputs({ errors: s.unreadable })) : Effect.void))

const run = Command.make("run", { rulesDir, outDir, jobs, quiet }, (o) =>
  labelWith({ inputs: ["seeds"], rulesDir: o.rulesDir, outDir: o.outDir, jobs: o.jobs, progress: !o.quiet, panel: true })
).pipe(Command.withDescription("Label the bundled seed corpus (seeds/) into out/. Examples: clausetag run; clausetag run --jobs 1 --quiet"))

const label = Command.make(
  "label",
  {
    input: Options.text("input").pipe(
      Options.withDescription("A file or folder to label (.txt prose or star records, .jsonl, .html, .pdf, .docx); repeatable"),
      Options.atLeast(1)
    ),
    rulesDir,
    outDir: Options.text("out").pipe(Options.withDescription("Folder for the outputs (required; it holds one run: files of an earlier run that this one does not write are removed)")),
    jobs,
    quiet,
    panel: Options.boolean("panel").pipe(Options.withDescription("Also write panel.csv: one row per region and year")),
    region: Options.text("region").pipe(
      Options.withDescription("The region of every input (e.g. 湖北 or 湖北省), before manifests, records, paths and texts"),
      Options.optional
    ),
    year: Options.integer("year").pipe(Options.withDescription("The year of every input, before manifests, records, paths and texts"), Options.optional)
  },
  (o) =>
    labelWith({
      inputs: o.input,
      rulesDir: o.rulesDir,
      outDir: o.outDir,
      jobs: o.jobs,
      progress: !o.quiet,
      panel: o.panel,
      given: { region: Option.getOrUndefined(o.region), year: Option.getOrUndefined(o.year) }
    })
).pipe(
  Command.withDescription(
    "Label any files or folders. Examples: clausetag label --input reports/2024 --out labeled/2024 --panel; clausetag label --input a.jsonl --input b.txt --out labeled --quiet"
  )
)

const evaluate = Command.make(
  "eval",
  {
    gold: Options.text("gold").pipe(
      Options.withDescription("Hand-labeled clauses, JSONL with text and labels; repeat for several files (each scored, and their union)"),
      Options.atLeast(1)
    ),
    runDir: Options.text("run").pipe(
      Options.withDescription("Take the gold clauses' texts from this run's labels.jsonl, by id (for an audit's reviewed.jsonl)"),
      Options.optional
    ),
    baseline: Options.text("write-baseline").pipe(
      Options.withDescription("Record each gold file's scores as the accuracy floor npm test enforces (test/accuracy-baseline.json)"),
      Options.optional
    ),
    rulesDir,
    outDir
  },
  (o) =>
    evalCommand({ golds: o.gold, run: Option.getOrUndefined(o.runDir), rulesDir: o.rulesDir, outDir: o.outDir, baseline: Option.getOrUndefined(o.baseline) }).pipe(
      Effect.flatMap((m) =>
        Console.log(
          `${evalTable(m.union)}\n\nexact match ${m.union.exactMatch.toFixed(3)} on ${m.union.clauses} clauses\n\n${filesTable(m)}\n\n` +
            `${documentsTable(m)}\n\nerrors by category in ${o.outDir}/eval.md`
        )
      )
    )
).pipe(Command.withDescription("Score the rules against gold labels. Example: clausetag eval --gold ../shared/gold/dev.jsonl --gold ../shared/gold/dev2.jsonl"))

const explain = Command.make(
  "explain",
  {
    text: Args.text({ name: "clause" }).pipe(Args.withDescription("The clause to explain"), Args.optional),
    id: Options.text("id").pipe(Options.withDescription("Explain a clause of the last run by its id"), Options.optional),
    rulesDir,
    outDir
  },
  (o) =>
    explainCommand({ text: Option.getOrUndefined(o.text), id: Option.getOrUndefined(o.id), rulesDir: o.rulesDir, outDir: o.outDir }).pipe(
      Effect.flatMap(Console.log)
    )
).pipe(Command.withDescription('Show words, matches and near misses for one clause. Example: clausetag explain "强化债务管理"'))

const check = Command.make(
  "check",
  {
    rulesDir,
    corpus: Options.text("corpus").pipe(
      Options.withDescription("Files or folders the rules are tried on (default seeds); repeatable, e.g. --corpus seeds --corpus ../shared/corpus"),
      Options.repeated
    ),
    gold: Options.text("gold").pipe(
      Options.withDescription("Gold files: warn about terms that match one gold clause and nothing else in the corpus outside its document; repeatable"),
      Options.repeated
    )
  },
  (o) =>
  Effect.flatMap(rulesCheckCommand({ rulesDir: o.rulesDir, corpus: o.corpus.length > 0 ? o.corpus : ["seeds"], golds: o.gold }), (r) =>
    Effect.gen(function* () {
      for (const note of r.notes) yield* Console.log(`note: ${note}`)
      for (const warning of r.warnings) yield* Console.log(`warning: ${warning}`)
      for (const problem of r.problems) yield* Console.log(`problem: ${problem}`)
      yield* Console.log(
        `${r.rules} rules, ${r.examples} examples: ${r.problems.length === 0 ? "clean" : `${r.problems.length} problems`}`
      )
      if (r.problems.length > 0) return yield* new RulesCheckFailed({ problems: r.problems.length })
    })
  )
).pipe(Command.withDescription("Check the rule files: decoding, ids, examples, dead terms, overlaps. Example: clausetag rules check"))

const diff = Command.make(
  "diff",
  {
    base: Args.text({ name: "BASE" }).pipe(Args.withDescription("An out/ folder or a git revision (e.g. main)")),
    head: Args.text({ name: "HEAD" }).pipe(Args.withDescription("An out/ folder or a git revision; default: the working tree"), Args.optional),
    gold: Options.text("gold").pipe(Options.withDescription("Also compare precision, recall and F1 on these gold clauses"), Options.optional),
    json: Options.boolean("json").pipe(Options.withDescription("Print the comparison as JSON")),
    limit: Options.integer("limit").pipe(Options.withDescription("Clauses listed per category and direction"), Options.withDefault(20)),
    rulesDir
  },
  (o) =>
    diffCommand({ base: o.base, head: Option.getOrUndefined(o.head), rulesDir: o.rulesDir, gold: Option.getOrUndefined(o.gold) }).pipe(
      Effect.flatMap((d) => Console.log(o.json ? JSON.stringify(diffJson(d), null, 2) : diffMarkdown(d, o.limit)))
    )
).pipe(Command.withDescription("Compare labels of two rule sets, as Markdown for a pull request. Example: clausetag diff main --gold ../shared/gold/dev.jsonl"))

const review = Command.make(
  "review",
  {
    audit: Args.text({ name: "AUDIT" }).pipe(Args.withDescription("An audit folder (sample.jsonl, plan.json); decisions go to AUDIT/reviewed.jsonl"), Args.optional),
    run: Options.text("run").pipe(Options.withDescription("A run's folder (labels.jsonl): review all its clauses, or the run an audit was drawn from"), Options.optional),
    save: Options.text("save").pipe(Options.withDescription("The decisions file (JSONL); default for an audit: AUDIT/reviewed.jsonl"), Options.optional),
    port: Options.integer("port").pipe(Options.withDescription("Port on 127.0.0.1 (default 0: any free port)"), Options.withDefault(0)),
    rulesDir
  },
  (o) =>
    // Imported here, so that the HTTP server is loaded only by this command.
    Effect.flatMap(Effect.promise(() => import("./review.js")), ({ reviewCommand }) =>
      reviewCommand({ audit: Option.getOrUndefined(o.audit), run: Option.getOrUndefined(o.run), save: Option.getOrUndefined(o.save), port: o.port, rulesDir: o.rulesDir })
    )
).pipe(Command.withDescription("Review labels in the browser, one clause at a time. Example: clausetag review audit/2027"))

const schema = Command.make("schema", { rulesDir }, (o) =>
  writeRulesSchema(o.rulesDir).pipe(Effect.flatMap((file) => Console.error(`wrote ${file}`)))
).pipe(Command.withDescription("Write the rule files' JSON Schema (rules.schema.json) for editors. Example: clausetag rules schema"))

const rulesCommand = Command.make("rules").pipe(
  Command.withDescription("Work on the rule set. Example: clausetag rules check"),
  Command.withSubcommands([check, schema])
)

const root = Command.make("clausetag").pipe(
  Command.withDescription("Label Chinese policy text clause by clause with YAML keyword rules. Example: clausetag run"),
  Command.withSubcommands([run, label, evaluate, explain, diff, review, rulesCommand, auditCommand])
)

const cli = Command.run(root, { name: "clausetag", version: VERSION })

/** Every error a command can end with: a new one fails to compile below until it has its message and exit code. */
type Failure = Effect.Effect.Error<ReturnType<typeof cli>>

const report = (e: Failure): Effect.Effect<number> => {
  // @effect/cli has already printed the validation message and usage.
  if (ValidationError.isValidationError(e)) return Effect.succeed(EXIT.usage)
  switch (e._tag) {
    case "RulesError":
      return Console.error(
        `clausetag: the rule files have ${e.issues.length} problem${e.issues.length === 1 ? "" : "s"}:\n` +
          e.issues.map((i) => `  ${formatIssue(i)}`).join("\n") +
          "\nFix them and run again; `clausetag rules check` re-checks the rules alone."
      ).pipe(Effect.as(EXIT.rules))
    case "RulesCheckFailed":
      return Effect.succeed(EXIT.rules)
    case "UnreadableInputs":
      return Console.error(
        `clausetag: ${e.errors.length} input file${e.errors.length === 1 ? "" : "s"} could not be read and ${e.errors.length === 1 ? "was" : "were"} left out ` +
          `(the outputs hold every other file):\n${e.errors.map((x) => `  ${x.message}`).join("\n")}\nDo what each line says (for text files: re-save as UTF-8) and run again.`
      ).pipe(Effect.as(EXIT.input))
    case "NothingLabeled":
      return Console.error(
        `clausetag: nothing was labeled, so the previous outputs are unchanged: ` +
          (e.errors.length === 0
            ? "the inputs hold no clause (an empty folder, or only empty or skipped records)"
            : `every input failed:\n${e.errors.map((x) => `  ${x.message}`).join("\n")}`)
      ).pipe(Effect.as(EXIT.input))
    case "InputError":
      return Console.error(`clausetag: cannot read input ${e.message}`).pipe(Effect.as(EXIT.input))
    case "OutputError":
      return Console.error(`clausetag: cannot write ${e.message}; the previous outputs are unchanged`).pipe(Effect.as(EXIT.output))
    case "UsageError":
      return Console.error(`clausetag: ${e.message}`).pipe(Effect.as(EXIT.usage))
    default:
      return absurd(e)
  }
}

const main = cli(process.argv).pipe(
  Effect.as(EXIT.ok),
  Effect.catchAll(report),
  Effect.catchAllDefect((defect) =>
    Console.error(`clausetag: internal error (please report it): ${Cause.pretty(Cause.die(defect)).split("\n")[0]}`).pipe(
      Effect.as(EXIT.internal)
    )
  ),
  Effect.provide(NodeContext.layer)
)

NodeRuntime.runMain(plainWhenPiped(main), {
  disableErrorReporting: true,
  // SIGINT or SIGTERM interrupts the program: its scopes have removed the temporary files by now, and a review
  // server has stopped and dropped its lock.
  teardown: (exit, onExit) => {
    if (Exit.isFailure(exit) && Cause.isInterruptedOnly(exit.cause)) {
      // `review` is stopped this way as a matter of course, and writes no outputs: its own stop says what it saved.
      if (process.argv[2] !== "review") process.stderr.write("\nclausetag: stopped; the previous outputs are untouched\n")
      return onExit(EXIT.stopped)
    }
    onExit(Exit.isSuccess(exit) ? Number(exit.value) : Exit.isInterrupted(exit) ? EXIT.stopped : EXIT.internal)
  }
})
