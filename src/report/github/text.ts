/** A finding's message (masked where findings leave the pipeline) cut to `max` characters: one finding must not crowd out the others in a size-limited body. */
export function shortMessage(message: string, max: number): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`
}
