import { describe, expect, it } from 'vitest'
import { moduleLocalRef } from '../../src/extract/references.js'
import { parsePlan } from '../../src/parse/plan/index.js'
import type { RawResource } from '../../src/parse/types.js'
import { path } from '../../src/parse/value.js'

/*
 * What the plan parser reads from a plan's `configuration` section: the references that let extract join
 * resources (known values too, unknowns inside lists and maps, nested blocks), which unknowns are only the
 * provider's computed attributes, and the declarations secrets rules look at (variables, providers, modules).
 */
const plan = {
  format_version: '1.2',
  variables: { region_key: { value: 'AKIAIOSFODNN7EXAMPLE' } },
  planned_values: {
    root_module: {
      child_modules: [
        {
          address: 'module.api',
          resources: [
            { address: 'module.api.aws_api_gateway_stage.prod', mode: 'managed', type: 'aws_api_gateway_stage', name: 'prod', values: { stage_name: 'prod', access_log_settings: [{ format: 'json' }] } },
            { address: 'module.api.aws_api_gateway_method_settings.all', mode: 'managed', type: 'aws_api_gateway_method_settings', name: 'all', values: { stage_name: 'prod', rest_api_id: 'a1b2c3' } },
            { address: 'module.api.aws_vpc_endpoint.sts', mode: 'managed', type: 'aws_vpc_endpoint', name: 'sts', values: { security_group_ids: [null] } },
            { address: 'module.api.aws_cognito_identity_pool_roles_attachment.app', mode: 'managed', type: 'aws_cognito_identity_pool_roles_attachment', name: 'app', values: { roles: {} } },
          ],
        },
      ],
    },
  },
  resource_changes: [
    { address: 'module.api.aws_api_gateway_stage.prod', change: { after_unknown: { id: true, arn: true, policy: true, access_log_settings: [{ destination_arn: true }] } } },
    { address: 'module.api.aws_vpc_endpoint.sts', change: { after_unknown: { id: true, security_group_ids: [true] } } },
    { address: 'module.api.aws_cognito_identity_pool_roles_attachment.app', change: { after_unknown: { roles: { unauthenticated: true } } } },
  ],
  configuration: {
    provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' }, assume_role: [{ role_arn: { constant_value: 'arn:aws:iam::111122223333:role/deploy' } }] } } },
    root_module: {
      variables: { region_key: { sensitive: true } },
      module_calls: {
        api: {
          source: './modules/api',
          expressions: { db_password: { constant_value: 'Sup3rS3cret!' } },
          module: {
            outputs: { banner: { expression: { constant_value: 'hello' } } },
            variables: { db_password: { default: 'changeme' }, name: { description: 'the API name' } },
            resources: [
              { address: 'aws_api_gateway_stage.prod', expressions: { stage_name: { constant_value: 'prod' }, access_log_settings: [{ destination_arn: { references: ['aws_cloudwatch_log_group.api.arn', 'aws_cloudwatch_log_group.api'] } }] } },
              { address: 'aws_api_gateway_method_settings.all', expressions: { stage_name: { references: ['aws_api_gateway_stage.prod.stage_name', 'aws_api_gateway_stage.prod'] }, rest_api_id: { constant_value: 'a1b2c3' } } },
              { address: 'aws_vpc_endpoint.sts', expressions: { security_group_ids: { references: ['aws_security_group.endpoints.id', 'aws_security_group.endpoints'] } } },
              { address: 'aws_cognito_identity_pool_roles_attachment.app', expressions: { roles: { references: ['aws_iam_role.guest.arn', 'aws_iam_role.guest'] } } },
            ],
          },
        },
      },
    },
  },
}

const text = JSON.stringify(plan, null, 2)
const lines = text.split('\n')
const lineOf = (needle: string) => lines.findIndex((line) => line.includes(needle)) + 1

describe('plan configuration', () => {
  const unit = parsePlan({ path: 'plan.json', text })!
  const byAddress = (address: string): RawResource => unit.resources.find((r) => r.address === address)!

  it('gives a known value the resource its expression refers to, as the HCL parser does', () => {
    expect(path(byAddress('module.api.aws_api_gateway_method_settings.all').body, 'stage_name')).toMatchObject({ kind: 'string', value: 'prod', ref: 'module.api.aws_api_gateway_stage.prod.stage_name' })
    expect(path(byAddress('module.api.aws_api_gateway_method_settings.all').body, 'rest_api_id')?.ref).toBeUndefined()
  })

  it('gives unknowns inside a list or map attribute, and inside nested blocks, their reference', () => {
    expect(path(byAddress('module.api.aws_vpc_endpoint.sts').body, 'security_group_ids')).toMatchObject({ kind: 'list', items: [{ kind: 'unknown', ref: 'module.api.aws_security_group.endpoints.id' }] })
    expect(path(byAddress('module.api.aws_cognito_identity_pool_roles_attachment.app').body, 'roles.unauthenticated')).toMatchObject({ kind: 'unknown', ref: 'module.api.aws_iam_role.guest.arn' })
    expect(path(byAddress('module.api.aws_api_gateway_stage.prod').body, 'access_log_settings.destination_arn')).toMatchObject({ kind: 'unknown', ref: 'module.api.aws_cloudwatch_log_group.api.arn' })
  })

  it('leaves out what the provider computes and the configuration does not write, as the HCL does', () => {
    const stage = byAddress('module.api.aws_api_gateway_stage.prod').body
    expect([path(stage, 'id'), path(stage, 'arn'), path(stage, 'policy')]).toEqual([undefined, undefined, undefined])
    expect(path(stage, 'access_log_settings.format')).toMatchObject({ value: 'json' })
  })

  it('reads every module variable as an input, named by its module, hidden when sensitive', () => {
    // Each input is located at its name, the line before its first property.
    expect(unit.inputs.map((input) => [input.name, input.hidden, input.defaultValue?.value, input.loc.startLine])).toEqual([
      ['region_key', true, undefined, lineOf('"sensitive": true') - 1],
      ['module.api.db_password', false, 'changeme', lineOf('"default": "changeme"') - 1],
      ['module.api.name', false, undefined, lineOf('"description": "the API name"') - 1],
    ])
    expect(unit.inputs[0]!.hiddenLoc?.startLine).toBe(lineOf('"sensitive": true'))
  })

  it('records constants outside resources as literals: providers, module arguments, outputs, defaults and root variable values', () => {
    const literals = unit.literals.map((literal) => [literal.key, literal.value, literal.loc.startLine])
    expect(literals).toEqual(expect.arrayContaining([
      ['region', 'eu-west-1', lineOf('"eu-west-1"')],
      ['role_arn', 'arn:aws:iam::111122223333:role/deploy', lineOf('role/deploy')],
      ['db_password', 'Sup3rS3cret!', lineOf('Sup3rS3cret!')],
      ['banner', 'hello', lineOf('"hello"')],
      ['default', 'changeme', lineOf('"changeme"')],
      ['region_key', 'AKIAIOSFODNN7EXAMPLE', lineOf('AKIAIOSFODNN7EXAMPLE')],
    ]))
  })
})

describe('references relative to their module', () => {
  it('drops the module path plans put before an address', () => {
    expect(moduleLocalRef('module.api.aws_api_gateway_stage.prod.arn')).toBe('aws_api_gateway_stage.prod.arn')
    expect(moduleLocalRef('module.a["x"].module.b[0].aws_iam_role.r.arn')).toBe('aws_iam_role.r.arn')
    expect(moduleLocalRef('aws_iam_role.r.arn')).toBe('aws_iam_role.r.arn')
  })
})
