import { existsSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { RepoReader } from '../../sources/reader.js'
import { ParserAborted } from '../terraform/index.js'
import type { Diagnostic, ParsedUnit } from '../types.js'
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
  /** Files above this size are reported, not parsed. */
  maxFileBytes: number
  /** performance.now() after which no module or job is started and workers are stopped: their modules stay undone. */
  deadline?: number
  /** Told when a module's unit is ready (by its index in `modules`), for progress. */
  onModuleParsed?: (index: number) => void
}

/** How long this thread works before letting worker replies in and sending the workers their next modules. */
const TURN_MS = 10

/** A replacement worker that fails this many times in a row before replying means workers cannot run here at all. */
const MAX_FAILED_STARTS = 3

/**
 * Every module parsed, in the order given; undefined for a module the deadline left undone. A parser
 * failure (a WebAssembly abort, a worker out of memory) costs only the file that caused it: the
 * worker is replaced, or, in this thread, the rest goes to a fresh worker, and the module is parsed
 * again without that file.
 */
export async function parseModules(root: string, modules: ModuleTask[], reader: RepoReader, options: ParseModulesOptions): Promise<(ParsedUnit | undefined)[]> {
  const units: (ParsedUnit | undefined)[] = new Array(modules.length)
  const tasks = modules.map((m) => ({ ...m }))
  const queue = modules.map((_, i) => i)
  const sizes = options.entry ? moduleSizes(root, modules) : []
  const count = options.entry ? workerCount(sizes, options.workers) : 0
  // Long modules started early keep the threads' finishing times close.
  if (count > 0) queue.sort((a, b) => sizes[b]! - sizes[a]! || a - b)
  const late = (): boolean => options.deadline !== undefined && performance.now() > options.deadline
  const pool = options.entry ? new WorkerPool(options.entry, { root, tasks, queue, units, maxFileBytes: options.maxFileBytes, late, parsed: options.onModuleParsed }) : undefined
  for (let i = 0; i < count; i++) pool!.start()
  const stopTimer = options.deadline !== undefined && pool ? setTimeout(() => pool.stopAll(), Math.max(0, options.deadline - performance.now())) : undefined
  let usable = true
  /** This thread parses one module; false when its parser has failed and the module went back to the queue. */
  const parseHere = async (index: number): Promise<boolean> => {
    try {
      units[index] = await parseModuleTask(root, tasks[index]!, reader, options.maxFileBytes)
      options.onModuleParsed?.(index)
      return true
    } catch (error) {
      if (!(error instanceof ParserAborted)) throw error
      tasks[index]!.aborted = [...(tasks[index]!.aborted ?? []), error.file]
      queue.unshift(index)
      usable = false
      return false
    }
  }
  let turnStart = performance.now()
  const endTurn = async (): Promise<void> => {
    if (!pool?.running || performance.now() - turnStart < TURN_MS) return
    await new Promise((resolve) => setImmediate(resolve))
    turnStart = performance.now()
  }
  for (const job of options.meanwhile) {
    if (late()) break
    job()
    await endTurn()
  }
  while (usable && !late()) {
    const index = queue.shift()
    if (index === undefined) break
    if (await parseHere(index)) await endTurn()
  }
  // This thread's parser failed: a fresh worker takes what is left.
  if (!usable && queue.length > 0 && pool && !pool.running) pool.start()
  await pool?.idle()
  if (stopTimer) clearTimeout(stopTimer)
  // Modules no worker could parse (workers cannot start here) are parsed in this thread, parser permitting.
  for (const [index] of modules.entries()) {
    if (units[index] || late()) continue
    if (!usable || !(await parseHere(index))) units[index] = unparsedModule(tasks[index]!)
  }
  return units
}

/** A module left without a parser (this thread's failed and no worker can start): each of its files is reported. */
function unparsedModule(task: ModuleTask): ParsedUnit {
  const diagnostics = task.files.map((file): Diagnostic => ({ kind: 'parse-error', message: 'not parsed: the HCL parser failed on an earlier file and no fresh one could be started', loc: { file, startLine: 1, endLine: 1 } }))
  return { framework: 'terraform', files: task.files, resources: [], inputs: [], literals: [], diagnostics }
}

interface PoolState {
  root: string
  tasks: ModuleTask[]
  queue: number[]
  units: (ParsedUnit | undefined)[]
  maxFileBytes: number
  late: () => boolean
  parsed?: (index: number) => void
}

/** Workers taking modules from the shared queue; one that fails is replaced, and the module it was parsing loses the file that failed it. */
class WorkerPool {
  private readonly live = new Set<Worker>()
  private failedStarts = 0
  private stopped = false
  private onIdle: (() => void) | undefined

  constructor(
    private readonly entry: string,
    private readonly state: PoolState,
  ) {}

  get running(): boolean {
    return this.live.size > 0
  }

  /** Settles when no worker is left. */
  idle(): Promise<void> {
    return this.live.size === 0 ? Promise.resolve() : new Promise((resolve) => (this.onIdle = resolve))
  }

  /** The deadline passed: every worker stops, the modules they held stay undone. */
  stopAll(): void {
    this.stopped = true
    for (const worker of [...this.live]) this.end(worker)
  }

  start(): void {
    if (this.stopped || this.failedStarts >= MAX_FAILED_STARTS) return
    const { state } = this
    const worker = new Worker(this.entry)
    this.live.add(worker)
    /** Modules sent, in order: the worker parses them one after another, so the first is the one in progress. */
    const held: number[] = []
    let ready = false
    const send = (): void => {
      if (state.late()) return
      const index = state.queue.shift()
      if (index === undefined) return
      held.push(index)
      worker.postMessage({ id: index, root: state.root, task: state.tasks[index]!, maxFileBytes: state.maxFileBytes } satisfies WorkerRequest)
    }
    const requeueHeld = (): void => void state.queue.unshift(...held.splice(0))
    worker.on('message', (reply: WorkerReply) => {
      if (!this.live.has(worker)) return
      if ('ready' in reply) {
        ready = true
        this.failedStarts = 0
        return
      }
      if (held.includes(reply.id)) held.splice(held.indexOf(reply.id), 1)
      if ('aborted' in reply) {
        // Its parser is unusable: the module goes back without the file, to a fresh worker.
        const task = state.tasks[reply.id]!
        task.aborted = [...(task.aborted ?? []), reply.aborted]
        state.queue.unshift(reply.id)
        requeueHeld()
        // The replacement starts before this one ends, so the pool is never idle in between.
        this.start()
        this.end(worker)
        return
      }
      if ('unit' in reply) {
        state.units[reply.id] = reply.unit
        state.parsed?.(reply.id)
      }
      send()
      if (held.length === 0) this.end(worker)
    })
    const failed = (): void => {
      if (!this.live.has(worker)) return
      if (ready && held.length > 0) {
        // Out of memory or crashed while parsing the first module it held: that module loses its largest file not yet dropped.
        const task = state.tasks[held[0]!]!
        const culprit = largestFile(state.root, task.files.filter((f) => !task.aborted?.includes(f)))
        if (culprit !== undefined) task.aborted = [...(task.aborted ?? []), culprit]
      } else this.failedStarts++
      requeueHeld()
      // A worker that could not start hands its modules to the scanning thread (parseModules parses what is left).
      if (ready || this.failedStarts < MAX_FAILED_STARTS) this.start()
      this.end(worker)
    }
    worker.on('error', failed)
    worker.on('exit', failed)
    for (let i = 0; i < IN_FLIGHT; i++) send()
    if (held.length === 0) this.end(worker)
  }

  private end(worker: Worker): void {
    if (!this.live.delete(worker)) return
    void worker.terminate()
    if (this.live.size === 0) this.onIdle?.()
  }
}

function largestFile(root: string, files: string[]): string | undefined {
  const sizes = moduleSizes(root, files.map((file) => ({ dir: '.', files: [file] })))
  let best: number | undefined
  for (const [i, size] of sizes.entries()) if (best === undefined || size > sizes[best]!) best = i
  return best === undefined ? undefined : files[best]
}
