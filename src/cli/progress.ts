/** Progress of a long scan on a terminal: `parsed N/M files` on stderr, from the first second on, erased at the end. */
export function progressLine(stream: NodeJS.WriteStream = process.stderr, delayMs = 1000): { update(parsed: number, total: number): void; done(): void } {
  const started = performance.now()
  let shown = false
  let last = 0
  return {
    update(parsed, total) {
      if (!stream.isTTY) return
      const now = performance.now()
      // Parsing runs in this thread, so no timer could fire: the line is redrawn from the callback, at most 10 times a second.
      if (now - started < delayMs || (now - last < 100 && parsed < total)) return
      last = now
      shown = true
      stream.write(`\r\u001b[2Kpolicygate: parsed ${parsed}/${total} files`)
    },
    done() {
      if (shown) stream.write('\r\u001b[2K')
    },
  }
}
