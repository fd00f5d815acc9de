import { describe, it } from 'vitest'
import { corpusCases, expectCorpusScore } from '../helpers/corpus.js'

const cases = corpusCases((id) => /^(apigw|lambda|waf)\//.test(id))

describe('Trivy corpus: API Gateway, Lambda and WAF rules', () => {
  it('detects ≥ 90% of bad cases with ≤ 5% false positives on good ones', async () => {
    await expectCorpusScore('apigw/lambda/waf', cases)
  }, 120_000)
})
