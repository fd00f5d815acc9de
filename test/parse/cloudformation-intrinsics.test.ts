import { describe, expect, it } from 'vitest'
import { at, parseLines, valueOf } from './cloudformation-helpers.js'

const parameters = [
  'Parameters:',
  '  Stage:',
  '    Type: String',
  '    Default: prod',
  '  Owner:',
  '    Type: String',
  '  Zones:',
  '    Type: CommaDelimitedList',
  '    Default: "a, b ,c"',
  '  Ami:',
  '    Type: AWS::SSM::Parameter::Value<String>',
  '    Default: /aws/service/ami',
  'Mappings:',
  '  Sizes:',
  '    prod:',
  '      Instance: m5.large',
  '      Ports: [80, 443]',
  'Conditions:',
  '  IsProd: !Equals [!Ref Stage, prod]',
  '  IsDev: !Not [!Condition IsProd]',
  '  East: !Equals [!Ref "AWS::Region", us-east-1]',
  '  ProdOrEast: !Or [!Condition IsProd, !Condition East]',
  '  ProdAndEast: !And [!Condition IsProd, !Condition East]',
  '  DevAndEast: !And [!Condition IsDev, !Condition East]',
]

describe('Ref', () => {
  it('resolves a parameter default and remembers the parameter', () => {
    expect(valueOf('!Ref Stage', parameters)).toMatchObject({ kind: 'string', value: 'prod', ref: 'Stage' })
  })

  it('reports a resolved parameter where the Ref is written', () => {
    expect(valueOf('!Ref Stage', parameters)?.loc).toMatchObject({ startLine: parameters.length + 5, startColumn: 14 })
  })

  it('leaves a parameter without a default unknown', () => {
    expect(valueOf('!Ref Owner', parameters)).toMatchObject({ kind: 'unknown', ref: 'Owner' })
  })

  it('splits a CommaDelimitedList default into trimmed strings', () => {
    const value = valueOf('!Ref Zones', parameters)
    expect(value).toMatchObject({ kind: 'list', ref: 'Zones' })
    expect(value?.kind === 'list' && value.items.map((item) => item.kind === 'string' && item.value)).toEqual(['a', 'b', 'c'])
  })

  it('never uses the default of an SSM-typed parameter (it is the SSM name, not the value)', () => {
    expect(valueOf('!Ref Ami', parameters)).toMatchObject({ kind: 'unknown', ref: 'Ami' })
  })

  it('leaves a resource reference unknown with the logical ID', () => {
    const unit = parseLines(['Resources:', '  Role:', '    Type: AWS::IAM::Role', '  P:', '    Type: AWS::IAM::Policy', '    Properties:', '      Roles: [!Ref Role]'])
    expect(at(unit, 'P', 'Properties.Roles')).toMatchObject({ kind: 'list', items: [{ kind: 'unknown', ref: 'Role', loc: { startLine: 7 } }] })
  })

  it('leaves pseudo parameters unknown with their name', () => {
    for (const name of ['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::StackName', 'AWS::URLSuffix'])
      expect(valueOf(`!Ref "${name}"`)).toMatchObject({ kind: 'unknown', ref: name })
  })

  it('drops a key whose value is AWS::NoValue', () => {
    const unit = parseLines(['Resources:', '  R:', '    Type: AWS::S3::Bucket', '    Properties:', '      Gone: !Ref AWS::NoValue', '      Kept: yes'])
    expect(at(unit, 'R', 'Properties.Gone')).toBeUndefined()
    expect(at(unit, 'R', 'Properties.Kept')).toMatchObject({ value: 'yes' })
  })

  it('reads the long form in JSON templates', () => {
    const unit = parseLines(
      ['{', '  "Parameters": { "Stage": { "Type": "String", "Default": "dev" } },', '  "Resources": {', '    "R": {', '      "Type": "AWS::S3::Bucket",', '      "Properties": { "Name": { "Ref": "Stage" } }', '    }', '  }', '}'],
      'template.json',
    )
    expect(at(unit, 'R', 'Properties.Name')).toMatchObject({ kind: 'string', value: 'dev', ref: 'Stage', loc: { startLine: 6 } })
  })
})

describe('Fn::GetAtt', () => {
  it('is unknown with Logical.Attr as its reference, in both forms', () => {
    expect(valueOf('!GetAtt Role.Arn')).toMatchObject({ kind: 'unknown', ref: 'Role.Arn' })
    expect(valueOf('!GetAtt [Role, Arn]')).toMatchObject({ kind: 'unknown', ref: 'Role.Arn' })
    expect(valueOf('{ "Fn::GetAtt": [Db, Endpoint.Address] }')).toMatchObject({ kind: 'unknown', ref: 'Db.Endpoint.Address' })
  })
})

describe('Fn::Sub', () => {
  it('builds the string when every part is determined', () => {
    expect(valueOf('!Sub "app-${Stage}-${!Literal}"', parameters)).toMatchObject({ kind: 'string', value: 'app-prod-${Literal}' })
  })

  it('takes variables from the list form', () => {
    expect(valueOf('!Sub ["${Name}-${Stage}", { Name: !FindInMap [Sizes, prod, Instance] }]', parameters)).toMatchObject({ value: 'm5.large-prod' })
  })

  it('is unknown when a part is unknown, naming what it depends on', () => {
    const value = valueOf('!Sub "arn:${AWS::Partition}:s3:::${Bucket.Arn}/*"')
    expect(value).toMatchObject({ kind: 'unknown' })
    expect(value?.kind === 'unknown' && value.reason).toBe('depends on AWS::Partition, Bucket.Arn')
    expect(value?.ref).toBeUndefined()
  })

  it('keeps the reference when the whole template is one placeholder', () => {
    expect(valueOf('!Sub "${Role.Arn}"')).toMatchObject({ kind: 'unknown', ref: 'Role.Arn' })
  })

  it('keeps a literal block template its lines when substitutions add none', () => {
    const unit = parseLines([...parameters, 'Resources:', '  R:', '    Type: AWS::S3::Bucket', '    Properties:', '      Doc: !Sub |', '        {', '          "Stage": "${Stage}"', '        }'])
    const doc = at(unit, 'R', 'Properties.Doc')
    expect(doc).toMatchObject({ kind: 'string', value: '{\n  "Stage": "prod"\n}\n' })
    expect(doc?.kind === 'string' && doc.textOrigin).toMatchObject({ line: parameters.length + 6, column: 9, dedent: 8 })
  })
})

describe('list and string functions', () => {
  it('computes Join, Select and Split of known values', () => {
    expect(valueOf('!Join ["-", [a, !Ref Stage, 3]]', parameters)).toMatchObject({ kind: 'string', value: 'a-prod-3' })
    expect(valueOf('!Select [1, !Split [",", "x,y,z"]]')).toMatchObject({ kind: 'string', value: 'y' })
    expect(valueOf('!Select ["0", [first, second]]')).toMatchObject({ value: 'first' })
    expect(valueOf('!Join [",", !Ref Zones]', parameters)).toMatchObject({ value: 'a,b,c' })
  })

  it('leaves them unknown when an input is unknown', () => {
    expect(valueOf('!Join ["", [a, !Ref "AWS::Region"]]')).toMatchObject({ kind: 'unknown', reason: 'depends on AWS::Region' })
    expect(valueOf('!Select [0, !GetAZs ""]')).toMatchObject({ kind: 'unknown' })
    expect(valueOf('!Split [",", !ImportValue shared-list]')).toMatchObject({ kind: 'unknown' })
    expect(valueOf('!Select [5, [a, b]]')).toMatchObject({ kind: 'unknown' })
  })

  it('looks values up in Mappings', () => {
    expect(valueOf('!FindInMap [Sizes, !Ref Stage, Instance]', parameters)).toMatchObject({ kind: 'string', value: 'm5.large', loc: { startLine: parameters.length + 5 } })
    expect(valueOf('!FindInMap [Sizes, prod, Ports]', parameters)).toMatchObject({ kind: 'list', items: [{ value: 80 }, { value: 443 }] })
    expect(valueOf('!FindInMap [Sizes, !Ref "AWS::Region", Instance]', parameters)).toMatchObject({ kind: 'unknown', reason: 'depends on AWS::Region' })
    expect(valueOf('!FindInMap [Sizes, dev, Instance, { DefaultValue: t3.micro }]', parameters)).toMatchObject({ value: 't3.micro' })
    expect(valueOf('!FindInMap [Sizes, dev, Instance]', parameters)).toMatchObject({ kind: 'unknown' })
  })

  it('encodes Base64, counts with Length and serialises with ToJsonString', () => {
    expect(valueOf('!Base64 "hello"')).toMatchObject({ kind: 'string', value: 'aGVsbG8=' })
    expect(valueOf('!Base64 { "Fn::Sub": "${AWS::Region}" }')).toMatchObject({ kind: 'unknown' })
    expect(valueOf('{ "Fn::Length": [a, b, c] }')).toMatchObject({ kind: 'number', value: 3 })
    expect(valueOf('{ "Fn::ToJsonString": { a: [1, true] } }')).toMatchObject({ kind: 'string', value: '{"a":[1,true]}' })
    expect(valueOf('{ "Fn::ToJsonString": { a: !Ref "AWS::Region" } }')).toMatchObject({ kind: 'unknown' })
  })

  it('carves IPv4 blocks with Cidr', () => {
    expect(valueOf('!Cidr ["10.0.0.0/16", 3, 8]')).toMatchObject({ kind: 'list', items: [{ value: '10.0.0.0/24' }, { value: '10.0.1.0/24' }, { value: '10.0.2.0/24' }] })
    expect(valueOf('!Select [1, !Cidr ["192.168.0.0/24", 4, 6]]')).toMatchObject({ value: '192.168.0.64/26' })
    expect(valueOf('!Cidr [!GetAtt Vpc.CidrBlock, 2, 8]')).toMatchObject({ kind: 'unknown' })
  })

  it('leaves ImportValue, GetAZs and Transform unknown', () => {
    expect(valueOf('!ImportValue network-vpc')).toMatchObject({ kind: 'unknown', reason: 'the value another stack exports as network-vpc' })
    expect(valueOf('!GetAZs ""')).toMatchObject({ kind: 'unknown' })
    expect(valueOf('{ "Fn::Transform": { Name: AWS::Include } }')).toMatchObject({ kind: 'unknown' })
  })
})

describe('conditions', () => {
  it('takes the branch of a condition the template determines', () => {
    expect(valueOf('!If [IsProd, big, small]', parameters)).toMatchObject({ value: 'big' })
    expect(valueOf('!If [IsDev, big, small]', parameters)).toMatchObject({ value: 'small' })
    expect(valueOf('!If [ProdOrEast, yes-value, no-value]', parameters)).toMatchObject({ value: 'yes-value' })
    expect(valueOf('!If [DevAndEast, yes-value, no-value]', parameters)).toMatchObject({ value: 'no-value' })
  })

  it('is unknown when the condition depends on the deployment, unless both branches agree', () => {
    expect(valueOf('!If [East, a, b]', parameters)).toMatchObject({ kind: 'unknown', reason: 'depends on condition East' })
    expect(valueOf('!If [ProdAndEast, a, b]', parameters)).toMatchObject({ kind: 'unknown' })
    expect(valueOf('!If [East, same, same]', parameters)).toMatchObject({ kind: 'string', value: 'same' })
  })

  it('drops a NoValue branch that is taken', () => {
    const unit = parseLines([...parameters, 'Resources:', '  R:', '    Type: AWS::S3::Bucket', '    Properties:', '      Gone: !If [IsDev, x, !Ref "AWS::NoValue"]', '      List: [a, !If [IsProd, !Ref "AWS::NoValue", b]]'])
    expect(at(unit, 'R', 'Properties.Gone')).toBeUndefined()
    expect(at(unit, 'R', 'Properties.List')).toMatchObject({ kind: 'list', items: [{ value: 'a' }] })
  })

  it('evaluates condition functions used as values', () => {
    expect(valueOf('!Equals [!Ref Stage, prod]', parameters)).toMatchObject({ kind: 'bool', value: true })
    expect(valueOf('!Not [!Equals [a, b]]')).toMatchObject({ kind: 'bool', value: true })
    expect(valueOf('!Equals [!Ref "AWS::Region", x]')).toMatchObject({ kind: 'unknown' })
  })

  it('treats a condition that refers to itself as unknown instead of looping', () => {
    expect(valueOf('!If [Loop, a, b]', ['Conditions:', '  Loop: !Not [!Condition Loop]'])).toMatchObject({ kind: 'unknown' })
  })
})
