import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parsePlan } from '../../src/parse/plan/index.js'
import type { RawResource } from '../../src/parse/types.js'
import { path } from '../../src/parse/value.js'

const text = readFileSync(new URL('../fixtures/plan/app.tfplan.json', import.meta.url), 'utf8')
const lines = text.split('\n')

/** 1-based line of the first line containing `needle` at or after line `from`: positions are checked against the fixture's own text. */
function lineOf(needle: string, from = 1): number {
  const index = lines.findIndex((line, i) => i + 1 >= from && line.includes(needle))
  if (index < 0) throw new Error(`fixture has no ${needle}`)
  return index + 1
}

describe('terraform plan JSON', () => {
  const unit = parsePlan({ path: 'plans/app.tfplan.json', text })!
  const byAddress = (address: string): RawResource => {
    const found = unit.resources.find((resource) => resource.address === address)
    if (!found) throw new Error(`no resource ${address}`)
    return found
  }

  it('is recognised by content; other JSON is not a plan', () => {
    expect(unit).toMatchObject({ framework: 'terraform', files: ['plans/app.tfplan.json'], diagnostics: [] })
    expect(parsePlan({ path: 'package.json', text: '{ "name": "x", "version": "1.0.0" }' })).toBeUndefined()
    expect(parsePlan({ path: 'state.json', text: '{ "format_version": "1.0", "values": { "root_module": {} } }' })).toBeUndefined()
    expect(parsePlan({ path: 't.yaml', text: 'format_version: 1\nplanned_values: {}\n' })).toBeUndefined()
  })

  it('reports a broken plan as a parse error with its line', () => {
    const broken = parsePlan({ path: 'p.json', text: '{\n  "format_version": "1.2",\n  "planned_values": {\n    "root_module": [\n}' })
    expect(broken?.diagnostics).toMatchObject([{ kind: 'parse-error', loc: { file: 'p.json', startLine: 5 } }])
  })

  it('gives every resource of the root and child modules, with plan addresses and modes', () => {
    expect(unit.resources.map((resource) => [resource.mode, resource.type, resource.address])).toEqual([
      ['resource', 'aws_iam_role', 'aws_iam_role.app'],
      ['resource', 'aws_iam_policy', 'aws_iam_policy.deploy'],
      ['resource', 'aws_iam_role_policy_attachment', 'aws_iam_role_policy_attachment.deploy'],
      ['resource', 'aws_ssm_parameter', 'aws_ssm_parameter.token'],
      ['data', 'aws_caller_identity', 'module.api.data.aws_caller_identity.current'],
      ['resource', 'aws_api_gateway_rest_api', 'module.api.aws_api_gateway_rest_api.this'],
      ['resource', 'aws_api_gateway_method', 'module.api.aws_api_gateway_method.verbs["GET"]'],
    ])
    expect(unit.resources.every((resource) => resource.framework === 'terraform' && resource.suppressions.length === 0)).toBe(true)
  })

  it('locates each resource at its object in planned_values and each value at its line', () => {
    const role = byAddress('aws_iam_role.app')
    const roleStart = lineOf('"address": "aws_iam_role.app"') - 1
    expect(role.loc).toMatchObject({ file: 'plans/app.tfplan.json', startLine: roleStart })
    expect(role.loc.endLine).toBe(lineOf('"address": "aws_iam_policy.deploy"') - 2)
    expect(path(role.body, 'name')).toMatchObject({ kind: 'string', value: 'app', loc: { startLine: lineOf('"name": "app"', lineOf('"values"', roleStart)) } })
    expect(path(role.body, 'max_session_duration')).toMatchObject({ kind: 'number', value: 3600, loc: { startLine: lineOf('"max_session_duration"', roleStart) } })
    const method = byAddress('module.api.aws_api_gateway_method.verbs["GET"]')
    expect(path(method.body, 'authorization')).toMatchObject({ value: 'NONE', loc: { startLine: lineOf('"authorization": "NONE"') } })
  })

  it('keeps policy JSON as strings, for extract to parse', () => {
    const policy = path(byAddress('aws_iam_role.app').body, 'inline_policy.policy')
    expect(policy).toMatchObject({ kind: 'string', loc: { startLine: lineOf('"policy": "{\\"Version') } })
    expect(policy?.kind === 'string' && JSON.parse(policy.value).Statement[0].Action).toBe('*')
  })

  it('marks lists of objects as nested blocks', () => {
    const inline = path(byAddress('aws_iam_role.app').body, 'inline_policy')
    expect(inline).toMatchObject({ kind: 'list', items: [{ kind: 'map', block: true }] })
    expect(path(byAddress('module.api.aws_api_gateway_rest_api.this').body, 'endpoint_configuration')).toMatchObject({ items: [{ block: true }] })
    expect(path(byAddress('aws_iam_role.app').body, 'tags')).not.toHaveProperty('block')
  })

  it('turns what after_unknown marks into unknown values, added at the resource line when the plan omits them', () => {
    const policy = byAddress('aws_iam_policy.deploy')
    expect(path(policy.body, 'arn')).toMatchObject({ kind: 'unknown', reason: 'known after apply', loc: { startLine: policy.loc.startLine, endLine: policy.loc.startLine } })
    const role = byAddress('aws_iam_role.app')
    expect(path(role.body, 'name')).toMatchObject({ kind: 'string' })
    // The configuration writes only `name`: what the provider computes besides stays absent, as in the HCL.
    expect([path(role.body, 'arn'), path(role.body, 'managed_policy_arns'), path(role.body, 'tags_all')]).toEqual([undefined, undefined, undefined])
    const api = byAddress('module.api.aws_api_gateway_rest_api.this')
    expect(path(api.body, 'endpoint_configuration.vpc_endpoint_ids')).toMatchObject({ kind: 'unknown', reason: 'known after apply' })
    expect(path(api.body, 'endpoint_configuration.types')).toMatchObject({ kind: 'list', items: [{ value: 'REGIONAL' }] })
  })

  it('gives an unknown attribute the resource its configuration refers to, with the module prefix', () => {
    expect(path(byAddress('aws_iam_role_policy_attachment.deploy').body, 'policy_arn')).toMatchObject({ kind: 'unknown', ref: 'aws_iam_policy.deploy.arn' })
    const method = byAddress('module.api.aws_api_gateway_method.verbs["GET"]')
    expect(path(method.body, 'rest_api_id')).toMatchObject({ kind: 'unknown', ref: 'module.api.aws_api_gateway_rest_api.this.id' })
    expect(path(method.body, 'resource_id')).toMatchObject({ ref: 'module.api.aws_api_gateway_rest_api.this.root_resource_id' })
    expect(path(method.body, 'id')?.ref).toBeUndefined()
    expect(path(byAddress('aws_iam_role_policy_attachment.deploy').body, 'role')).toMatchObject({ kind: 'string', value: 'app' })
  })

  it('records literal strings with their keys, sensitive values included', () => {
    expect(unit.literals.find((literal) => literal.value === 'AKIAIOSFODNN7EXAMPLE')).toMatchObject({ key: 'value', loc: { startLine: lineOf('"value": "AKIAIOSFODNN7EXAMPLE"') } })
    expect(unit.literals.find((literal) => literal.value === 'payments')).toMatchObject({ key: 'team' })
    expect(unit.inputs).toEqual([])
  })
})

describe('data sources a plan read while planning', () => {
  const plan = (resources: object[]) =>
    JSON.stringify({ format_version: '1.2', planned_values: { root_module: {} }, prior_state: { values: { root_module: { resources } } } }, null, 2)
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }

  it('takes aws_iam_policy_document from prior_state, with the json Terraform computed from the code', () => {
    const text = plan([
      { address: 'data.aws_iam_policy_document.admin', mode: 'data', type: 'aws_iam_policy_document', name: 'admin', values: { json: JSON.stringify(policy) } },
      { address: 'data.aws_secretsmanager_secret_version.db', mode: 'data', type: 'aws_secretsmanager_secret_version', name: 'db', values: { secret_string: 'from AWS, not from the code' } },
    ])
    const unit = parsePlan({ path: 'plan.json', text })!
    expect(unit.resources.map((r) => [r.mode, r.type, r.address])).toEqual([['data', 'aws_iam_policy_document', 'data.aws_iam_policy_document.admin']])
    expect(path(unit.resources[0]!.body, 'json')).toMatchObject({ kind: 'string', value: JSON.stringify(policy) })
    expect(unit.literals.map((l) => l.value)).not.toContain('from AWS, not from the code')
  })
})
