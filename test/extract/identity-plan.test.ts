import { describe, expect, it } from 'vitest'
import type { ParsedUnit, RawResource } from '../../src/parse/types.js'
import type { MapValue } from '../../src/parse/value.js'
import { isUnknown } from '../../src/model/source.js'
import { extract, lineOf, valueOf } from '../helpers/values.js'

/*
 * A plan's planned values: every reference already resolved to its value (or unknown, computed
 * after apply), policies as JSON strings whose elements cannot be mapped line by line.
 */
const trustJson = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}'
const plan = `{
  "module.app.aws_iam_role.app": {
    "name": "app-role",
    "assume_role_policy": ${JSON.stringify(trustJson)},
    "inline_policy": [{ "name": "inline", "policy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}" }],
    "managed_policy_arns": "@unknown()"
  },
  "module.app.aws_iam_role_policy_attachment.admin": {
    "role": "app-role",
    "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"
  },
  "module.app.aws_iam_policy.custom": {
    "name": "custom",
    "policy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"NotAction\\":\\"iam:*\\",\\"Resource\\":\\"*\\"}]}"
  },
  "module.app.aws_iam_role_policy_attachment.custom": {
    "role": "app-role",
    "policy_arn": "arn:aws:iam::111122223333:policy/custom"
  },
  "module.app.aws_s3_bucket_policy.site": {
    "bucket": "site",
    "policy": "not json"
  }
}`

function planUnit(): ParsedUnit {
  const root = valueOf(plan, 'plan.json') as MapValue
  const resources: RawResource[] = root.entries.map((entry) => {
    const body = entry.value as MapValue
    const type = entry.key.split('.').at(-2)!
    return { framework: 'terraform', mode: 'resource', type, address: entry.key, loc: { ...body.loc, startLine: entry.keyLoc.startLine }, body, suppressions: [] }
  })
  return { framework: 'terraform', files: ['plan.json'], resources, inputs: [], literals: [], diagnostics: [] }
}

describe('plan-shaped resources through the Terraform handlers', () => {
  const { model, diagnostics } = extract(planUnit())
  const role = model.iam.roles[0]!

  it('reads JSON-string policies with every element at the string that holds them', () => {
    expect(role.meta.address).toBe('module.app.aws_iam_role.app')
    const principal = role.trust!.statements[0]!.principals![0]!
    expect(principal).toMatchObject({ type: 'AWS', value: { value: '*', loc: { file: 'plan.json', startLine: lineOf(plan, '"assume_role_policy"') } } })
    expect(role.inlinePolicies[0]!.statements[0]!.actions![0]).toMatchObject({ value: '*', loc: { startLine: lineOf(plan, '"inline_policy"') } })
    expect(role.trust!.size).toBe(trustJson.length)
  })

  it('joins attachments by the literal names and ARNs the plan resolved', () => {
    const arns = role.managedPolicies.map((a) => a.policyArn.value)
    expect(isUnknown(arns[0])).toBe(true)
    expect(arns.slice(1)).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::111122223333:policy/custom'])
    expect(role.managedPolicies[2]!.policy?.meta.address).toBe('module.app.aws_iam_policy.custom')
  })

  it('reports a policy that is not JSON as a parse error at its line, and keeps the bucket policy unknown', () => {
    expect(diagnostics).toMatchObject([{ kind: 'parse-error', loc: { file: 'plan.json', startLine: lineOf(plan, '"not json"') } }])
    expect(model.resourcePolicies[0]!.document.unknown).toBeDefined()
    expect(model.resourcePolicies[0]!.target.value).toBe('site')
  })
})
