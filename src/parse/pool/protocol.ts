import type { ParsedUnit } from '../types.js'
import type { ModuleTask } from './module-task.js'

/** Scanning thread → parse worker: one module to parse, `id` its index in the scan. */
export interface WorkerRequest {
  id: number
  root: string
  task: ModuleTask
  maxFileBytes: number
}

/**
 * Parse worker → scanning thread: `ready` once it listens; then per module the unit, the file its
 * parser aborted on (the worker is then replaced), or why it could not produce one (the scanning
 * thread then parses it itself).
 */
export type WorkerReply = { ready: true } | { id: number; unit: ParsedUnit } | { id: number; aborted: string } | { id: number; error: string }
