import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgFileURLToPath(new URL('.', import.meta.url));
import {
  formatRulebookError,
  loadRulebook,
  redact
} from "./chunk-MW6GP6IY.js";
import {
  createRepoReader
} from "./chunk-B2N4SXDU.js";
import {
  __commonJS,
  __toESM
} from "./chunk-CRZGVJQY.js";

// node_modules/parse-diff/index.js
var require_parse_diff = __commonJS({
  "node_modules/parse-diff/index.js"(exports, module) {
    module.exports = (n) => {
      if (!n) return [];
      if (typeof n != "string" || n.match(/^\s+$/)) return [];
      const s = n.split(`
`);
      if (s.length === 0) return [];
      const a = [];
      let o = null, d = null, u = 0, m = 0, l = null;
      const g = (e) => {
        d?.changes.push({ type: "normal", normal: true, ln1: u++, ln2: m++, content: e }), l.oldLines--, l.newLines--;
      }, p = (e) => {
        const [t, r] = parseFiles(e) ?? [];
        o = { chunks: [], deletions: 0, additions: 0, from: t, to: r }, a.push(o);
      }, i = () => {
        (!o || o.chunks.length) && p();
      }, $ = (e, t) => {
        i(), o.new = true, o.newMode = t[1], o.from = "/dev/null";
      }, N = (e, t) => {
        i(), o.deleted = true, o.oldMode = t[1], o.to = "/dev/null";
      }, x = (e, t) => {
        i(), o.oldMode = t[1];
      }, F = (e, t) => {
        i(), o.newMode = t[1];
      }, S = (e, t) => {
        i(), o.index = e.split(" ").slice(1), t[1] && (o.oldMode = o.newMode = t[1].trim());
      }, k = (e) => {
        i(), o.from = parseOldOrNewFile(e);
      }, y = (e) => {
        i(), o.to = parseOldOrNewFile(e);
      }, f = (e) => +(e || 1), M = (e, t) => {
        o || p(e);
        const [r, c, w, L] = t.slice(1);
        u = +r, m = +w, d = { content: e, changes: [], oldStart: +r, oldLines: f(c), newStart: +w, newLines: f(L) }, l = { oldLines: f(c), newLines: f(L) }, o.chunks.push(d);
      }, R = (e) => {
        d && (d.changes.push({ type: "del", del: true, ln: u++, content: e }), o.deletions++, l.oldLines--);
      }, b = (e) => {
        d && (d.changes.push({ type: "add", add: true, ln: m++, content: e }), o.additions++, l.newLines--);
      }, h = (e) => {
        if (!d) return;
        const [t] = d.changes.slice(-1);
        d.changes.push({ type: t.type, [t.type]: true, ln1: t.ln1, ln2: t.ln2, ln: t.ln, content: e });
      }, _ = [[/^diff\s/, p], [/^new file mode (\d+)$/, $], [/^deleted file mode (\d+)$/, N], [/^old mode (\d+)$/, x], [/^new mode (\d+)$/, F], [/^index\s[\da-zA-Z]+\.\.[\da-zA-Z]+(\s(\d+))?$/, S], [/^---\s/, k], [/^\+\+\+\s/, y], [/^@@\s+-(\d+),?(\d+)?\s+\+(\d+),?(\d+)?\s@@/, M], [/^\\ No newline at end of file$/, h]], v = [[/^\\ No newline at end of file$/, h], [/^-/, R], [/^\+/, b], [/^\s*/, g]], C = (e) => {
        for (const [t, r] of v) {
          const c = e.match(t);
          if (c) {
            r(e, c);
            break;
          }
        }
        l.oldLines === 0 && l.newLines === 0 && (l = null);
      }, H = (e) => {
        for (const [t, r] of _) {
          const c = e.match(t);
          if (c) {
            r(e, c);
            break;
          }
        }
      }, O = (e) => {
        l ? C(e) : H(e);
      };
      for (const e of s) O(e);
      return a;
    };
    var fileNameDiffRegex = /(a|i|w|c|o|1|2)\/.*(?=["']? ["']?(b|i|w|c|o|1|2)\/)|(b|i|w|c|o|1|2)\/.*$/g;
    var gitFileHeaderRegex = /^(a|b|i|w|c|o|1|2)\//;
    var parseFiles = (n) => n?.match(fileNameDiffRegex)?.map((a) => a.replace(gitFileHeaderRegex, "").replace(/("|')$/, ""));
    var qoutedFileNameRegex = /^\\?['"]|\\?['"]$/g;
    var parseOldOrNewFile = (n) => {
      let s = leftTrimChars(n, "-+").trim();
      return s = removeTimeStamp(s), s.replace(qoutedFileNameRegex, "").replace(gitFileHeaderRegex, "");
    };
    var leftTrimChars = (n, s) => {
      if (n = makeString(n), !s && String.prototype.trimLeft) return n.trimLeft();
      const a = formTrimmingString(s);
      return n.replace(new RegExp(`^${a}+`), "");
    };
    var timeStampRegex = /\t.*|\d{4}-\d\d-\d\d\s\d\d:\d\d:\d\d(.\d+)?\s(\+|-)\d\d\d\d/;
    var removeTimeStamp = (n) => {
      const s = timeStampRegex.exec(n);
      return s && (n = n.substring(0, s.index).trim()), n;
    };
    var formTrimmingString = (n) => n == null ? "\\s" : n instanceof RegExp ? n.source : `[${makeString(n).replace(/([.*+?^=!:${}()|[\]/\\])/g, "\\$1")}]`;
    var makeString = (n) => `${n ?? ""}`;
  }
});

// src/sources/git-diff.ts
var import_parse_diff2 = __toESM(require_parse_diff(), 1);
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

// src/sources/changed-files.ts
var import_parse_diff = __toESM(require_parse_diff(), 1);
function linesOfPatch(patch) {
  return linesOfChunks((0, import_parse_diff.default)(patch).flatMap((file) => file.chunks));
}
function linesOfChunks(chunks) {
  const addedLines = [];
  const hunks = [];
  for (const chunk of chunks) {
    if (chunk.newLines > 0) hunks.push({ start: chunk.newStart, end: chunk.newStart + chunk.newLines - 1 });
    for (const change of chunk.changes) if (change.type === "add") addedLines.push(change.ln);
  }
  return { addedLines: toRanges(addedLines), hunks };
}
function toRanges(lines) {
  const ranges = [];
  for (const line of [...new Set(lines)].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1];
    if (last && last.end + 1 === line) last.end = line;
    else ranges.push({ start: line, end: line });
  }
  return ranges;
}
function hunkContaining(file, start, end) {
  return file.hunks.find((hunk) => hunk.start <= start && end <= hunk.end);
}

// src/sources/git-diff.ts
function git(root, args, input) {
  return new Promise((resolve) => {
    const child = spawn("git", ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", ...args], {
      cwd: root,
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat" },
      stdio: ["pipe", "pipe", "pipe"]
    });
    const out = [];
    const err = [];
    child.stdout.on("data", (chunk) => out.push(chunk));
    child.stderr.on("data", (chunk) => err.push(chunk));
    child.on("error", (error) => resolve({ ok: false, stdout: Buffer.alloc(0), stderr: error.message }));
    child.on("close", (code) => resolve({ ok: code === 0, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") }));
    child.stdin.end(input);
  });
}
async function hasCommit(root, sha) {
  return (await git(root, ["cat-file", "-e", `${sha}^{commit}`])).ok;
}
async function ensureCommit(root, sha) {
  if (await hasCommit(root, sha)) return { ok: true };
  const fetched = await git(root, ["fetch", "--no-tags", "--no-recurse-submodules", "--depth=1", "origin", sha]);
  if (fetched.ok && await hasCommit(root, sha)) return { ok: true };
  return { ok: false, error: `git fetch of ${sha} failed: ${fetched.stderr.trim()}` };
}
async function mergeBase(root, baseSha, headSha) {
  const result = await git(root, ["merge-base", baseSha, headSha]);
  return result.ok ? result.stdout.toString("utf8").trim() : void 0;
}
async function changedFilesFromGit(root, baseSha, headSha) {
  const diff = await git(root, ["diff", "--no-color", "--no-ext-diff", "--no-textconv", "--find-renames", "-U3", baseSha, headSha]);
  if (!diff.ok) return { error: `git diff failed: ${diff.stderr.trim()}` };
  return (0, import_parse_diff2.default)(diff.stdout.toString("utf8")).map(toChangedFile);
}
function toChangedFile(file) {
  const path = file.deleted ? stripPrefix(file.from) : stripPrefix(file.to);
  const previousPath = stripPrefix(file.from);
  const { addedLines, hunks } = linesOfChunks(file.chunks);
  const status = file.new ? "added" : file.deleted ? "removed" : previousPath !== path ? "renamed" : "modified";
  return { path, previousPath: status === "renamed" ? previousPath : void 0, status, addedLines, hunks };
}
function stripPrefix(path) {
  if (!path || path === "/dev/null") return "";
  return path.replace(/^[ab]\//, "");
}
var BLOB_MODES = /* @__PURE__ */ new Set(["100644", "100755"]);
async function materialiseCommit(root, sha, paths, dest) {
  const listing = await git(root, ["ls-tree", "-r", "-z", "--full-tree", sha, "--", ...paths]);
  if (!listing.ok) return { error: `git ls-tree ${sha} failed: ${listing.stderr.trim()}` };
  const blobs = [];
  for (const entry of listing.stdout.toString("utf8").split("\0")) {
    const match = /^(\d+) blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (match && BLOB_MODES.has(match[1])) blobs.push({ oid: match[2], path: match[3] });
  }
  if (blobs.length === 0) return { files: [] };
  const contents = await git(root, ["cat-file", "--batch"], Buffer.from(blobs.map((b) => b.oid).join("\n") + "\n"));
  if (!contents.ok) return { error: `git cat-file failed: ${contents.stderr.trim()}` };
  let offset = 0;
  for (const blob of blobs) {
    const headerEnd = contents.stdout.indexOf(10, offset);
    const size = Number(contents.stdout.subarray(offset, headerEnd).toString("utf8").split(" ")[2]);
    const body = contents.stdout.subarray(headerEnd + 1, headerEnd + 1 + size);
    offset = headerEnd + 1 + size + 1;
    const target = join(dest, blob.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, body);
  }
  return { files: blobs.map((b) => b.path) };
}

// src/action/publish/errors.ts
function isRequestError(error) {
  return error instanceof Error && typeof error.status === "number";
}
function isPermissionError(error) {
  return isRequestError(error) && (error.status === 403 || error.status === 404);
}
function describeError(error) {
  if (isRequestError(error)) return redact(`HTTP ${error.status}: ${error.message}`);
  return redact(error instanceof Error ? error.message : String(error));
}

// src/action/rulebook.ts
function readerAtCommit(workspace, sha) {
  return async (path) => {
    const entry = await git(workspace, ["ls-tree", "--full-tree", sha, "--", path]);
    if (!entry.ok || !/^100(644|755) blob /.test(entry.stdout.toString("utf8"))) return void 0;
    const blob = await git(workspace, ["cat-file", "blob", `${sha}:${path}`]);
    return blob.ok ? blob.stdout.toString("utf8") : void 0;
  };
}
function readerInWorkspace(workspace) {
  const reader = createRepoReader(workspace);
  return async (path) => reader.readText(path);
}
function remoteReader(octokit) {
  return async ({ owner, repo, path, ref }) => {
    try {
      const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref });
      if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return void 0;
      return Buffer.from(data.content, "base64").toString("utf8");
    } catch (error) {
      if (isRequestError(error) && error.status === 404) return void 0;
      throw error;
    }
  };
}
async function loadRunRulebook(spec, readFile, octokit) {
  const loaded = await loadRulebook({ rulebook: spec || void 0, readFile, fetchRemote: octokit ? remoteReader(octokit) : void 0 });
  if (!loaded.ok) return { error: `the rulebook is invalid:
${loaded.errors.map(formatRulebookError).join("\n")}` };
  return { rulebook: loaded.rulebook };
}

export {
  linesOfPatch,
  hunkContaining,
  ensureCommit,
  mergeBase,
  changedFilesFromGit,
  materialiseCommit,
  isRequestError,
  isPermissionError,
  describeError,
  readerAtCommit,
  readerInWorkspace,
  remoteReader,
  loadRunRulebook
};
