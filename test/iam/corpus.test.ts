import { it } from 'vitest'
import { corpusCases, expectCorpusScore } from '../helpers/corpus.js'
import { describeWithCorpus } from '../helpers/corpus-dir.js'

const POLICY_CONTENT_RULES = new Set([
  'iam/full-admin', 'iam/service-wildcard-action', 'iam/wildcard-resource-write', 'iam/not-action-allow', 'iam/not-resource-allow',
  'iam/privilege-escalation', 'iam/passrole-unrestricted', 'iam/credentials-exposure', 'iam/resource-exposure', 'iam/data-exfiltration',
  'iam/unknown-action', 'iam/invalid-condition', 'iam/resource-mismatch', 'iam/invalid-policy', 'iam/redundant-statement',
  'iam/access-widened', 'iam/critical-action-granted',
])
const cases = corpusCases((id) => POLICY_CONTENT_RULES.has(id))

describeWithCorpus(['trivy', 'manifest.json'], 'Trivy corpus: IAM policy-content rules', () => {
  it('detects ≥ 90% of bad cases with ≤ 5% false positives on good ones', async () => {
    await expectCorpusScore('iam policy content', cases)
  }, 120_000)
})
