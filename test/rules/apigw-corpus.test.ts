import { it } from 'vitest'
import { corpusCases, expectCorpusScore } from '../helpers/corpus.js'
import { describeWithCorpus } from '../helpers/corpus-dir.js'

const cases = corpusCases((id) => /^(apigw|lambda|waf)\//.test(id))

describeWithCorpus(['trivy', 'manifest.json'], 'Trivy corpus: API Gateway, Lambda and WAF rules', () => {
  it('detects ≥ 90% of bad cases with ≤ 5% false positives on good ones', async () => {
    await expectCorpusScore('apigw/lambda/waf', cases)
  }, 120_000)
})
