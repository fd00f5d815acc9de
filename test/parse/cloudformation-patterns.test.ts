import { describe, expect, it } from 'vitest'
import { HOLE } from '../../src/model/pattern.js'
import { valueOf } from './cloudformation-helpers.js'

// Patterns: the known text of a partly unknown string, each unknown run a HOLE.
const h = HOLE

const parameters = ['Parameters:', '  Stage:', '    Type: String', '    Default: prod', '  Owner:', '    Type: String']

describe('Fn::Sub keeps the known text of a partly unknown string', () => {
  it('in the short form, with pseudo parameters and attributes as holes', () => {
    expect(valueOf('!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com')).toMatchObject({
      kind: 'unknown',
      reason: 'depends on AWS::Partition, AWS::AccountId',
      pattern: `arn:${h}:iam::${h}:oidc-provider/token.actions.githubusercontent.com`,
    })
    expect(valueOf('!Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"')).toMatchObject({ kind: 'unknown', pattern: `arn:${h}:s3:::${h}/*` })
  })

  it('fills known parameters and literal `${!…}` text into the pattern', () => {
    expect(valueOf('!Sub "${Owner}-${Stage}-${!Literal}"', parameters)).toMatchObject({ kind: 'unknown', pattern: `${h}-prod-\${Literal}` })
  })

  it('in the list form, with variables that are known, unknown, or themselves patterns', () => {
    expect(valueOf('!Sub ["arn:aws:iam::${Account}:role/${Name}", { Account: !Ref Owner, Name: deploy }]', parameters)).toMatchObject({
      kind: 'unknown',
      pattern: `arn:aws:iam::${h}:role/deploy`,
    })
    expect(valueOf('!Sub ["${Prefix}/*", { Prefix: !Sub "arn:aws:s3:::${Owner}-logs" }]', parameters)).toMatchObject({ kind: 'unknown', pattern: `arn:aws:s3:::${h}-logs/*` })
  })

  it('has no pattern when nothing is known; a whole-template placeholder is the value itself', () => {
    expect(valueOf('!Sub "${Owner}${AWS::Region}"', parameters)).not.toHaveProperty('pattern')
    expect(valueOf('!Sub "${Owner}"', parameters)).toMatchObject({ kind: 'unknown', ref: 'Owner' })
    expect(valueOf('!Sub "${Owner}"', parameters)).not.toHaveProperty('pattern')
  })
})

describe('Fn::Join keeps the known text of a partly unknown string', () => {
  it('joins known elements and holes with the delimiter', () => {
    expect(valueOf('!Join ["", ["arn:", !Ref "AWS::Partition", ":s3:::", !Ref Owner, "/*"]]', parameters)).toMatchObject({
      kind: 'unknown',
      reason: 'depends on AWS::Partition, Owner',
      pattern: `arn:${h}:s3:::${h}/*`,
    })
    expect(valueOf('!Join [":", [arn, aws, iam, "", !Ref "AWS::AccountId", root]]')).toMatchObject({ kind: 'unknown', pattern: `arn:aws:iam::${h}:root` })
    expect(valueOf('!Join ["", [!GetAtt Bucket.Arn, "/*"]]')).toMatchObject({ kind: 'unknown', pattern: `${h}/*` })
  })

  it('nests a Sub pattern, and gives none for an unknown list, delimiter or a non-scalar element', () => {
    expect(valueOf('!Join ["/", [!Sub "arn:aws:s3:::${Owner}", "*"]]', parameters)).toMatchObject({ kind: 'unknown', pattern: `arn:aws:s3:::${h}/*` })
    expect(valueOf('!Join ["-", !Ref Owner]', parameters)).not.toHaveProperty('pattern')
    expect(valueOf('!Join [!Ref Owner, [a, b]]', parameters)).not.toHaveProperty('pattern')
    expect(valueOf('!Join ["-", [a, [b], !Ref Owner]]', parameters)).not.toHaveProperty('pattern')
  })
})
