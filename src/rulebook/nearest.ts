import { nearest } from '../text/nearest.js'

/** `; did you mean 'x'?` when a candidate is close enough to `word` to be what a typo meant, else nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const suggestion = nearest(word, candidates, Math.max(2, Math.floor(word.length / 3)))
  return suggestion ? `; did you mean '${suggestion}'?` : ''
}
