import { parentPort } from 'node:worker_threads'
import { createRepoReader, type RepoReader } from '../../sources/reader.js'
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
  if (!reader) readers.set(request.root, (reader = createRepoReader(request.root)))
  parseModuleTask(request.root, request.task, reader).then(
    (unit) => port.postMessage({ id: request.id, unit } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  )
})
