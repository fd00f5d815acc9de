import type { Reporter, SerializedError, TestModule } from 'vitest/node'

/**
 * Ends a run with the plain `N passed, N failed` line that CI systems read, after vitest's own summary.
 * A test file that fails to load (a syntax error, a throwing import, a missing fixture read at the top)
 * has no tests to count: it counts as one failure, and so does each error outside any test.
 */
export default class SummaryLine implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const module of testModules) {
      if (module.errors().length > 0) failed++
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}
