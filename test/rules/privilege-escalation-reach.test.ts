import { emptyModel } from '../../src/model/aws.js'
import { describe, expect, it } from 'vitest'
import rule from '../../src/rules/iam/privilege-escalation.js'
import { runRules } from '../../src/rules/run.js'
import { scanExample } from '../helpers/examples.js'

// A build started by a pipeline or a schedule: the role may start one named project, not any.
const pipelineRole = (project: string) => `Resources:
  PipelineRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: [codepipeline.amazonaws.com, events.amazonaws.com] }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: start-build
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
                  - codebuild:StartBuild
                  - codebuild:BatchGetBuilds
                Resource: ${project}
`

describe('iam/privilege-escalation: severity follows what the method reaches', () => {
  it('starting one named build project is high, not critical', async () => {
    const findings = await scanExample(rule, 'cloudformation', { code: pipelineRole('arn:aws:codebuild:eu-west-1:111122223333:project/site-build') })
    expect(findings.map((f) => [f.ruleId, f.severity, f.loc.startLine])).toEqual([['iam/privilege-escalation', 'high', 18]])
    expect(findings[0]!.message).toContain('Only named resources are reached')
  })

  it('starting any build project of the account stays critical', async () => {
    const findings = await scanExample(rule, 'cloudformation', { code: pipelineRole('"*"') })
    expect(findings.map((f) => [f.severity, f.loc.startLine])).toEqual([['critical', 18]])
  })
})

describe('runRules: a finding\'s own severity under the rule\'s default; a severity the rulebook sets, for every finding', () => {
  const model = emptyModel()
  const fake = (severity?: 'high' | 'info') => ({ ...rule, check: (_: unknown, report: (r: never) => void) => report({ at: { loc: { file: 'a', startLine: 1, endLine: 1 } }, resource: { address: 'x', sourceType: 'x' }, message: 'm', severity } as never) })
  it('at the rule\'s default severity: the finding\'s own; set otherwise by the rulebook: the rulebook\'s', () => {
    expect(runRules(model, [{ rule: fake('high'), params: {}, severity: 'critical' }]).findings[0]!.severity).toBe('high')
    expect(runRules(model, [{ rule: fake('high'), params: {}, severity: 'medium' }]).findings[0]!.severity).toBe('medium')
    expect(runRules(model, [{ rule: fake(), params: {}, severity: 'low' }]).findings[0]!.severity).toBe('low')
  })
})
