import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgFileURLToPath(new URL('.', import.meta.url));
import {
  SEVERITY_ICON,
  VERSION,
  active,
  applyBaseline,
  baselineNote,
  countBySeverity,
  documentedRule,
  inReviewOrder,
  oneLineMessage,
  parseBaseline,
  plural,
  ruleLink,
  severityBreakdown,
  shortMessage,
  shownDetails,
  tableCell,
  toAnnotation,
  toAnnotations,
  toJson,
  toMarkdown,
  toSarif
} from "./chunks/chunk-65GOXD3D.js";
import {
  createGitHubClient,
  require_tunnel,
  require_undici
} from "./chunks/chunk-GV4EQFZ6.js";
import {
  changedFilesFromGit,
  describeError,
  ensureCommit,
  hunkContaining,
  isPermissionError,
  isRequestError,
  linesOfPatch,
  loadRunRulebook,
  materialiseCommit,
  mergeBase,
  readerAtCommit,
  readerInWorkspace
} from "./chunks/chunk-K3JBBKKY.js";
import {
  DEFAULT_TIMEOUT_SECONDS,
  POLICYGATE_IGNORE_FILE,
  SEVERITIES,
  builtinRules,
  classify,
  codeSpan,
  collectGivenInputs,
  errorText,
  expiringSoon,
  fingerprint,
  markdownText,
  modifiedInChange,
  redact,
  redactResult,
  scan,
  suppressionLedger,
  withSuppressionGate
} from "./chunks/chunk-MW6GP6IY.js";
import {
  createRepoReader
} from "./chunks/chunk-B2N4SXDU.js";
import {
  __toESM
} from "./chunks/chunk-CRZGVJQY.js";

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/http-client/lib/index.js
var tunnel = __toESM(require_tunnel(), 1);
var import_undici = __toESM(require_undici(), 1);
var HttpCodes;
(function(HttpCodes2) {
  HttpCodes2[HttpCodes2["OK"] = 200] = "OK";
  HttpCodes2[HttpCodes2["MultipleChoices"] = 300] = "MultipleChoices";
  HttpCodes2[HttpCodes2["MovedPermanently"] = 301] = "MovedPermanently";
  HttpCodes2[HttpCodes2["ResourceMoved"] = 302] = "ResourceMoved";
  HttpCodes2[HttpCodes2["SeeOther"] = 303] = "SeeOther";
  HttpCodes2[HttpCodes2["NotModified"] = 304] = "NotModified";
  HttpCodes2[HttpCodes2["UseProxy"] = 305] = "UseProxy";
  HttpCodes2[HttpCodes2["SwitchProxy"] = 306] = "SwitchProxy";
  HttpCodes2[HttpCodes2["TemporaryRedirect"] = 307] = "TemporaryRedirect";
  HttpCodes2[HttpCodes2["PermanentRedirect"] = 308] = "PermanentRedirect";
  HttpCodes2[HttpCodes2["BadRequest"] = 400] = "BadRequest";
  HttpCodes2[HttpCodes2["Unauthorized"] = 401] = "Unauthorized";
  HttpCodes2[HttpCodes2["PaymentRequired"] = 402] = "PaymentRequired";
  HttpCodes2[HttpCodes2["Forbidden"] = 403] = "Forbidden";
  HttpCodes2[HttpCodes2["NotFound"] = 404] = "NotFound";
  HttpCodes2[HttpCodes2["MethodNotAllowed"] = 405] = "MethodNotAllowed";
  HttpCodes2[HttpCodes2["NotAcceptable"] = 406] = "NotAcceptable";
  HttpCodes2[HttpCodes2["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
  HttpCodes2[HttpCodes2["RequestTimeout"] = 408] = "RequestTimeout";
  HttpCodes2[HttpCodes2["Conflict"] = 409] = "Conflict";
  HttpCodes2[HttpCodes2["Gone"] = 410] = "Gone";
  HttpCodes2[HttpCodes2["TooManyRequests"] = 429] = "TooManyRequests";
  HttpCodes2[HttpCodes2["InternalServerError"] = 500] = "InternalServerError";
  HttpCodes2[HttpCodes2["NotImplemented"] = 501] = "NotImplemented";
  HttpCodes2[HttpCodes2["BadGateway"] = 502] = "BadGateway";
  HttpCodes2[HttpCodes2["ServiceUnavailable"] = 503] = "ServiceUnavailable";
  HttpCodes2[HttpCodes2["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function(Headers2) {
  Headers2["Accept"] = "accept";
  Headers2["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function(MediaTypes2) {
  MediaTypes2["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
var HttpRedirectCodes = [
  HttpCodes.MovedPermanently,
  HttpCodes.ResourceMoved,
  HttpCodes.SeeOther,
  HttpCodes.TemporaryRedirect,
  HttpCodes.PermanentRedirect
];
var HttpResponseRetryCodes = [
  HttpCodes.BadGateway,
  HttpCodes.ServiceUnavailable,
  HttpCodes.GatewayTimeout
];

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function getMultilineInput(name, options) {
  const inputs = getInput(name, options).split("\n").filter((x) => x !== "");
  if (options && options.trimWhitespace === false) {
    return inputs;
  }
  return inputs.map((input) => input.trim());
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}

// src/action/main.ts
import { mkdir as mkdir4, writeFile as writeFile3 } from "node:fs/promises";
import { dirname as dirname2, isAbsolute as isAbsolute2, join as join3 } from "node:path";

// src/action/event.ts
import { readFile } from "node:fs/promises";
var PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target"]);
var NO_COMMIT = /^0+$/;
async function planRun(env, scan2) {
  let payload;
  try {
    payload = JSON.parse(await readFile(env.eventPath, "utf8"));
  } catch (error2) {
    return { ok: false, error: `Cannot read the event payload ${env.eventPath}: ${error2.message}` };
  }
  if (scan2 === "full") return { ok: true, value: { kind: "full", sha: fullScanSha(env, payload) } };
  if (PULL_REQUEST_EVENTS.has(env.eventName) && payload.pull_request) {
    const pull = payload.pull_request;
    return {
      ok: true,
      value: {
        kind: "change",
        baseSha: pull.base.sha,
        headSha: pull.head.sha,
        pr: {
          owner: env.repository.owner,
          repo: env.repository.repo,
          number: payload.number ?? pull.number,
          fromFork: pull.head.repo?.full_name !== pull.base.repo?.full_name
        }
      }
    };
  }
  if (env.eventName === "merge_group" && payload.merge_group) {
    return { ok: true, value: { kind: "change", baseSha: payload.merge_group.base_sha, headSha: payload.merge_group.head_sha } };
  }
  if (scan2 === "changed" && env.eventName === "push" && payload.before && !NO_COMMIT.test(payload.before)) {
    return { ok: true, value: { kind: "change", baseSha: payload.before, headSha: payload.after ?? env.sha } };
  }
  const note = scan2 === "changed" ? `scan: changed has no base commit on ${env.eventName}; scanning everything` : void 0;
  return { ok: true, value: { kind: "full", sha: fullScanSha(env, payload), note } };
}
function fullScanSha(env, payload) {
  return payload.pull_request?.head?.sha ?? payload.merge_group?.head_sha ?? env.sha;
}

// src/action/gate.ts
var UNRESOLVED_RULE = "policygate/unresolved";
function isAtOrAbove(severity, failOn) {
  return failOn !== "none" && SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(failOn);
}
function conclusionOf(gating, failOn, incomplete = false) {
  if (incomplete) return "failure";
  return gating.some((finding) => isAtOrAbove(finding.severity, failOn)) ? "failure" : "success";
}
function gateDescription(gate, failOn) {
  if (failOn === "none") return "never fails (fail-on: none)";
  const which2 = gate === "new" ? "new findings" : "any finding";
  return `fails on ${which2} at ${failOn} or above`;
}

// src/action/inputs.ts
function readInputs() {
  const failOn = getInput("fail-on") || "high";
  if (failOn !== "none" && !SEVERITIES.includes(failOn)) return bad("fail-on", failOn, [...SEVERITIES, "none"]);
  const commentMode = getInput("comment-mode") || "review";
  if (!["review", "summary", "off"].includes(commentMode)) return bad("comment-mode", commentMode, ["review", "summary", "off"]);
  const scan2 = getInput("scan") || "auto";
  if (!["auto", "changed", "full"].includes(scan2)) return bad("scan", scan2, ["auto", "changed", "full"]);
  const gate = getInput("gate") || "new";
  if (!["new", "all"].includes(gate)) return bad("gate", gate, ["new", "all"]);
  const maxCommentsText = getInput("max-comments") || "30";
  const maxComments = Number(maxCommentsText);
  if (!Number.isInteger(maxComments) || maxComments < 0) return { ok: false, error: `Input max-comments must be a whole number \u2265 0, got "${maxCommentsText}"` };
  const timeoutText = getInput("timeout") || String(DEFAULT_TIMEOUT_SECONDS);
  const maxFileText = getInput("max-file-size");
  for (const [name, text] of [["timeout", timeoutText], ["max-file-size", maxFileText || "1"]]) {
    if (!(Number(text) > 0 && Number.isFinite(Number(text)))) return { ok: false, error: `Input ${name} must be a positive number, got "${text}"` };
  }
  const token = getInput("github-token");
  if (token) setSecret(token);
  return {
    ok: true,
    value: {
      paths: listInput(getMultilineInput("paths")),
      rulebook: getInput("rulebook"),
      failOn,
      commentMode,
      maxComments,
      scan: scan2,
      gate,
      sarifFile: getInput("sarif-file"),
      token,
      skipPaths: listInput(getMultilineInput("skip-paths")),
      baseline: getInput("baseline"),
      given: {
        varFiles: nonEmpty(getMultilineInput("var-file")),
        vars: nonEmpty(getMultilineInput("var")),
        parameterFiles: nonEmpty(getMultilineInput("parameters")),
        parameters: nonEmpty(getMultilineInput("parameter"))
      },
      limits: { timeoutMs: Number(timeoutText) * 1e3, ...maxFileText ? { maxFileBytes: Math.round(Number(maxFileText) * 1024 * 1024) } : {} }
    }
  };
}
function listInput(lines) {
  return lines.flatMap((line) => line.split(",")).map((p) => p.trim()).filter(Boolean);
}
function nonEmpty(lines) {
  return lines.map((line) => line.trim()).filter(Boolean);
}
function bad(name, value, allowed) {
  return { ok: false, error: `Input ${name} must be one of ${allowed.join(", ")}, got "${value}"` };
}
function readRunnerEnv(env = process.env) {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo) return { ok: false, error: "GITHUB_REPOSITORY is not set: policygate runs as a GitHub Action step" };
  if (!env.GITHUB_EVENT_PATH || !env.GITHUB_EVENT_NAME) return { ok: false, error: "GITHUB_EVENT_PATH and GITHUB_EVENT_NAME must be set" };
  return {
    ok: true,
    value: {
      workspace: env.GITHUB_WORKSPACE || process.cwd(),
      eventName: env.GITHUB_EVENT_NAME,
      eventPath: env.GITHUB_EVENT_PATH,
      repository: { owner, repo },
      sha: env.GITHUB_SHA ?? "",
      apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
      serverUrl: (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, ""),
      tempDir: env.RUNNER_TEMP || env.TMPDIR || "/tmp"
    }
  };
}

// src/action/publish/check-run.ts
var ANNOTATIONS_PER_REQUEST = 50;
var CHECK_SUMMARY_LIMIT = 65535;
var LEVEL_ORDER = ["failure", "warning", "notice"];
async function publishCheckRun(octokit, content) {
  const annotations = [...content.annotations].sort((a, b) => LEVEL_ORDER.indexOf(a.annotation_level) - LEVEL_ORDER.indexOf(b.annotation_level));
  const batches = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const output = (annotations2) => ({
    title: content.title,
    summary: content.summary.slice(0, CHECK_SUMMARY_LIMIT),
    ...annotations2 ? { annotations: annotations2 } : {}
  });
  const created = await octokit.rest.checks.create({
    owner: content.owner,
    repo: content.repo,
    name: "policygate",
    head_sha: content.headSha,
    status: "completed",
    conclusion: content.conclusion,
    completed_at: (/* @__PURE__ */ new Date()).toISOString(),
    output: output(batches[0])
  });
  for (const batch of batches.slice(1)) {
    await octokit.rest.checks.update({ owner: content.owner, repo: content.repo, check_run_id: created.data.id, output: output(batch) });
  }
  return { id: created.data.id, url: created.data.html_url ?? "" };
}

// src/action/guard.ts
async function publishAfterFailure(context, error2) {
  const { progress } = context;
  const reason = errorText(error2);
  const found = progress.found;
  if (!found) {
    setFailed(`policygate: internal error: ${reason}`);
    process.exitCode = 2;
    return;
  }
  const stopped = `policygate stopped before it finished (${firstLine(reason)}); what it found is below and fails this check.`;
  const summary2 = `${toMarkdown(found.head, { title: "policygate: stopped early" })}
> \u26A0\uFE0F ${stopped}
`;
  const attempt = async (what, step) => {
    try {
      await step();
    } catch (failure) {
      warning(`Could not ${what} after the error: ${describeError(failure)}`);
    }
  };
  if (!progress.jobSummaryWritten) await attempt("write the job summary", () => summary.addRaw(summary2).write().then(() => void 0));
  if (!progress.sarifPath) {
    const sarif = JSON.stringify(toSarif({ ...found.head, root: context.workspace }, { toolVersion: VERSION, rules: builtinRules }), null, 2);
    for (const path of context.sarifPaths) {
      try {
        await context.writeText(path, sarif);
        setOutput("sarif-file", path);
        break;
      } catch (failure) {
        warning(`Could not write SARIF to ${path}: ${describeError(failure)}`);
      }
    }
  }
  const octokit = context.octokit;
  if (octokit) {
    const { owner, repo } = context.repository;
    const title = `Stopped early: ${found.current.length} finding(s) so far`;
    await attempt("conclude the check run", async () => {
      if (progress.checkRunId !== void 0) {
        await octokit.rest.checks.update({ owner, repo, check_run_id: progress.checkRunId, status: "completed", conclusion: "failure", completed_at: (/* @__PURE__ */ new Date()).toISOString(), output: { title, summary: summary2.slice(0, CHECK_SUMMARY_LIMIT) } });
      } else {
        await publishCheckRun(octokit, { owner, repo, headSha: found.headSha, conclusion: "failure", title, summary: summary2, annotations: found.current.map(toAnnotation) });
      }
    });
  }
  setOutput("findings", found.current.length);
  setOutput("conclusion", "failure");
  setFailed(`policygate: internal error after the scan: ${reason}`);
  process.exitCode = 2;
}
function firstLine(text) {
  return text.split("\n")[0];
}

// src/report/github/check-title.ts
function changeCheckTitle(added, existing, fixed) {
  const lead = added.length === 0 ? "No new findings" : `${plural(added.length, "new finding")} (${severityBreakdown(added)})`;
  const rest = [existing.length > 0 ? `${existing.length} existing` : "", fixed.length > 0 ? `${fixed.length} fixed` : ""].filter(Boolean);
  return [lead, ...rest].join(" \xB7 ");
}
function fullScanCheckTitle(findings, fileCount) {
  const lead = findings.length === 0 ? "No findings" : `${plural(findings.length, "finding")} (${severityBreakdown(findings)})`;
  return `${lead} in ${plural(fileCount, "file")}`;
}

// src/report/github/pr-summary.ts
var ROW_MESSAGE_CHARS = 400;
var DELTA_MESSAGE_CHARS = 2e3;
var DELTA_RULE = "iam/access-widened";
var ORDER = ["new", "existing", "fixed"];
var SECTION = {
  new: { heading: (count) => `### New findings (${count})`, folded: false },
  existing: { heading: (count) => `Existing findings (${count}): already on the base branch`, folded: true },
  fixed: { heading: (count) => `Fixed by this change (${count})`, folded: true }
};
var TABLE_HEAD = ["| Severity | Rule | Where | Resource | Finding |", "| --- | --- | --- | --- | --- |"];
function changeReportMarkdown(report, maxChars) {
  const byStatus = { new: inReviewOrder(report.added), existing: inReviewOrder(report.existing), fixed: inReviewOrder(report.fixed) };
  const head = [
    `## policygate: ${report.conclusion === "failure" ? "\u274C changes requested" : "\u2705 passed"}`,
    "",
    `${byStatus.new.length} new \xB7 ${byStatus.existing.length} existing \xB7 ${byStatus.fixed.length} fixed \u2014 head \`${report.headSha.slice(0, 7)}\` against base \`${report.baseSha.slice(0, 7)}\`. Gate: ${report.gateDescription}.`,
    "",
    `| | total | ${SEVERITIES.map((s) => `${SEVERITY_ICON[s]} ${s}`).join(" | ")} |`,
    `| --- | ---: | ${SEVERITIES.map(() => "---:").join(" | ")} |`,
    ...ORDER.map((status) => countRow(status, countBySeverity(byStatus[status]))),
    ""
  ];
  const delta = byStatus.new.filter((f) => f.ruleId === DELTA_RULE);
  if (delta.length > 0) {
    head.push("### Access this change widens", "");
    for (const finding of delta) {
      head.push(`- [${markdownText(`${finding.loc.file}:${finding.loc.startLine}`)}](${report.linkFor(finding, "new")}) ${markdownText(shortMessage(finding.message, DELTA_MESSAGE_CHARS))}`);
      for (const line of shownDetails(finding, 20)) head.push(`  - ${markdownText(shortMessage(line, DELTA_MESSAGE_CHARS))}`);
    }
    head.push("");
  }
  const tail = [];
  if (report.unresolved.length > 0) {
    tail.push(`<details><summary>Values that could not be determined (${report.unresolved.length})</summary>`, "");
    for (const finding of report.unresolved.slice(0, 100)) tail.push(`- ${codeSpan(`${finding.loc.file}:${finding.loc.startLine}`)} ${markdownText(shortMessage(finding.message, ROW_MESSAGE_CHARS))}`);
    if (report.unresolved.length > 100) tail.push(`- \u2026and ${report.unresolved.length - 100} more`);
    tail.push("", "</details>", "");
  }
  if (report.suppressedCount > 0) tail.push(`${report.suppressedCount} finding(s) suppressed or waived.`, "");
  if (report.expiring.length > 0) {
    tail.push(`Waivers and suppressions expiring soon (${report.expiring.length}):`, "");
    for (const finding of report.expiring.slice(0, 50)) tail.push(`- ${codeSpan(finding.ruleId)} on ${codeSpan(finding.resource?.address ?? finding.loc.file)} until ${finding.suppressed?.until}${finding.suppressed?.owner ? ` (owner ${markdownText(finding.suppressed.owner)})` : ""}`);
    tail.push("");
  }
  for (const note of report.notes) tail.push(`> \u26A0\uFE0F ${markdownText(note)}`, "");
  tail.push(`Rulebook: ${codeSpan(report.rulebookSource)}`);
  const sectionFrames = ORDER.filter((status) => byStatus[status].length > 0).map((status) => section(status, byStatus[status].length, []));
  let size = [...head, ...tail, ...sectionFrames.flat()].join("\n").length + 200;
  const sections = [];
  let left = 0;
  for (const status of ORDER) {
    const shown = [];
    for (const finding of byStatus[status]) {
      const row = findingRow(finding, status, report);
      if (left > 0 || size + row.length + 1 > maxChars) left++;
      else {
        shown.push(row);
        size += row.length + 1;
      }
    }
    if (shown.length > 0) sections.push(...section(status, byStatus[status].length, shown));
  }
  if (left > 0) sections.push(`\u2026and ${left} more findings: the job summary and the SARIF report list every one.`, "");
  return [...head, ...sections, ...tail].join("\n") + "\n";
}
function section(status, count, rows) {
  const { heading, folded } = SECTION[status];
  return folded ? [`<details><summary>${heading(count)}</summary>`, "", ...TABLE_HEAD, ...rows, "", "</details>", ""] : [heading(count), "", ...TABLE_HEAD, ...rows, ""];
}
function countRow(status, counts) {
  const total = SEVERITIES.reduce((sum, s) => sum + counts[s], 0);
  return `| ${status} | ${total} | ${SEVERITIES.map((s) => counts[s]).join(" | ")} |`;
}
function findingRow(finding, status, report) {
  const where = `${finding.loc.file}:${finding.loc.startLine}`;
  return `| ${SEVERITY_ICON[finding.severity]} ${finding.severity} | ${ruleLink(finding.ruleId)} | [${markdownText(where)}](${report.linkFor(finding, status)}) | ${finding.resource ? tableCell(codeSpan(finding.resource.address)) : ""} | ${markdownText(shortMessage(oneLineMessage(finding), ROW_MESSAGE_CHARS))} |`;
}

// src/action/change-mode.ts
import { mkdir as mkdir3, mkdtemp, readdir as readdir2, readFile as readFile2, rm as rm2 } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/diff/classify.ts
function classifyFindings(head, base, renamed = /* @__PURE__ */ new Map()) {
  const unmatchedBase = /* @__PURE__ */ new Map();
  for (const finding of base) {
    const key = baseFingerprint(finding, renamed);
    unmatchedBase.set(key, [...unmatchedBase.get(key) ?? [], finding]);
  }
  const added = [];
  const existing = [];
  for (const finding of head) {
    const twins = unmatchedBase.get(finding.fingerprint ?? fingerprint(finding));
    if (twins && twins.length > 0) {
      twins.pop();
      existing.push(finding);
    } else added.push(finding);
  }
  return { added, existing, fixed: [...unmatchedBase.values()].flat() };
}
function baseFingerprint(finding, renamed) {
  const headPath = renamed.get(finding.loc.file);
  if (headPath === void 0) return finding.fingerprint ?? fingerprint(finding);
  return fingerprint({ ...finding, loc: { ...finding.loc, file: headPath } });
}

// src/sources/pr-files.ts
var PR_FILES_API_CAP = 3e3;
async function changedFilesFromPr(octokit, pr) {
  const listed = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  const files = [];
  const withoutPatch = [];
  for (const entry of listed) {
    const status = entry.status === "removed" ? "removed" : entry.status === "added" || entry.status === "copied" ? "added" : entry.status === "renamed" ? "renamed" : "modified";
    if (entry.patch === void 0 && status !== "removed" && entry.changes > 0) withoutPatch.push(entry.filename);
    const { addedLines, hunks } = linesOfPatch(entry.patch ?? "");
    files.push({ path: entry.filename, previousPath: status === "renamed" ? entry.previous_filename : void 0, status, addedLines, hunks });
  }
  return { files, capped: listed.length >= PR_FILES_API_CAP, withoutPatch };
}

// src/sources/api-contents.ts
import { mkdir as mkdir2, writeFile as writeFile2 } from "node:fs/promises";
import { dirname, join } from "node:path";
var MAX_DEPTH = 6;
async function materialiseFromApi(octokit, at, paths, dest) {
  const files = [];
  const visit = async (path, depth) => {
    const entry = await getContent(octokit, at, path);
    if (entry === void 0) return;
    if (Array.isArray(entry)) {
      if (depth >= MAX_DEPTH) return;
      for (const child of entry) if (child.type === "file" || child.type === "dir") await visit(child.path, depth + 1);
      return;
    }
    if (entry.type !== "file" || !("content" in entry)) return;
    const target = join(dest, entry.path);
    await mkdir2(dirname(target), { recursive: true });
    await writeFile2(target, Buffer.from(entry.content, "base64"));
    files.push(entry.path);
  };
  try {
    for (const path of paths) await visit(path === "." ? "" : path, 0);
  } catch (error2) {
    return { error: `reading ${at.sha} through the contents API failed: ${error2 instanceof Error ? error2.message : String(error2)}` };
  }
  return { files: files.sort() };
}
async function readFileFromApi(octokit, at, path) {
  const entry = await getContent(octokit, at, path);
  if (entry === void 0 || Array.isArray(entry) || entry.type !== "file" || !("content" in entry)) return void 0;
  return Buffer.from(entry.content, "base64").toString("utf8");
}
async function getContent(octokit, at, path) {
  try {
    return (await octokit.rest.repos.getContent({ owner: at.owner, repo: at.repo, path, ref: at.sha })).data;
  } catch (error2) {
    if (error2.status === 404) return void 0;
    throw error2;
  }
}

// src/action/commit-source.ts
async function openCommits(workspace, shas, api) {
  const failures = [];
  for (const sha of shas) {
    const fetched = await ensureCommit(workspace, sha);
    if (!fetched.ok) failures.push(fetched.error);
  }
  if (failures.length === 0) {
    return { kind: "git", materialise: (sha, paths, dest) => materialiseCommit(workspace, sha, paths, dest), reader: (sha) => readerAtCommit(workspace, sha) };
  }
  const { octokit } = api;
  if (!octokit) return { error: `${failures.join("; ")}; and no token to read the commits through the API` };
  const at = (sha) => ({ owner: api.owner, repo: api.repo, sha });
  return {
    kind: "api",
    materialise: (sha, paths, dest) => materialiseFromApi(octokit, at(sha), paths, dest),
    reader: (sha) => (path) => readFileFromApi(octokit, at(sha), path)
  };
}

// src/action/scope.ts
import { posix } from "node:path";
function scopeOfChange(files, limitTo) {
  const moduleDirs = /* @__PURE__ */ new Set();
  const headDocuments = /* @__PURE__ */ new Set();
  const baseDocuments = /* @__PURE__ */ new Set();
  for (const file of files) {
    const headPath = file.status === "removed" ? void 0 : file.path;
    const basePath = file.status === "added" ? void 0 : file.previousPath ?? file.path;
    for (const [path, documents] of [[headPath, headDocuments], [basePath, baseDocuments]]) {
      if (!path || !isWithin(path, limitTo)) continue;
      const kind = classify(path);
      if (kind === "terraform") moduleDirs.add(dirOf(path));
      else if (kind === "document") documents.add(path);
    }
  }
  return { moduleDirs: [...moduleDirs].sort(), headDocuments: [...headDocuments].sort(), baseDocuments: [...baseDocuments].sort() };
}
function isEmptyScope(scope) {
  return scope.moduleDirs.length === 0 && scope.headDocuments.length === 0 && scope.baseDocuments.length === 0;
}
function scanPathsOf(scope, documents, materialised) {
  const present = new Set(materialised);
  const dirs = new Set(scope.moduleDirs);
  const moduleFiles = materialised.filter((path) => classify(path) === "terraform" && dirs.has(dirOf(path)));
  return [...moduleFiles, ...documents.filter((path) => present.has(path))];
}
function materialisePathsOf(scope, documents) {
  return [...scope.moduleDirs, ...documents];
}
function calledModuleDirs(moduleDir, texts) {
  const dirs = /* @__PURE__ */ new Set();
  for (const text of texts) {
    for (const match of text.matchAll(/^\s*source\s*=\s*"(\.\.?\/[^"]*)"/gm)) {
      const dir = posix.normalize(posix.join(moduleDir, match[1])).replace(/(.)\/+$/, "$1");
      if (dir !== ".." && !dir.startsWith("../")) dirs.add(dir);
    }
  }
  return [...dirs].sort();
}
function dirOf(path) {
  return path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".";
}
function isWithin(path, limitTo) {
  if (limitTo.length === 0) return true;
  return limitTo.some((root) => {
    const prefix = root.replace(/^\.\/?/, "").replace(/\/+$/, "");
    return prefix === "" || path === prefix || path.startsWith(`${prefix}/`);
  });
}

// src/action/change-mode.ts
async function scanChange(input) {
  const { plan, workspace } = input;
  const commits = await openCommits(workspace, [plan.headSha, plan.baseSha], { octokit: input.octokit, ...input.repository });
  if ("error" in commits) return commits;
  const notes = [];
  if (commits.kind === "api") notes.push("git could not provide the base and head commits; their files were read through the contents API.");
  const diffBase = (commits.kind === "git" ? await mergeBase(workspace, plan.baseSha, plan.headSha) : void 0) ?? plan.baseSha;
  const loaded = await loadRunRulebook(input.rulebookSpec, commits.reader(plan.baseSha), input.octokit);
  if ("error" in loaded) return loaded;
  const { rulebook } = loaded;
  const skip = { skipPaths: input.skipPaths, ignoreLines: (await commits.reader(plan.baseSha)(POLICYGATE_IGNORE_FILE))?.split(/\r?\n/) };
  const files = await changedFiles(input, diffBase, notes);
  if ("error" in files) return files;
  const scope = scopeOfChange(files, input.paths);
  const renamed = new Map(files.filter((f) => f.previousPath).map((f) => [f.previousPath, f.path]));
  const suppressions = suppressionLedger({ base: (f) => fingerprint({ ...f, loc: { ...f.loc, file: renamed.get(f.loc.file) ?? f.loc.file } }), head: fingerprint });
  const work = await mkdtemp(join2(input.tempDir, "policygate-"));
  try {
    const base = await scanSide(commits, diffBase, scope, scope.baseDocuments, join2(work, "base"), withSuppressionGate(rulebook, suppressions.base), skip, void 0, input.given, input.limits);
    if ("error" in base) return base;
    const scanned = await scanSide(commits, plan.headSha, scope, scope.headDocuments, join2(work, "head"), withSuppressionGate(rulebook, suppressions.head), skip, base.model, input.given, input.limits);
    if ("error" in scanned) return scanned;
    const policyFindings = modifiedInChange({ rulebook, changedFiles: files, base: base.model, head: scanned.model, refused: suppressions.refused }).map((f) => ({ ...f, fingerprint: fingerprint(f) }));
    const head = redactResult({ ...scanned, findings: [...scanned.findings, ...policyFindings] });
    const baseShown = redactResult(base);
    const classified = classifyFindings(active(head.findings), active(baseShown.findings), renamed);
    return { diffBase, changedFiles: new Map(files.map((f) => [f.path, f])), head, base: baseShown, ...classified, rulebook, notes };
  } finally {
    await rm2(work, { recursive: true, force: true });
  }
}
async function changedFiles(input, diffBase, notes) {
  const { plan, octokit, workspace } = input;
  if (plan.pr && octokit) {
    try {
      const listed = await changedFilesFromPr(octokit, plan.pr);
      if (!listed.capped && listed.withoutPatch.length === 0) return listed.files;
      const fromGit = await changedFilesFromGit(workspace, diffBase, plan.headSha);
      if ("error" in fromGit) {
        notes.push(`The files API ${listed.capped ? "capped the list" : "left out some patches"} and ${fromGit.error}; lines of those files are unknown`);
        return listed.files;
      }
      if (listed.capped) return fromGit;
      const gitByPath = new Map(fromGit.map((f) => [f.path, f]));
      return listed.files.map((f) => listed.withoutPatch.includes(f.path) ? gitByPath.get(f.path) ?? f : f);
    } catch (error2) {
      warning(`Listing the pull request's files failed (${describeError(error2)}); using git diff`);
    }
  }
  return changedFilesFromGit(workspace, diffBase, plan.headSha);
}
var MAX_MODULE_ROUNDS = 16;
async function materialiseCalledModules(commits, sha, dir, scanned) {
  const done = new Set(scanned);
  let round = scanned;
  for (let i = 0; i < MAX_MODULE_ROUNDS && round.length > 0; i++) {
    const called = /* @__PURE__ */ new Set();
    for (const moduleDir of round) {
      const texts = await terraformTexts(join2(dir, moduleDir));
      for (const calledDir of calledModuleDirs(moduleDir, texts)) if (!done.has(calledDir)) called.add(calledDir);
    }
    round = [...called];
    if (round.length === 0) break;
    for (const calledDir of round) done.add(calledDir);
    const written = await commits.materialise(sha, round, dir);
    if ("error" in written) return written;
  }
  return { dirs: [...done] };
}
async function terraformTexts(folder) {
  try {
    const names = (await readdir2(folder)).filter((name) => name.endsWith(".tf"));
    return await Promise.all(names.map((name) => readFile2(join2(folder, name), "utf8")));
  } catch {
    return [];
  }
}
async function scanSide(commits, sha, scope, documents, dir, rulebook, skip, base, given, limits) {
  await mkdir3(dir, { recursive: true });
  if (isEmptyScope(scope)) return scan({ root: dir, paths: [], rulebook, skip, ...limits });
  const written = await commits.materialise(sha, materialisePathsOf(scope, documents), dir);
  if ("error" in written) return written;
  const modules = await materialiseCalledModules(commits, sha, dir, scope.moduleDirs);
  if ("error" in modules) return modules;
  return scan({ root: dir, paths: scanPathsOf(scope, documents, written.files), rulebook, base, skip, given, ...limits });
}

// src/action/fallback.ts
function emitWorkflowAnnotations(findings) {
  for (const annotation of toAnnotations(findings)) {
    const properties = { title: annotation.title, file: annotation.path, startLine: annotation.start_line, endLine: annotation.end_line };
    const level = annotation.annotation_level;
    if (level === "failure") error(annotation.message, properties);
    else if (level === "warning") warning(annotation.message, properties);
    else notice(annotation.message, properties);
  }
}

// src/action/outcome.ts
function blobLink(serverUrl, repository, sha, finding) {
  const path = finding.loc.file.split("/").map(encodeURIComponent).join("/");
  const lines = finding.loc.endLine > finding.loc.startLine ? `#L${finding.loc.startLine}-L${finding.loc.endLine}` : `#L${finding.loc.startLine}`;
  return `${serverUrl}/${repository.owner}/${repository.repo}/blob/${sha}/${path}${lines}`;
}

// src/action/given-inputs.ts
import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
function readGivenInputs(texts, workspace) {
  const collected = collectGivenInputs(texts, (path) => {
    const absolute = resolve(workspace, path);
    const inside = relative(workspace, absolute);
    if (inside.startsWith("..") || isAbsolute(inside)) return void 0;
    try {
      return { path: inside.split(sep).join("/"), text: readFileSync(absolute, "utf8") };
    } catch {
      return void 0;
    }
  });
  return collected.ok ? collected.given : { error: `Input var-file/var/parameters/parameter: ${collected.error}` };
}

// src/report/github/markers.ts
var SUMMARY_MARKER = "<!-- policygate:summary -->";
var FIXED_MARKER = "<!-- policygate:fixed -->";
var FINGERPRINT = /<!-- policygate:fp=([0-9a-f]+) -->/;
function fingerprintMarker(fingerprint2) {
  return `<!-- policygate:fp=${fingerprint2} -->`;
}
function fingerprintsOf(body) {
  return body ? [...body.matchAll(new RegExp(FINGERPRINT, "g"))].map((m) => m[1]) : [];
}
function isMarkedFixed(body) {
  return body.includes(FIXED_MARKER);
}
function markFixed(body, headSha) {
  if (isMarkedFixed(body)) return body;
  const [firstLine2 = "", ...rest] = body.split("\n");
  const kept = rest.filter((line) => !FINGERPRINT.test(line));
  return [
    FIXED_MARKER,
    `\u2705 **Fixed** in ${headSha.slice(0, 7)}: policygate no longer reports this.`,
    "",
    "<details><summary>Original finding</summary>",
    "",
    `~~${firstLine2.replace(/^#+\s*/, "")}~~`,
    ...kept,
    "",
    "</details>",
    ...body.split("\n").filter((line) => FINGERPRINT.test(line))
  ].join("\n");
}

// src/report/github/review-comment.ts
var VISIBLE_MESSAGE_CHARS = 300;
var COMMENT_MESSAGE_CHARS = 4e3;
function reviewCommentBody(finding, rule, withSuggestion, placedNote) {
  const message = markdownText(shortMessage(finding.message, COMMENT_MESSAGE_CHARS));
  const visible = markdownText(shortMessage(finding.message, VISIBLE_MESSAGE_CHARS));
  const lines = [
    `${SEVERITY_ICON[finding.severity]} **${finding.severity}** \xB7 **${finding.title}** \xB7 ${ruleLink(finding.ruleId)}`,
    "",
    `${visible}${finding.resource ? ` (${codeSpan(finding.resource.address)})` : ""}`
  ];
  if (finding.details?.length) lines.push("", ...shownDetails(finding, 10).map((detail) => `- ${markdownText(shortMessage(detail, VISIBLE_MESSAGE_CHARS))}`));
  if (placedNote) lines.push("", `_${placedNote}_`);
  if (withSuggestion && finding.fix) {
    const fence = fenceFor(finding.fix.replacement);
    lines.push("", finding.fix.description === void 0 ? "Suggested change:" : markdownText(finding.fix.description), "", `${fence}suggestion`, finding.fix.replacement.replace(/\n$/, ""), fence);
  }
  const folded = [];
  if (visible !== message) folded.push(message, "");
  if (rule) folded.push(`**Why:** ${rule.why}`, "", `**Fix:** ${rule.fix}`, "");
  if (folded.length > 0) lines.push("", `<details><summary>${visible === message ? "Why it matters and how to fix" : "Full finding, why it matters and how to fix"}</summary>`, "", ...folded, "</details>");
  lines.push("", fingerprintMarker(finding.fingerprint ?? ""));
  return lines.join("\n");
}
function fenceFor(text) {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(longest + 1);
}

// src/report/github/place-comment.ts
var SEPARATOR = "\n\n---\n\n";
var FIXED_NOTE = /^✅ \*\*Fixed\*\* in /;
var COMMENT_BODY_CHARS = 6e4;
function placeCommentBody(findings, ruleFor, suggesting, placedNote) {
  const ordered = inReviewOrder(findings);
  const sections = ordered.map((finding) => reviewCommentBody(finding, ruleFor(finding.ruleId), finding === suggesting, placedNote));
  if (sections.length === 1) return sections[0];
  for (let i = sections.length - 1; i > 0 && sections.join(SEPARATOR).length > COMMENT_BODY_CHARS; i--) sections[i] = compactSection(ordered[i]);
  return `**${plural(ordered.length, "finding")} on this line** (${severityBreakdown(ordered)})${SEPARATOR}${sections.join(SEPARATOR)}`;
}
function compactSection(finding) {
  return `${SEVERITY_ICON[finding.severity]} **${finding.severity}** \xB7 ${ruleLink(finding.ruleId)} \xB7 ${shortMessage(finding.message, 300)}

${fingerprintMarker(finding.fingerprint ?? "")}`;
}
function placeCommentEdited(body, findings, ruleFor, headSha, suggesting) {
  const present = new Set(findings.map((f) => f.fingerprint));
  const fixedNotes = body.split("\n").filter((line) => FIXED_NOTE.test(line));
  for (const fingerprint2 of fingerprintsOf(body)) {
    if (present.has(fingerprint2)) continue;
    const heading = headingOf(body, fingerprint2);
    fixedNotes.push(`\u2705 **Fixed** in ${headSha.slice(0, 7)}: ~~${heading}~~`);
  }
  const notes = fixedNotes.length > 0 ? `${SEPARATOR}${fixedNotes.join("\n\n")}` : "";
  return `${placeCommentBody(findings, ruleFor, suggesting)}${notes}`;
}
function headingOf(body, fingerprint2) {
  const marker = fingerprintMarker(fingerprint2);
  const before = body.slice(0, body.indexOf(marker));
  const previousMarkerEnd = before.lastIndexOf("-->");
  const section2 = before.slice(previousMarkerEnd < 0 ? 0 : previousMarkerEnd + 3).split("\n").map((line) => line.trim());
  return section2.find((line) => /\*\*(critical|high|medium|low|info)\*\*/.test(line)) ?? "an earlier finding";
}
function suggestingFingerprint(body) {
  const fence = /^`{3,}suggestion$/m.exec(body);
  return fence ? fingerprintsOf(body.slice(fence.index))[0] : void 0;
}

// src/action/publish/review.ts
function placeOf(finding) {
  return `${finding.loc.file}\0${finding.loc.startLine}`;
}
async function publishReview(octokit, input) {
  const { pr } = input;
  const ruleFor = (ruleId) => input.ruleFor(ruleId) ?? documentedRule(ruleId);
  const earlier = await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  const currentByFingerprint = new Map(input.current.map((f) => [f.fingerprint, f]));
  const openAtPlace = /* @__PURE__ */ new Map();
  const openFingerprints = /* @__PURE__ */ new Set();
  let markedFixed = 0;
  for (const comment of earlier) {
    const held = fingerprintsOf(comment.body);
    if (held.length === 0 || isMarkedFixed(comment.body)) continue;
    const standing = held.map((fp) => currentByFingerprint.get(fp)).filter((f) => f !== void 0);
    if (standing.length === 0) {
      await octokit.rest.pulls.updateReviewComment({ owner: pr.owner, repo: pr.repo, comment_id: comment.id, body: markFixed(comment.body, input.headSha) });
      markedFixed++;
      continue;
    }
    for (const finding of standing) openFingerprints.add(finding.fingerprint ?? "");
    openAtPlace.set(placeOf(standing[0]), { id: comment.id, body: comment.body, held: standing, changed: standing.length < held.length });
    markedFixed += held.length - standing.length;
  }
  const alreadyCommented = [];
  const joined = [];
  const unplaced = [];
  const drafts = [];
  const fresh = /* @__PURE__ */ new Map();
  for (const finding of inReviewOrder(input.added)) {
    if (openFingerprints.has(finding.fingerprint ?? "")) alreadyCommented.push(finding);
    else fresh.set(placeOf(finding), [...fresh.get(placeOf(finding)) ?? [], finding]);
  }
  for (const [place, findings] of fresh) {
    const open2 = openAtPlace.get(place);
    if (open2) {
      open2.held.push(...findings);
      open2.changed = true;
      joined.push(...findings);
      continue;
    }
    const draft = anchor(findings, input, ruleFor);
    if (!draft) unplaced.push(...findings.map((finding) => ({ finding, reason: "outside the diff" })));
    else if (drafts.length >= input.maxComments) unplaced.push(...findings.map((finding) => ({ finding, reason: "over max-comments" })));
    else drafts.push(draft);
  }
  for (const open2 of openAtPlace.values()) {
    if (!open2.changed) continue;
    const suggesting = open2.held.find((f) => f.fingerprint === suggestingFingerprint(open2.body));
    const body = placeCommentEdited(open2.body, open2.held, ruleFor, input.headSha, suggesting);
    await octokit.rest.pulls.updateReviewComment({ owner: pr.owner, repo: pr.repo, comment_id: open2.id, body });
  }
  if (drafts.length === 0) return { commented: joined, alreadyCommented, unplaced, markedFixed };
  const commented = await postReview(octokit, input, drafts, unplaced);
  return { commented: [...joined, ...commented], alreadyCommented, unplaced, markedFixed };
}
function anchor(findings, input, ruleFor) {
  const lead = findings[0];
  const file = input.changedFiles.get(lead.loc.file);
  if (!file || file.status === "removed") return relatedAnchor(findings, input, ruleFor);
  const suggesting = findings.find((f) => f.fix && f.fix.loc.file === f.loc.file && hunkContaining(file, f.fix.loc.startLine, f.fix.loc.endLine));
  const body = placeCommentBody(findings, ruleFor, suggesting);
  if (suggesting?.fix) {
    const { loc } = suggesting.fix;
    const multi = loc.endLine > loc.startLine;
    return { findings, path: file.path, line: loc.endLine, ...multi ? { start_line: loc.startLine, start_side: "RIGHT" } : {}, side: "RIGHT", body };
  }
  if (!hunkContaining(file, lead.loc.startLine, lead.loc.startLine)) return relatedAnchor(findings, input, ruleFor);
  return { findings, path: file.path, line: lead.loc.startLine, side: "RIGHT", body };
}
function relatedAnchor(findings, input, ruleFor) {
  const lead = findings[0];
  for (const place of lead.related ?? []) {
    const file = input.changedFiles.get(place.loc.file);
    if (!file || file.status === "removed" || !hunkContaining(file, place.loc.startLine, place.loc.startLine)) continue;
    const note = `${markdownText(place.message)}; the offending value is written at ${codeSpan(`${lead.loc.file}:${lead.loc.startLine}`)}.`;
    return { findings, path: file.path, line: place.loc.startLine, side: "RIGHT", body: placeCommentBody(findings, ruleFor, void 0, note) };
  }
  return void 0;
}
async function postReview(octokit, input, drafts, unplaced) {
  const { pr } = input;
  const comments = drafts.map(({ findings: _findings, ...comment }) => comment);
  try {
    await octokit.rest.pulls.createReview({
      owner: pr.owner,
      repo: pr.repo,
      pull_number: pr.number,
      commit_id: input.headSha,
      event: "COMMENT",
      body: reviewBody(input.added, drafts.flatMap((d) => d.findings).length),
      comments
    });
    return drafts.flatMap((d) => d.findings);
  } catch (error2) {
    if (!isRequestError(error2) || error2.status !== 422) throw error2;
  }
  const commented = [];
  for (const { findings, ...comment } of drafts) {
    try {
      await octokit.rest.pulls.createReviewComment({ owner: pr.owner, repo: pr.repo, pull_number: pr.number, commit_id: input.headSha, ...comment });
      commented.push(...findings);
    } catch (error2) {
      if (!isRequestError(error2) || error2.status !== 422) throw error2;
      unplaced.push(...findings.map((finding) => ({ finding, reason: "rejected by GitHub" })));
    }
  }
  return commented;
}
function reviewBody(added, commented) {
  const total = `**policygate:** ${plural(added.length, "new finding")} on this change (${severityBreakdown(added)})`;
  const placed = commented === added.length ? "" : `; ${commented} of them commented in this review`;
  return `${total}${placed}. The summary comment lists every finding, including those outside the changed lines.`;
}

// src/action/publish/summary-comment.ts
var COMMENT_LIMIT = 65536;
async function upsertSummaryComment(octokit, pr, markdown) {
  const body = `${SUMMARY_MARKER}
${markdown}`.slice(0, COMMENT_LIMIT);
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100 });
  const existing = comments.find((comment) => comment.body?.includes(SUMMARY_MARKER));
  if (existing) {
    if (existing.body !== body) await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: existing.id, body });
    return { id: existing.id, created: false };
  }
  const created = await octokit.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
  return { id: created.data.id, created: true };
}

// src/action/run-change.ts
var JOB_SUMMARY_LIMIT = 1e6;
async function runChange(inputs, env, plan, octokit, progress = {}) {
  const started = performance.now();
  const given = readGivenInputs(inputs.given, env.workspace);
  if ("error" in given) return given;
  const change = await scanChange({ workspace: env.workspace, tempDir: env.tempDir, repository: env.repository, plan, paths: inputs.paths, rulebookSpec: inputs.rulebook, skipPaths: inputs.skipPaths, octokit, given, limits: inputs.limits });
  if ("error" in change) return change;
  info(`policygate: ${change.changedFiles.size} changed file(s); scanned ${change.head.files.length} on the head and ${change.base.files.length} on the base in ${Math.round(performance.now() - started)} ms`);
  const counted = (findings) => inReviewOrder(findings.filter((f) => f.ruleId !== UNRESOLVED_RULE));
  const added = counted(change.added);
  const existing = counted(change.existing);
  const fixed = counted(change.fixed);
  const current = [...added, ...existing];
  progress.found = { head: change.head, current, headSha: plan.headSha };
  const gating = inputs.gate === "new" ? added : current;
  const conclusion = conclusionOf(gating, inputs.failOn, change.head.timedOut || change.base.timedOut);
  const notes = [...change.notes];
  const report = {
    headSha: plan.headSha,
    baseSha: change.diffBase,
    added,
    existing,
    fixed,
    unresolved: change.head.findings.filter((f) => f.ruleId === UNRESOLVED_RULE && !f.suppressed),
    suppressedCount: change.head.findings.filter((f) => f.suppressed).length,
    rulebookSource: `${change.rulebook.source} at ${plan.baseSha.slice(0, 7)}`,
    expiring: expiringSoon(change.head.findings, /* @__PURE__ */ new Date()),
    conclusion,
    gateDescription: gateDescription(inputs.gate, inputs.failOn),
    notes,
    linkFor: (finding, status) => blobLink(env.serverUrl, env.repository, status === "fixed" ? change.diffBase : plan.headSha, finding)
  };
  let cannotWrite = !octokit;
  const attempt = async (what, action) => {
    try {
      return await action();
    } catch (error2) {
      const log = isPermissionError(error2) ? info : warning;
      if (isPermissionError(error2)) cannotWrite = true;
      log(`Could not ${what}: ${describeError(error2)}`);
      notes.push(`Could not ${what} (${describeError(error2)}).`);
      return void 0;
    }
  };
  if (octokit && plan.pr && inputs.commentMode === "review") {
    const pr = plan.pr;
    const review = await attempt(
      "post review comments",
      () => publishReview(octokit, { pr, headSha: plan.headSha, added, current, changedFiles: change.changedFiles, maxComments: inputs.maxComments, ruleFor: (id) => builtinRules.find((r) => r.id === id) })
    );
    if (review) notes.push(...reviewNotes(review));
  }
  const checkRun = octokit ? await attempt(
    "create the check run",
    () => publishCheckRun(octokit, {
      owner: env.repository.owner,
      repo: env.repository.repo,
      headSha: plan.headSha,
      conclusion,
      title: changeCheckTitle(added, existing, fixed),
      summary: changeReportMarkdown(report, CHECK_SUMMARY_LIMIT),
      annotations: toAnnotations(current)
    })
  ) : void 0;
  if (checkRun) progress.checkRunId = checkRun.id;
  if (octokit && plan.pr && inputs.commentMode !== "off") {
    const pr = plan.pr;
    await attempt("update the summary comment", () => upsertSummaryComment(octokit, pr, changeReportMarkdown(report, COMMENT_LIMIT - 100)));
  }
  if (!checkRun) {
    if (cannotWrite) notes.push(`The token cannot write to this repository (${plan.pr?.fromFork ? "a pull request from a fork" : "a read-only token or missing permissions"}): findings are reported as workflow annotations.`);
    emitWorkflowAnnotations(current);
  }
  info(`policygate: published in ${Math.round(performance.now() - started)} ms since the scan began`);
  return {
    mode: "change",
    head: change.head,
    current,
    added,
    gating,
    conclusion,
    jobSummary: changeReportMarkdown(report, JOB_SUMMARY_LIMIT),
    reportExtras: {
      change: {
        headSha: plan.headSha,
        baseSha: change.diffBase,
        new: added.map((f) => f.fingerprint),
        existing: existing.map((f) => f.fingerprint),
        fixed
      }
    }
  };
}
function reviewNotes(review) {
  const notes = [];
  const count = (reason) => review.unplaced.filter((u) => u.reason === reason).length;
  if (count("outside the diff") > 0) notes.push(`${count("outside the diff")} new finding(s) point at lines this change does not touch, so they have no review comment; they are in the table.`);
  if (count("over max-comments") > 0) notes.push(`${count("over max-comments")} new finding(s) beyond max-comments have no review comment; they are in the table.`);
  const rejectedLines = new Set(review.unplaced.filter((u) => u.reason === "rejected by GitHub").map((u) => `${u.finding.loc.file}:${u.finding.loc.startLine}`)).size;
  if (rejectedLines > 0) notes.push(`GitHub rejected ${rejectedLines} review comment(s) (line not in the diff); their ${count("rejected by GitHub")} finding(s) are in the table.`);
  return notes;
}

// src/action/run-full.ts
function withBaseline(scanned, workspace, path) {
  const text = createRepoReader(workspace).readText(path);
  if (text === void 0) return { error: `the baseline file ${path} is not in the repository (write it with \`policygate scan --write-baseline ${path}\`)` };
  const baseline = parseBaseline(text);
  if ("error" in baseline) return { error: `the baseline file ${path} is ${baseline.error}` };
  const outcome = applyBaseline(scanned.findings, baseline);
  return { head: { ...scanned, findings: outcome.findings }, notes: [baselineNote(path, outcome)] };
}
async function runFull(inputs, env, plan, octokit, progress = {}) {
  if (plan.note) info(plan.note);
  const loaded = await loadRunRulebook(inputs.rulebook, readerInWorkspace(env.workspace), octokit);
  if ("error" in loaded) return loaded;
  const { rulebook } = loaded;
  const given = readGivenInputs(inputs.given, env.workspace);
  if ("error" in given) return given;
  const scanned = redactResult(await scan({ root: env.workspace, paths: inputs.paths.length > 0 ? inputs.paths : void 0, rulebook, skip: { skipPaths: inputs.skipPaths }, given, ...inputs.limits }));
  const known = inputs.baseline ? withBaseline(scanned, env.workspace, inputs.baseline) : { head: scanned, notes: [] };
  if ("error" in known) return known;
  const { head } = known;
  const current = active(head.findings).filter((f) => f.ruleId !== UNRESOLVED_RULE);
  progress.found = { head, current, headSha: plan.sha };
  const conclusion = conclusionOf(current, inputs.failOn, head.timedOut);
  const markdown = toMarkdown(head, { title: "policygate: full scan", linkFor: (finding) => blobLink(env.serverUrl, env.repository, plan.sha, finding), notes: known.notes });
  const summary2 = `${markdown}
Gate: ${gateDescription("all", inputs.failOn)} \u2192 **${conclusion}**.
`;
  let published = false;
  if (octokit) {
    try {
      const checkRun = await publishCheckRun(octokit, {
        owner: env.repository.owner,
        repo: env.repository.repo,
        headSha: plan.sha,
        conclusion,
        title: fullScanCheckTitle(current, head.files.length),
        summary: summary2.slice(0, CHECK_SUMMARY_LIMIT),
        annotations: toAnnotations(current)
      });
      progress.checkRunId = checkRun.id;
      published = true;
    } catch (error2) {
      warning(`Could not create the check run: ${describeError(error2)}`);
    }
  }
  if (!published) emitWorkflowAnnotations(current);
  return { mode: "full", head, current, added: current, gating: current, conclusion, jobSummary: summary2, reportExtras: {} };
}

// src/action/main.ts
async function run() {
  const progress = {};
  let guard;
  try {
    const inputs = readInputs();
    if (!inputs.ok) return configurationError(inputs.error);
    const env = readRunnerEnv();
    if (!env.ok) return configurationError(env.error);
    const plan = await planRun(env.value, inputs.value.scan);
    if (!plan.ok) return configurationError(plan.error);
    const octokit = inputs.value.token ? createGitHubClient(inputs.value.token, env.value.apiUrl, (m) => warning(m)) : void 0;
    guard = { octokit, repository: env.value.repository, workspace: env.value.workspace, sarifPaths: sarifPathsOf(inputs.value, env.value), writeText };
    const outcome = plan.value.kind === "change" ? await runChange(inputs.value, env.value, plan.value, octokit, progress) : await runFull(inputs.value, env.value, plan.value, octokit, progress);
    if ("error" in outcome) return configurationError(`policygate: ${outcome.error}`);
    await publishOutputs(inputs.value, env.value, outcome, progress);
    if (outcome.conclusion === "failure") {
      const failing = outcome.gating.filter((f) => isAtOrAbove(f.severity, inputs.value.failOn)).length;
      setFailed(`policygate: ${failing} ${outcome.mode === "change" && inputs.value.gate === "new" ? "new " : ""}finding(s) at ${inputs.value.failOn} or above`);
    }
  } catch (error2) {
    if (guard) await publishAfterFailure({ ...guard, progress }, error2);
    else {
      setFailed(`policygate: internal error: ${errorText(error2)}`);
      process.exitCode = 2;
    }
  }
}
function configurationError(message) {
  setFailed(redact(message));
  process.exitCode = 2;
}
async function publishOutputs(inputs, env, outcome, progress) {
  if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(outcome.jobSummary).write();
  else info(outcome.jobSummary);
  progress.jobSummaryWritten = true;
  const [sarifPath] = sarifPathsOf(inputs, env);
  const reportPath = join3(env.tempDir, "policygate", "report.json");
  const sarif = toSarif({ ...outcome.head, root: env.workspace }, { toolVersion: VERSION, rules: builtinRules });
  await writeText(sarifPath, JSON.stringify(sarif, null, 2));
  progress.sarifPath = sarifPath;
  const report = { ...JSON.parse(toJson(outcome.head, VERSION)), mode: outcome.mode, conclusion: outcome.conclusion, ...outcome.reportExtras };
  await writeText(reportPath, JSON.stringify(report, null, 2));
  setOutput("findings", outcome.current.length);
  setOutput("new-findings", outcome.added.length);
  setOutput("conclusion", outcome.conclusion);
  setOutput("sarif-file", sarifPath);
  setOutput("report-json", reportPath);
}
function sarifPathsOf(inputs, env) {
  const fallback = join3(env.tempDir, "policygate", "policygate.sarif");
  return inputs.sarifFile ? [resolveIn(env.workspace, inputs.sarifFile), fallback] : [fallback];
}
function resolveIn(workspace, path) {
  return isAbsolute2(path) ? path : join3(workspace, path);
}
async function writeText(path, text) {
  await mkdir4(dirname2(path), { recursive: true });
  await writeFile3(path, text);
}

// src/action.ts
void run();
