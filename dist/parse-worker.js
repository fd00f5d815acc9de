import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgFileURLToPath(new URL('.', import.meta.url));
import {
  ParserAborted,
  createRepoReader,
  parseModuleTask
} from "./chunks/chunk-B2N4SXDU.js";
import "./chunks/chunk-CRZGVJQY.js";

// src/parse/pool/worker.ts
import { parentPort } from "node:worker_threads";
var port = parentPort;
var readers = /* @__PURE__ */ new Map();
port.on("message", (request) => {
  let reader = readers.get(request.root);
  if (!reader) readers.set(request.root, reader = createRepoReader(request.root, request.maxFileBytes));
  parseModuleTask(request.root, request.task, reader, request.maxFileBytes).then(
    (unit) => port.postMessage({ id: request.id, unit }),
    (error) => port.postMessage(
      error instanceof ParserAborted ? { id: request.id, aborted: error.file } : { id: request.id, error: error instanceof Error ? error.message : String(error) }
    )
  );
});
port.postMessage({ ready: true });
