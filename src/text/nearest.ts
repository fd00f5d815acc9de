/** The candidate closest to `word` by edit distance (case ignored), when at most `maxDistance` edits away: a likely typo. */
export function nearest(word: string, candidates: Iterable<string>, maxDistance: number): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  const target = word.toLowerCase()
  for (const candidate of candidates) {
    // The distance is at least the difference in length: a candidate that cannot win or qualify is not measured (a 5,000-character word took seconds).
    const lower = candidate.toLowerCase()
    const gap = Math.abs(target.length - lower.length)
    if (gap > maxDistance || gap >= bestDistance) continue
    const distance = editDistance(target, lower)
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best !== undefined && bestDistance <= maxDistance ? best : undefined
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}
