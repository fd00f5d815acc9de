import { existsSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { RepoReader } from '../../sources/reader.js'
import type { ParsedUnit } from '../types.js'
import { parseModuleTask, type ModuleTask } from './module-task.js'
import type { WorkerReply, WorkerRequest } from './protocol.js'

/*
 * Terraform modules parsed on worker threads when a scan is large. HCL parsing (tree-sitter in
 * WebAssembly, the syntax walk, evaluation) is most of a scan and modules are independent, so the
 * scanning thread and the workers take modules from one queue, largest first, and each unit lands
 * at its module's index: the result is the list, in the order, that parsing them one after another
 * gives. The scanning thread parses templates and plans first, then joins the queue; it stops every
 * few milliseconds to take replies and send workers their next modules, so none waits on it.
 *
 * Measured with the CLI on a shared 2-core machine (load average 2–4; medians of 5–8 runs): the
 * real-world corpus (0.7 MB of Terraform) gained nothing from a worker, twice it (1.4 MB) 7 %, six
 * times it (4.2 MB, the bench's generated tree) 14–20 % (in-process, `npm run bench`: 1.25–1.33×),
 * for 10–15 % more CPU: a worker costs a thread
 * start and a parser (~90 ms), warms up its own copy of the code, and even one thread already keeps
 * V8's compiler and GC threads busy on the second core. Hence the threshold below, and at most one
 * worker per spare core. Workers exist only in the bundle (dist/parse-worker.js); from TypeScript
 * sources (tests) modules are parsed in this thread unless an entry is given. A worker that fails
 * hands its modules back to this thread.
 */

/** Below this much Terraform source a scan parses in this thread: a worker would cost about what it saves. */
export const MIN_BYTES_FOR_WORKERS = 1_000_000
/** Workers beside the scanning thread; each holds its own parser and copy of the parse code. */
const MAX_WORKERS = 4
/** Modules sent ahead to each worker, so none waits while the scanning thread is busy parsing. */
const IN_FLIGHT = 2

/** dist/parse-worker.js beside the running bundle (this code is in dist/ or dist/chunks/), or undefined from source. */
export function bundledWorkerEntry(): string | undefined {
  for (const relative of ['./parse-worker.js', '../parse-worker.js']) {
    const candidate = fileURLToPath(new URL(relative, import.meta.url))
    if (existsSync(candidate)) return candidate
  }
  return undefined
}

/** Bytes of each module's files (0 for a file that cannot be read: parsing reports it). */
export function moduleSizes(root: string, modules: ModuleTask[]): number[] {
  const size = (file: string): number => {
    try {
      return statSync(`${root}/${file}`).size
    } catch {
      return 0
    }
  }
  return modules.map((m) => m.files.reduce((sum, f) => sum + size(f), 0))
}

/** Workers for modules of these sizes: `requested` when given, else by total size and spare cores (0: parse in this thread). */
export function workerCount(sizes: number[], requested?: number): number {
  const wanted = requested ?? (sizes.reduce((a, b) => a + b, 0) < MIN_BYTES_FOR_WORKERS ? 0 : Math.min(MAX_WORKERS, availableParallelism() - 1))
  return Math.max(0, Math.min(Math.floor(wanted), sizes.length - 1))
}

export interface ParseModulesOptions {
  /** Worker threads wanted; default by size and cores (see workerCount). */
  workers?: number
  /** The bundled worker script; without it every module is parsed in this thread. */
  entry: string | undefined
  /** Other parsing for this thread, done first (one template or plan each); it then takes modules too. */
  meanwhile: (() => void)[]
  /** Told when a module's unit is ready (by its index in `modules`), for progress. */
  onModuleParsed?: (index: number) => void
}

/** How long this thread works before letting worker replies in and sending the workers their next modules. */
const TURN_MS = 10

/** Every module parsed, in the order given. */
export async function parseModules(root: string, modules: ModuleTask[], reader: RepoReader, options: ParseModulesOptions): Promise<ParsedUnit[]> {
  const units: ParsedUnit[] = new Array(modules.length)
  const queue = modules.map((_, i) => i)
  const sizes = options.entry ? moduleSizes(root, modules) : []
  const count = options.entry ? workerCount(sizes, options.workers) : 0
  // Long modules started early keep the threads' finishing times close.
  if (count > 0) queue.sort((a, b) => sizes[b]! - sizes[a]! || a - b)
  const workers = count > 0 ? startWorkers(options.entry!, count, root, modules, queue, units, options.onModuleParsed) : []
  let turnStart = performance.now()
  const endTurn = async (): Promise<void> => {
    if (workers.length === 0 || performance.now() - turnStart < TURN_MS) return
    await new Promise((resolve) => setImmediate(resolve))
    turnStart = performance.now()
  }
  for (const job of options.meanwhile) {
    job()
    await endTurn()
  }
  for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
    units[index] = await parseModuleTask(root, modules[index]!, reader)
    options.onModuleParsed?.(index)
    await endTurn()
  }
  await Promise.all(workers.map((w) => w.done))
  // Modules a failed worker held are parsed here, after the queue ran dry.
  for (const [index, module] of modules.entries()) {
    if (units[index]) continue
    units[index] = await parseModuleTask(root, module, reader)
    options.onModuleParsed?.(index)
  }
  return units
}

interface RunningWorker {
  /** Settles when the worker has no module left to do (or failed); it is terminated by then. */
  done: Promise<void>
}

function startWorkers(entry: string, count: number, root: string, modules: ModuleTask[], queue: number[], units: ParsedUnit[], onModuleParsed?: (index: number) => void): RunningWorker[] {
  return Array.from({ length: count }, () => {
    const worker = new Worker(entry)
    const held = new Set<number>()
    const send = (): void => {
      const index = queue.shift()
      if (index === undefined) return
      held.add(index)
      worker.postMessage({ id: index, root, task: modules[index]! } satisfies WorkerRequest)
    }
    const done = new Promise<void>((resolve) => {
      let finished = false
      const finish = (): void => {
        if (finished) return
        finished = true
        void worker.terminate()
        resolve()
      }
      worker.on('message', (reply: WorkerReply) => {
        if (finished) return
        held.delete(reply.id)
        if ('unit' in reply) {
          units[reply.id] = reply.unit
          onModuleParsed?.(reply.id)
        }
        send()
        if (held.size === 0) finish()
      })
      // The modules it held stay without a unit: parseModules parses them in its own thread.
      worker.on('error', finish)
      worker.on('exit', finish)
    })
    for (let i = 0; i < IN_FLIGHT; i++) send()
    if (held.size === 0) void worker.terminate()
    return { done: held.size === 0 ? Promise.resolve() : done }
  })
}
