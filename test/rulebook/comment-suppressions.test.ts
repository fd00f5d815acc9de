import { describe, expect, it } from 'vitest'
import { parseTemplate } from '../../src/parse/cloudformation/index.js'

const TEMPLATE = `Resources:
  # policygate:ignore iam/full-admin break-glass, SEC-1 until 2030-01-01

  Admin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Description: "not a comment # policygate:ignore iam/* inside a string"
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: "*" # policygate:ignore iam/full-admin on the line
            Resource: "*"
  Other:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Description: |
        # policygate:ignore iam/* a block scalar line is text
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
`

describe('CloudFormation YAML comment suppressions', () => {
  it('a comment above a resource or on one of its lines suppresses on that resource; the same text inside a string does not', () => {
    const unit = parseTemplate({ path: 't.yaml', text: TEMPLATE })!
    const byResource = Object.fromEntries(unit.resources.map((r) => [r.address, r.suppressions.map((s) => [s.ruleId, s.reason, s.until, s.loc.startLine])]))
    expect(byResource).toEqual({
      Admin: [
        ['iam/full-admin', 'break-glass, SEC-1', '2030-01-01', 2],
        ['iam/full-admin', 'on the line', undefined, 11],
      ],
      Other: [],
    })
  })

  it('JSON templates have no comments, so nothing is read from their strings', () => {
    const json = JSON.stringify({ Resources: { Admin: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Description: ' # policygate:ignore iam/* text' } } } }, null, 2)
    expect(parseTemplate({ path: 't.json', text: json })!.resources[0]!.suppressions).toEqual([])
  })
})
