import type { ParsedUnit } from '../types.js'
import type { ModuleTask } from './module-task.js'

/** Scanning thread → parse worker: one module to parse, `id` its index in the scan. */
export interface WorkerRequest {
  id: number
  root: string
  task: ModuleTask
}

/** Parse worker → scanning thread: the unit, or why the worker could not produce one (the scanning thread then parses it itself). */
export type WorkerReply = { id: number; unit: ParsedUnit } | { id: number; error: string }
