import { redact } from '../redact.js'

/** A finding's message, secrets masked, cut to `max` characters: one finding must not crowd out the others in a size-limited body. */
export function shortMessage(message: string, max: number): string {
  const safe = redact(message)
  return safe.length <= max ? safe : `${safe.slice(0, max - 1)}…`
}
