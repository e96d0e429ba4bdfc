// The fault matrix (issue 7): every browser test under tests/e2e/faults/ is a row, and rows proven by the
// unit/integration suite (CLI, proxy, engine, adapters) are read from vitest's JSON report when `npm test`
// wrote one (test-results/vitest.json). Printed as one table at the end of the Playwright run.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

interface Row {
  layer: string;
  fault: string;
  status: string;
}

/** Vitest tests that are matrix rows: the fault they prove, by file and exact test name. */
export const VITEST_ROWS: readonly { fault: string; file: string; title: string }[] = [
  {
    fault: "CLI killed mid-run, then rerun: resumes, one submit",
    file: "tests/cli/cli-interrupt.test.ts",
    title: "re-attaches to the job after being killed mid-run: the fake sees one submit",
  },
  {
    fault: "CLI ambiguous submit: not resent until --resubmit",
    file: "tests/cli/cli-interrupt.test.ts",
    title: "never resubmits a job whose submit answer was lost, until told to with --resubmit",
  },
  {
    fault: "CLI Ctrl-C: fal jobs cancelled",
    file: "tests/cli/cli-interrupt.test.ts",
    title: "cancels running fal jobs on Ctrl-C and exits 130",
  },
  {
    fault: "proxy refuses a foreign target",
    file: "tests/proxy/standalone.test.ts",
    title: "refuses a foreign target and never contacts it",
  },
  {
    fault: "proxy refuses a foreign origin",
    file: "tests/proxy/standalone.test.ts",
    title: "refuses a foreign origin and a request with no origin, without CORS headers",
  },
  {
    fault: "proxy refuses an unlisted endpoint",
    file: "tests/proxy/standalone.test.ts",
    title: "refuses an endpoint outside the allowlist, for submit and for queue calls",
  },
  {
    fault: "429 on status: Retry-After honoured, one submit",
    file: "tests/adapters/fal/client.test.ts",
    title: "retries 429 on status honouring Retry-After, and the job is submitted once",
  },
  {
    fault: "5xx / dropped connection on status and result",
    file: "tests/adapters/fal/client.test.ts",
    title: "retries 5xx and dropped connections on status and result, never the submit",
  },
  {
    fault: "offline: polling waits, attempts kept",
    file: "tests/adapters/fal/client.test.ts",
    title: "waits for the network to come back while offline, without using up attempts",
  },
  {
    fault: "quota on the video write: metadata and URL kept",
    file: "tests/adapters/db/result-cache.test.ts",
    title: "on a full disk keeps the metadata and remote URL, says why, and does not throw",
  },
  {
    fault: "two tabs (engine + Web Locks): one submit",
    file: "tests/adapters/locks/two-tabs.test.ts",
    title: "submits each key once: the second tab waits and shows the first tab's stored result",
  },
  {
    fault: "tab closed mid-submit: other tab takes over by id",
    file: "tests/adapters/locks/two-tabs.test.ts",
    title:
      "a tab starting up waits for a job another tab is submitting, and takes it over by request id when that tab closes",
  },
  {
    fault: "app start: unfinished job re-attached by id",
    file: "tests/ui/reliability/connect.test.ts",
    title:
      "re-attaches at start to a job fal has: the node shows it resumed, then its result; no second submit; storage kept",
  },
  {
    fault: "app start: lost submit reported, nothing sent",
    file: "tests/ui/reliability/connect.test.ts",
    title: "reports a lost submit at start without sending anything",
  },
];

interface VitestJson {
  testResults?: { name?: string; assertionResults?: { title?: string; status?: string }[] }[];
}

export function vitestRows(cwd: string): Row[] {
  const file = join(cwd, "test-results", "vitest.json");
  let report: VitestJson | null = null;
  if (existsSync(file)) {
    try {
      report = JSON.parse(readFileSync(file, "utf8")) as VitestJson;
    } catch {
      report = null;
    }
  }
  return VITEST_ROWS.map((r) => {
    if (!report) return { layer: "vitest", fault: r.fault, status: "not run (no test-results/vitest.json)" };
    const suite = report.testResults?.find((s) => (s.name ?? "").replaceAll("\\", "/").endsWith(r.file));
    const test = suite?.assertionResults?.find((t) => t.title === r.title);
    return {
      layer: "vitest",
      fault: r.fault,
      status:
        test?.status === "passed"
          ? "pass"
          : test?.status === "failed"
            ? "FAIL"
            : test
              ? (test.status ?? "?")
              : "missing",
    };
  });
}

const isFaultRow = (test: TestCase) => test.location.file.replaceAll("\\", "/").includes("/tests/e2e/faults/");

export default class FaultMatrixReporter implements Reporter {
  private readonly rows = new Map<string, Row>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (!isFaultRow(test)) return;
    const status = result.status === "passed" ? "pass" : result.status === "skipped" ? "skipped" : "FAIL";
    // A retried test keeps its last outcome.
    this.rows.set(test.id, { layer: "browser", fault: test.title, status });
  }

  onEnd(_result: FullResult): void {
    if (this.rows.size === 0) return; // a run without the fault specs (e.g. one other file) prints no matrix
    const rows = [...this.rows.values(), ...vitestRows(process.cwd())];
    const width = Math.max(...rows.map((r) => r.fault.length), 5);
    const line = (a: string, b: string, c: string) => `${a.padEnd(8)} ${b.padEnd(width)}  ${c}`;
    const out = [
      "",
      "Fault matrix (nothing lost, no duplicate submit)",
      line("layer", "fault", "result"),
      line("-----", "-".repeat(width), "------"),
      ...rows.map((r) => line(r.layer, r.fault, r.status)),
      `${rows.filter((r) => r.status === "pass").length}/${rows.length} rows pass`,
      "",
    ];
    process.stdout.write(`${out.join("\n")}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
