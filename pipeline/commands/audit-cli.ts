// The `audit` command line: `audit sample` and `audit report`, and what each prints (the work is in audit.ts).
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { auditReportCommand, auditSampleCommand } from "./audit.js"

const auditSample = Command.make(
  "sample",
  {
    run: Options.text("run").pipe(Options.withDescription("A folder written by clausetag label (or run): its labels.jsonl is sampled")),
    size: Options.integer("size").pipe(Options.withDescription("Clauses to sample (all of them if the run has fewer)")),
    seed: Options.integer("seed").pipe(Options.withDescription("Seed of the random draw; the same run and seed give the same sample"), Options.withDefault(1)),
    out: Options.text("out").pipe(Options.withDescription("The audit folder: sample.jsonl and plan.json are written there"))
  },
  (o) =>
    auditSampleCommand(o).pipe(
      Effect.flatMap((plan) =>
        Console.error(`sampled ${plan.sampled} of ${plan.clauses} clauses in ${plan.strata.length} strata → ${o.out}/sample.jsonl; review them into ${o.out}/reviewed.jsonl`)
      )
    )
).pipe(Command.withDescription("Draw a stratified random sample of a run for review. Example: clausetag audit sample --run labeled/2027 --size 300 --out audit/2027"))

const auditReport = Command.make(
  "report",
  {
    audit: Args.text({ name: "AUDIT" }).pipe(Args.withDescription("The audit folder (plan.json, sample.jsonl, reviewed.jsonl)")),
    replicates: Options.integer("replicates").pipe(Options.withDescription("Bootstrap replicates for the intervals"), Options.withDefault(1000))
  },
  (o) =>
    auditReportCommand({ audit: o.audit, replicates: o.replicates }).pipe(
      Effect.flatMap((e) => {
        const show = (i: { estimate: number | null; low: number | null; high: number | null }) =>
          i.estimate === null ? "—" : `${i.estimate.toFixed(3)} (${i.low!.toFixed(3)}–${i.high!.toFixed(3)})`
        return Console.log(
          `micro precision ${show(e.micro.precision)}, recall ${show(e.micro.recall)}, F1 ${show(e.micro.f1)} from ${e.reviewed} reviewed clauses` +
            `${e.thin.length > 0 ? `; still thin: ${e.thin.join(", ")}` : ""}\nper category in ${o.audit}/audit.md`
        )
      })
    )
).pipe(Command.withDescription("Estimate precision and recall of a run, with 95% intervals, from its reviewed sample. Example: clausetag audit report audit/2027"))

export const auditCommand = Command.make("audit").pipe(
  Command.withDescription("How good are the labels of a run? Sample it, review the sample, report. Example: clausetag audit sample --run labeled/2027 --size 300 --out audit/2027"),
  Command.withSubcommands([auditSample, auditReport])
)
