import { it } from 'vitest'
import { corpusCases, expectCorpusScore } from '../helpers/corpus.js'
import { describeWithCorpus } from '../helpers/corpus-dir.js'

const cases = corpusCases((id) => /^(resource-policy\/|iam\/(password-policy-weak|user-access-key|user-direct-policy)$)/.test(id))

describeWithCorpus(['trivy', 'manifest.json'], 'Trivy corpus: resource-policy and IAM user/password rules', () => {
  it('detects ≥ 90% of bad cases with ≤ 5% false positives on good ones', async () => {
    await expectCorpusScore('resource-policy, iam users/passwords', cases)
  }, 120_000)
})
