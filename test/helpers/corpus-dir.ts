import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'vitest'
import { REPO } from './cli.js'

/*
 * The optional corpora (public Trivy-derived cases, real-world modules and templates) live beside the
 * checkout in ../shared/corpus, which a clone of the repository does not have. POLICYGATE_CORPUS_DIR
 * points elsewhere (an empty directory checks that the suite passes without them).
 */
export const CORPUS_DIR = process.env.POLICYGATE_CORPUS_DIR || join(REPO, '..', 'shared', 'corpus')

/** A path inside the corpus directory: `corpusPath('realworld', 'terraform')`. */
export function corpusPath(...parts: string[]): string {
  return join(CORPUS_DIR, ...parts)
}

/** A suite that needs `corpusPath(...parts)`: skipped, saying so in its name and on the console, when it is absent. */
export function describeWithCorpus(parts: string[], name: string, body: () => void): void {
  const needed = corpusPath(...parts)
  if (existsSync(needed)) {
    describe(name, body)
    return
  }
  console.info(`skipped "${name}": the corpus ${needed} is absent (set POLICYGATE_CORPUS_DIR)`)
  // The body is not run: it may read the corpus while collecting its tests.
  describe.skip(`${name} (skipped: no corpus at ${needed})`, () => {
    it('needs the corpus', () => {})
  })
}
