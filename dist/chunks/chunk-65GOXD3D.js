import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgFileURLToPath(new URL('.', import.meta.url));
import {
  EXPIRY_WARNING_DAYS,
  SEVERITIES,
  builtinRules,
  codeSpan,
  expiringSoon,
  governanceRules,
  markdownText,
  plainLine
} from "./chunk-MW6GP6IY.js";

// src/report/summary.ts
function active(findings) {
  return findings.filter((f) => !f.suppressed);
}
var SEVERITY_ICON = { critical: "\u{1F7E5}", high: "\u{1F7E7}", medium: "\u{1F7E8}", low: "\u{1F7E6}", info: "\u2B1C" };
function tableCell(text) {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
function oneLineMessage(finding) {
  return finding.details?.length ? `${finding.message}: ${finding.details.join("; ")}` : finding.message;
}
function shownDetails(finding, max) {
  const details = finding.details ?? [];
  return details.length <= max ? details : [...details.slice(0, max), `\u2026and ${details.length - max} more`];
}
function filesLine(result) {
  return `Files: ${result.files.length} scanned, ${result.skippedPaths} skipped by ignore rules, ${result.unrecognisedFiles} not recognised.`;
}
function countBySeverity(findings) {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
function groupByFile(findings) {
  const byFile = /* @__PURE__ */ new Map();
  for (const finding of findings) byFile.set(finding.loc.file, [...byFile.get(finding.loc.file) ?? [], finding]);
  return byFile;
}
function groupByLine(findings) {
  const byLine = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    const line = `${finding.loc.file}\0${finding.loc.startLine}`;
    byLine.set(line, [...byLine.get(line) ?? [], finding]);
  }
  for (const here of byLine.values()) here.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.ruleId.localeCompare(b.ruleId));
  return byLine;
}
var DOCS_BASE = "https://github.com/policygate/policygate/blob/main/docs/rules";
function ruleDocsUrl(ruleId) {
  return `${DOCS_BASE}/${ruleId}.md`;
}

// src/report/json.ts
var JSON_REPORT_VERSION = 1;
function toJson(result, toolVersion) {
  const counted = active(result.findings);
  return JSON.stringify(
    {
      version: JSON_REPORT_VERSION,
      tool: { name: "policygate", version: toolVersion },
      rulebook: result.rulebookSource,
      files: result.files,
      summary: {
        total: counted.length,
        suppressed: result.findings.length - counted.length,
        bySeverity: countBySeverity(counted),
        skippedPaths: result.skippedPaths,
        unrecognisedFiles: result.unrecognisedFiles
      },
      findings: result.findings
    },
    null,
    2
  );
}

// src/report/sarif.ts
var LEVEL = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };
var SECURITY_SEVERITY = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "1.0" };
var TOOL_RULES = {
  "policygate/parse-error": { title: "File could not be parsed", severity: "high", why: "A file that cannot be parsed is not checked; fix the syntax so the policy applies to it." },
  "policygate/unresolved": { title: "Value could not be determined", severity: "info", why: "A value a rule needed comes from outside the scanned code; it is listed rather than guessed." },
  "policygate/rule-error": { title: "A rule failed", severity: "info", why: "An internal error in one rule; the other rules still ran." },
  "policygate/timeout": { title: "Not scanned: the time budget ran out", severity: "high", why: "The scan stopped at its time budget (--timeout); the files and rules it names were not checked." }
};
function toSarif(result, options) {
  const descriptors = [];
  const indexById = /* @__PURE__ */ new Map();
  const describe = (id) => {
    const known = indexById.get(id);
    if (known !== void 0) return known;
    const rule = options.rules.find((r) => r.id === id);
    const meta = rule ?? TOOL_RULES[id] ?? { title: id, severity: "info", why: "" };
    const severity = meta.severity;
    descriptors.push({
      id,
      name: id.replace(/[/-](.)/g, (_m, c) => c.toUpperCase()),
      shortDescription: { text: meta.title },
      fullDescription: { text: meta.why || meta.title },
      helpUri: ruleDocsUrl(id),
      help: rule ? { text: `${rule.why}

Fix: ${rule.fix}`, markdown: `${rule.why}

**Fix:** ${rule.fix}` } : void 0,
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { tags: ["security", id.split("/")[0]], "security-severity": SECURITY_SEVERITY[severity], precision: "high" }
    });
    indexById.set(id, descriptors.length - 1);
    return descriptors.length - 1;
  };
  const results = result.findings.map((finding) => toResult(finding, describe(finding.ruleId)));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "policygate", version: options.toolVersion, informationUri: "https://github.com/policygate/policygate", rules: descriptors } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileUri(result.root) } },
        results
      }
    ]
  };
}
function toResult(finding, ruleIndex) {
  const region = {
    startLine: finding.loc.startLine,
    endLine: Math.max(finding.loc.endLine, finding.loc.startLine),
    ...finding.loc.startColumn ? { startColumn: finding.loc.startColumn } : {}
  };
  const result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.details?.length ? [finding.message + ":", ...finding.details.map((d) => `- ${d}`)].join("\n") : finding.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeUri(finding.loc.file), uriBaseId: "SRCROOT" }, region } }],
    partialFingerprints: { "policygate/v1": finding.fingerprint ?? "" },
    // Folded findings are one alert: their rules stay searchable here, their messages are in the text.
    properties: { severity: finding.severity, ...finding.resource ? { resource: finding.resource.address } : {}, ...finding.subsumed ? { subsumed: finding.subsumed } : {} }
  };
  if (finding.related?.length) {
    result.relatedLocations = finding.related.map((r, id) => ({
      id,
      message: { text: r.message },
      physicalLocation: { artifactLocation: { uri: encodeUri(r.loc.file), uriBaseId: "SRCROOT" }, region: { startLine: r.loc.startLine } }
    }));
  }
  if (finding.suppressed) {
    result.suppressions = [{ kind: finding.suppressed.kind === "inline" ? "inSource" : "external", justification: finding.suppressed.reason, status: "accepted" }];
  }
  if (finding.fix) {
    result.fixes = [
      {
        description: { text: finding.fix.description ?? "Suggested change" },
        artifactChanges: [
          {
            artifactLocation: { uri: encodeUri(finding.fix.loc.file), uriBaseId: "SRCROOT" },
            replacements: [{ deletedRegion: { startLine: finding.fix.loc.startLine, endLine: finding.fix.loc.endLine }, insertedContent: { text: finding.fix.replacement } }]
          }
        ]
      }
    ];
  }
  return result;
}
function encodeUri(relPath) {
  return relPath.split("/").map(encodeURIComponent).join("/");
}
function pathToFileUri(root) {
  const posix = root.replace(/\\/g, "/");
  return `file://${posix.startsWith("/") ? "" : "/"}${encodeUri(posix)}${posix.endsWith("/") ? "" : "/"}`;
}

// src/version.ts
var VERSION = "0.1.0";

// src/diff/baseline.ts
var BASELINE_VERSION = 1;
function toBaselineFile(findings) {
  const entries = findings.filter((f) => !f.suppressed && f.fingerprint).map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.loc.file })).sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  return `${JSON.stringify({ version: BASELINE_VERSION, tool: "policygate", entries }, null, 2)}
`;
}
function parseBaseline(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { error: `not JSON (${error.message})` };
  }
  const file = data;
  if (!file || file.version !== BASELINE_VERSION || !Array.isArray(file.entries) || !file.entries.every((e) => typeof e?.fingerprint === "string")) {
    return { error: `not a policygate baseline (version ${BASELINE_VERSION} with an entries list); write one with --write-baseline` };
  }
  return { version: BASELINE_VERSION, entries: file.entries };
}
function applyBaseline(findings, baseline) {
  const unmatched = /* @__PURE__ */ new Map();
  for (const entry of baseline.entries) unmatched.set(entry.fingerprint, (unmatched.get(entry.fingerprint) ?? 0) + 1);
  const take = (finding) => {
    const left = unmatched.get(finding.fingerprint ?? "") ?? 0;
    if (left === 0) return false;
    unmatched.set(finding.fingerprint, left - 1);
    return true;
  };
  for (const finding of findings) if (finding.suppressed) take(finding);
  const kept = findings.filter((finding) => finding.suppressed || !take(finding));
  const gone = [...unmatched.values()].reduce((n, left) => n + left, 0);
  return { findings: kept, known: findings.length - kept.length, gone };
}
function baselineNote(source, outcome) {
  return `Baseline ${source}: ${outcome.known} known finding(s) not reported; ${outcome.gone} baseline entr${outcome.gone === 1 ? "y is" : "ies are"} gone (fixed or changed).`;
}

// src/report/github/text.ts
function shortMessage(message, max) {
  return message.length <= max ? message : `${message.slice(0, max - 1)}\u2026`;
}

// src/report/github/annotations.ts
var ANNOTATION_MESSAGE_CHARS = 4e3;
var ANNOTATION_LEVEL = { critical: "failure", high: "failure", medium: "warning", low: "notice", info: "notice" };
function toAnnotation(finding) {
  return {
    path: finding.loc.file,
    start_line: finding.loc.startLine,
    end_line: Math.max(finding.loc.startLine, finding.loc.endLine),
    annotation_level: ANNOTATION_LEVEL[finding.severity],
    title: `${finding.ruleId} (${finding.severity})`,
    // Plain text in the checks UI and the log: repository text keeps no control characters or escape sequences.
    message: plainLine(shortMessage(oneLineMessage(finding), ANNOTATION_MESSAGE_CHARS) + (finding.resource ? ` \u2014 ${finding.resource.address}` : ""))
  };
}
function toAnnotations(findings) {
  return [...groupByLine(findings).values()].map((here) => {
    if (here.length === 1) return toAnnotation(here[0]);
    const [worst] = here;
    const each = here.map((f) => plainLine(`[${f.severity}] ${f.ruleId}: ${shortMessage(oneLineMessage(f), Math.floor(ANNOTATION_MESSAGE_CHARS / here.length))}`));
    return {
      path: worst.loc.file,
      start_line: worst.loc.startLine,
      end_line: Math.max(...here.map((f) => Math.max(f.loc.startLine, f.loc.endLine))),
      annotation_level: ANNOTATION_LEVEL[worst.severity],
      title: `${here.length} findings: ${here.map((f) => f.ruleId).join(", ")}`,
      message: each.join("\n") + (worst.resource ? `
\u2014 ${plainLine(worst.resource.address)}` : "")
    };
  });
}

// src/report/github/order.ts
function inReviewOrder(findings) {
  return [...findings].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.loc.file.localeCompare(b.loc.file) || a.loc.startLine - b.loc.startLine || a.ruleId.localeCompare(b.ruleId)
  );
}
function severityBreakdown(findings) {
  return SEVERITIES.map((severity) => [severity, findings.filter((f) => f.severity === severity).length]).filter(([, count]) => count > 0).map(([severity, count]) => `${count} ${severity}`).join(", ");
}
function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

// src/report/github/rule-link.ts
var documented = new Map([...builtinRules, ...governanceRules].map((rule) => [rule.id, rule]));
function documentedRule(ruleId) {
  return documented.get(ruleId);
}
function ruleLink(ruleId) {
  return documented.has(ruleId) ? `[\`${ruleId}\`](${ruleDocsUrl(ruleId)})` : `\`${ruleId}\``;
}

// src/report/markdown.ts
function toMarkdown(result, options = {}) {
  const findings = inReviewOrder(active(result.findings).filter((f) => f.ruleId !== "policygate/unresolved"));
  const unresolved = active(result.findings).filter((f) => f.ruleId === "policygate/unresolved");
  const counts = countBySeverity(active(result.findings));
  const total = findings.length + unresolved.length;
  const out = [`## ${options.title ?? "policygate"}`, ""];
  out.push(
    total === 0 ? `No findings in ${result.files.length} scanned file(s).` : `**${total} finding(s)** in ${result.files.length} scanned file(s)${unresolved.length > 0 ? `, ${unresolved.length} of them values that could not be determined` : ""}.`,
    "",
    `| ${SEVERITIES.map((s) => `${SEVERITY_ICON[s]} ${s}`).join(" | ")} |`,
    `| ${SEVERITIES.map(() => "---:").join(" | ")} |`,
    `| ${SEVERITIES.map((s) => counts[s]).join(" | ")} |`,
    ""
  );
  if (findings.length > 0) {
    const max = options.maxRows ?? 200;
    out.push("| Severity | Rule | Where | Resource | Finding |", "| --- | --- | --- | --- | --- |");
    for (const finding of findings.slice(0, max)) {
      const where = `${finding.loc.file}:${finding.loc.startLine}`;
      const link = options.linkFor?.(finding);
      out.push(
        `| ${SEVERITY_ICON[finding.severity]} ${finding.severity} | ${ruleLink(finding.ruleId)} | ${link ? `[${markdownText(where)}](${link})` : tableCell(codeSpan(where))} | ${finding.resource ? tableCell(codeSpan(finding.resource.address)) : ""} | ${markdownText(oneLineMessage(finding))} |`
      );
    }
    if (findings.length > max) out.push("", `\u2026and ${findings.length - max} more (see the SARIF or JSON report).`);
    out.push("");
  }
  if (unresolved.length > 0) {
    out.push("<details><summary>Values that could not be determined (" + unresolved.length + ")</summary>", "");
    for (const finding of unresolved) out.push(`- ${codeSpan(`${finding.loc.file}:${finding.loc.startLine}`)} ${markdownText(finding.message)}`);
    out.push("", "</details>", "");
  }
  const suppressed = result.findings.length - active(result.findings).length;
  if (suppressed > 0) out.push(`${suppressed} finding(s) suppressed or waived.`, "");
  const expiring = expiringSoon(result.findings, result.judgedAt);
  if (expiring.length > 0) {
    out.push(`**Waivers and suppressions expiring within ${EXPIRY_WARNING_DAYS} days** (the finding comes back then):`, "");
    for (const finding of expiring) {
      out.push(`- ${codeSpan(finding.ruleId)} at ${codeSpan(`${finding.loc.file}:${finding.loc.startLine}`)} until ${finding.suppressed.until}${finding.suppressed.owner ? ` (owner: ${markdownText(finding.suppressed.owner)})` : ""}`);
    }
    out.push("");
  }
  for (const note of options.notes ?? []) out.push(markdownText(note), "");
  out.push(filesLine(result), "");
  out.push(`Rulebook: ${codeSpan(result.rulebookSource)}`);
  return out.join("\n") + "\n";
}

export {
  toBaselineFile,
  parseBaseline,
  applyBaseline,
  baselineNote,
  active,
  SEVERITY_ICON,
  tableCell,
  oneLineMessage,
  shownDetails,
  filesLine,
  countBySeverity,
  groupByFile,
  groupByLine,
  shortMessage,
  ANNOTATION_LEVEL,
  toAnnotation,
  toAnnotations,
  toJson,
  inReviewOrder,
  severityBreakdown,
  plural,
  documentedRule,
  ruleLink,
  toMarkdown,
  toSarif,
  VERSION
};
