import { describe, expect, it } from 'vitest'
import type { Scp, ScpTarget } from '../../src/model/aws.js'
import { Unknown } from '../../src/model/source.js'
import attachedToRoot from '../../src/rules/scp/attached-to-root.js'
import invalidElement from '../../src/rules/scp/invalid-element.js'
import lockout from '../../src/rules/scp/lockout-risk.js'
import regions from '../../src/rules/scp/region-restriction-missing.js'
import guardrails from '../../src/rules/scp/required-guardrail-missing.js'
import { at, known, lines, meta, model, policy, run } from './trust-fixtures.js'

function scp(statements: string, address = 'aws_organizations_policy.p', targets: ScpTarget[] = []): Scp {
  const owner = meta(address)
  return { meta: owner, name: known('p', 2), document: policy('scp', `{"Version":"2012-10-17","Statement":[\n${statements}\n]}`, owner, 10), targets }
}

const withScps = (...scps: Scp[]) => model((m) => m.organizations.scps.push(...scps))

describe('scp/invalid-element', () => {
  it('reports Principal and NotPrincipal at their first entry', () => {
    const findings = run(invalidElement, withScps(scp('{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"},\n{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"*","Resource":"*"}')))
    expect(lines(findings)).toEqual([11, 12])
    expect(findings.map((f) => f.element)).toEqual(['Statement[0].Principal', 'Statement[1].NotPrincipal'])
  })

  it('reports an SCP over 5,120 characters', () => {
    const actions = Array.from({ length: 400 }, (_, i) => `"ec2:Action${i}"`).join(',')
    const findings = run(invalidElement, withScps(scp(`{"Effect":"Deny","Action":[${actions}],"Resource":"*"}`)))
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/^SCP is \d+ characters; Organizations accepts at most 5120$/)])
  })
})

describe('scp/attached-to-root', () => {
  const root: ScpTarget = { loc: at(30), targetId: known('r-ab12', 31), isRoot: true }
  const ou: ScpTarget = { loc: at(40), targetId: known('ou-ab12-cdef', 41), isRoot: false }

  it('reports root attachments of SCPs with a Deny', () => {
    expect(lines(run(attachedToRoot, withScps(scp('{"Effect":"Deny","Action":"s3:*","Resource":"*"}', 'p.a', [root, ou]))))).toEqual([31])
  })

  it('leaves Allow-only SCPs and OU attachments alone', () => {
    expect(run(attachedToRoot, withScps(scp('{"Effect":"Allow","Action":"*","Resource":"*"}', 'p.a', [root]), scp('{"Effect":"Deny","Action":"*","Resource":"*"}', 'p.b', [ou])))).toEqual([])
  })
})

describe('scp/region-restriction-missing', () => {
  it('runs only with allowed_regions and at least one SCP', () => {
    expect(run(regions, withScps(scp('{"Effect":"Deny","Action":"s3:*","Resource":"*"}')))).toEqual([])
    expect(run(regions, withScps(), { allowed_regions: ['eu-west-1'] })).toEqual([])
  })

  it('reports at the first SCP when none denies on aws:RequestedRegion', () => {
    const findings = run(regions, withScps(scp('{"Effect":"Deny","Action":"s3:*","Resource":"*"}', 'p.first'), scp('{"Effect":"Deny","Action":"ec2:*","Resource":"*"}', 'p.second')), { allowed_regions: ['eu-west-1'] })
    expect(findings.map((f) => `${f.resource?.address}:${f.loc.startLine}`)).toEqual(['p.first:1'])
  })

  it('accepts a Deny conditioned on aws:RequestedRegion in any SCP', () => {
    const region = '{"Effect":"Deny","NotAction":["iam:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]}}}'
    expect(run(regions, withScps(scp('{"Effect":"Deny","Action":"s3:*","Resource":"*"}'), scp(region, 'p.b')), { allowed_regions: ['eu-west-1'] })).toEqual([])
  })
})

describe('scp/lockout-risk', () => {
  const deny = (rest: string) => `{"Effect":"Deny",${rest}}`

  it('reports a broad Deny at its broad element', () => {
    expect(lines(run(lockout, withScps(scp(deny('"Action":["s3:GetObject","*"],"Resource":"*"')))))).toEqual([11])
    expect(run(lockout, withScps(scp(deny('"Action":["IAM:*"],"Resource":"*"')))).map((f) => f.element)).toEqual(['Statement[0]'])
    expect(lines(run(lockout, withScps(scp(deny('"NotAction":["support:*"],"Resource":"*"')))))).toEqual([11])
  })

  it('ignores narrow actions and resource-scoped Denies', () => {
    expect(run(lockout, withScps(scp(deny('"Action":["s3:Delete*"],"Resource":"*"'))))).toEqual([])
    expect(run(lockout, withScps(scp(deny('"Action":"*","Resource":"arn:aws:s3:::audit-logs/*"'))))).toEqual([])
  })

  it('accepts principal exceptions, targeted Denies, region conditions and unknown conditions', () => {
    for (const condition of [
      '{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/BreakGlass"}}',
      '{"StringNotEquals":{"aws:PrincipalTag/team":"platform"}}',
      '{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}',
      '{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}',
      '{"StringEquals":{"${var.key}":"x"}}',
    ]) {
      expect(run(lockout, withScps(scp(deny(`"Action":"*","Resource":"*","Condition":${condition}`)))), condition).toEqual([])
    }
  })

  it('still reports when the only condition does not exempt anyone', () => {
    expect(run(lockout, withScps(scp(deny('"Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}'))))).toHaveLength(1)
  })

  it('with break_glass_principals, requires the exception to cover a break-glass principal', () => {
    const params = { break_glass_principals: ['arn:aws:iam::*:role/BreakGlass*'] }
    const other = deny('"Action":"*","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/ops-*"}}')
    const some = deny('"Action":"*","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/ops","arn:aws:iam::111122223333:role/BreakGlassAdmin"]}}')
    expect(run(lockout, withScps(scp(other)), params)).toHaveLength(1)
    expect(run(lockout, withScps(scp(some)), params)).toEqual([])
  })
})

describe('scp/required-guardrail-missing', () => {
  const required = (list: unknown[]) => ({ required_scp_guardrails: list })

  it('runs only when the model has an SCP', () => {
    expect(run(guardrails, withScps())).toEqual([])
  })

  it('reports each default guardrail no SCP denies, at the first SCP', () => {
    const findings = run(guardrails, withScps(scp('{"Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail","config:*"],"Resource":"*"}')))
    expect(findings.map((f) => f.message)).toEqual([
      'No SCP denies cloudtrail:UpdateTrail',
      'No SCP denies organizations:LeaveOrganization',
      'No SCP denies iam:CreateAccessKey for arn:aws:iam::*:root (not denied: iam:CreateAccessKey)',
    ])
    expect(new Set(lines(findings))).toEqual(new Set([1]))
  })

  it('requires every action a pattern expands to, matched with wildcards', () => {
    const partial = scp('{"Effect":"Deny","Action":["config:DeleteConfigRule","config:DeleteConfigurationRecorder","config:Stop*"],"Resource":"*"}')
    const [finding, ...rest] = run(guardrails, withScps(partial), required(['config:Stop*', 'config:Delete*']))
    expect(rest).toEqual([])
    expect(finding?.message).toMatch(/^No SCP denies config:Delete\* \(not denied: config:DeleteAggregationAuthorization, .*config:DeleteDeliveryChannel/)
    expect(finding?.message).not.toMatch(/config:DeleteConfigRule,/)
    expect(run(guardrails, withScps(scp('{"Effect":"Deny","Action":"CONFIG:delete*","Resource":"*"}')), required(['config:Delete*']))).toEqual([])
  })

  it('counts Deny statements with exceptions, and NotAction Denies that do not exclude the action', () => {
    const excepted = scp('{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/BreakGlass"}}}')
    expect(run(guardrails, withScps(excepted), required(['organizations:LeaveOrganization']))).toEqual([])
    const notAction = scp('{"Effect":"Deny","NotAction":["iam:*"],"Resource":"*"}')
    expect(run(guardrails, withScps(notAction), required(['organizations:LeaveOrganization']))).toEqual([])
    expect(run(guardrails, withScps(notAction), required(['iam:CreateUser']))).toHaveLength(1)
  })

  it('does not count a Deny aimed at other principals, nor one that exempts the guardrail\'s principal', () => {
    const targeted = scp('{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/dev-*"}}}')
    expect(run(guardrails, withScps(targeted), required(['organizations:LeaveOrganization']))).toHaveLength(1)
    const root = { action: 'iam:CreateAccessKey', principal: 'arn:aws:iam::*:root' }
    const rootOnly = scp('{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":["arn:aws:iam::*:root"]}}}')
    const exemptsRoot = scp('{"Effect":"Deny","Action":"iam:CreateAccessKey","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}')
    const everyone = scp('{"Effect":"Deny","Action":"iam:CreateAccessKey","Resource":"*"}')
    expect(run(guardrails, withScps(rootOnly), required([root]))).toEqual([])
    expect(run(guardrails, withScps(everyone), required([root]))).toEqual([])
    expect(run(guardrails, withScps(exemptsRoot), required([root]))).toHaveLength(1)
  })

  it('never reports when an SCP document is unknown', () => {
    const unknownScp = scp('{"Effect":"Deny","Action":"s3:*","Resource":"*"}')
    unknownScp.document.unknown = new Unknown('content from a variable', 'var.scp')
    expect(run(guardrails, withScps(unknownScp))).toEqual([])
  })
})
