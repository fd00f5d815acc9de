import { parentPort } from 'node:worker_threads'
import { createRepoReader, type RepoReader } from '../../sources/reader.js'
import { ParserAborted } from '../terraform/index.js'
import { parseModuleTask } from './module-task.js'
import type { WorkerReply, WorkerRequest } from './protocol.js'

/*
 * Entry of a parse worker thread (bundled as dist/parse-worker.js): parses the Terraform modules the
 * pool sends and posts each ParsedUnit back; units are plain data, so they cross by structured clone.
 */

const port = parentPort!
const readers = new Map<string, RepoReader>()

port.on('message', (request: WorkerRequest) => {
  let reader = readers.get(request.root)
  if (!reader) readers.set(request.root, (reader = createRepoReader(request.root, request.maxFileBytes)))
  parseModuleTask(request.root, request.task, reader, request.maxFileBytes).then(
    (unit) => port.postMessage({ id: request.id, unit } satisfies WorkerReply),
    (error: unknown) =>
      port.postMessage(
        error instanceof ParserAborted ? ({ id: request.id, aborted: error.file } satisfies WorkerReply) : ({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
      ),
  )
})
port.postMessage({ ready: true } satisfies WorkerReply)
