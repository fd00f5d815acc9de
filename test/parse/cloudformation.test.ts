import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseTemplate } from '../../src/parse/cloudformation/index.js'
import { parseJsonValue } from '../../src/parse/json.js'
import { path } from '../../src/parse/value.js'
import { at, parseLines, resource, valueOf } from './cloudformation-helpers.js'

const fixture = (name: string) => ({ path: `fixtures/${name}`, text: readFileSync(new URL(`../fixtures/cloudformation/${name}`, import.meta.url), 'utf8') })

describe('recognising templates by content', () => {
  it('skips YAML and JSON that is not CloudFormation, without a diagnostic', () => {
    const others = [
      { path: '.github/workflows/ci.yml', text: 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n' },
      { path: 'k8s/deploy.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          resources:\n            limits: { cpu: 1 }\n' },
      { path: 'package.json', text: '{ "name": "x", "version": "1.0.0", "scripts": { "test": "vitest" } }' },
      { path: 'policygate.yml', text: 'rules:\n  iam/full-admin: { severity: critical }\nwaivers: []\n' },
      { path: 'broken.yaml', text: 'a: [unclosed\nb: {\n' },
      { path: 'aws-notes.yaml', text: 'Resources:\n  - AWS::IAM::Role is mentioned in prose\n' },
    ]
    for (const file of others) expect(parseTemplate(file), file.path).toBeUndefined()
  })

  it('recognises a template by AWSTemplateFormatVersion alone, or by a Resources map of AWS, Alexa or Custom types', () => {
    expect(parseTemplate({ path: 'a.yaml', text: 'AWSTemplateFormatVersion: "2010-09-09"\nDescription: empty\n' })?.resources).toEqual([])
    expect(parseTemplate({ path: 'b.yaml', text: 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n' })?.resources).toHaveLength(1)
    expect(parseTemplate({ path: 'c.yaml', text: 'Resources:\n  S:\n    Type: Custom::Seed\n    Properties: { ServiceToken: arn }\n' })?.resources).toHaveLength(1)
    expect(parseTemplate({ path: 'd.json', text: '{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}' })?.framework).toBe('cloudformation')
    expect(parseTemplate({ path: 'e.yaml', text: 'Resources:\n  Q:\n    Type: Something::Else\n# AWS:: mentioned\n' })).toBeUndefined()
  })

  it('reports a syntax error with its line when the broken file is plausibly a template', () => {
    const unit = parseTemplate({ path: 't.yaml', text: 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: [unclosed\n  R: x\n' })
    expect(unit?.resources).toEqual([])
    expect(unit?.diagnostics).toHaveLength(1)
    expect(unit?.diagnostics[0]).toMatchObject({ kind: 'parse-error', message: expect.stringMatching(/^invalid YAML: /), loc: { file: 't.yaml', startLine: 6 } })
  })

  it('rejects a duplicated key as js-yaml would, at the duplicate', () => {
    const unit = parseTemplate({ path: 't.yaml', text: 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Q:\n    Type: AWS::SNS::Topic\n' })
    expect(unit?.diagnostics[0]).toMatchObject({ kind: 'parse-error', message: 'invalid YAML: duplicated mapping key "Q"', loc: { startLine: 4, startColumn: 3 } })
  })

  it('reports invalid JSON of a template', () => {
    const unit = parseTemplate({ path: 't.json', text: '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {,}\n}' })
    expect(unit?.diagnostics[0]).toMatchObject({ kind: 'parse-error', loc: { file: 't.json', startLine: 3 } })
  })
})

describe('resources and positions', () => {
  const unit = parseTemplate(fixture('app.yaml'))!

  it('gives one RawResource per Resources entry, located from its logical ID to its last line', () => {
    expect(unit.diagnostics).toEqual([])
    expect(unit.files).toEqual(['fixtures/app.yaml'])
    expect(unit.resources.map((r) => [r.address, r.type, r.loc.startLine, r.loc.endLine])).toEqual([
      ['AppRole', 'AWS::IAM::Role', 44, 74],
      ['AppFunction', 'AWS::Serverless::Function', 76, 89],
      ['Bucket', 'AWS::S3::Bucket', 91, 103],
    ])
    expect(resource(unit, 'Bucket')).toMatchObject({ framework: 'cloudformation', mode: 'resource' })
  })

  it('keeps every resource key in the body, each value at its own line and column', () => {
    expect(at(unit, 'Bucket', 'Condition')).toMatchObject({ kind: 'string', value: 'IsProd', loc: { startLine: 93, startColumn: 16 } })
    expect(at(unit, 'AppRole', 'Properties.AssumeRolePolicyDocument.Statement.Principal.Service')).toMatchObject({ value: 'lambda.amazonaws.com', loc: { startLine: 59 } })
    const body = resource(unit, 'AppRole').body
    expect(body.entries.map((e) => [e.key, e.keyLoc.startLine])).toEqual([
      ['Type', 45],
      ['Metadata', 46],
      ['Properties', 52],
    ])
  })

  it('gives a literal block scalar a textOrigin so JSON inside keeps its file lines', () => {
    const document = at(unit, 'AppRole', 'Properties.Policies')
    const inline = document?.kind === 'list' ? path(document.items[0], 'PolicyDocument') : undefined
    expect(inline).toMatchObject({ kind: 'string', loc: { startLine: 63 }, textOrigin: { file: 'fixtures/app.yaml', line: 64, column: 13, dedent: 12 } })
    if (inline?.kind !== 'string' || !inline.textOrigin) throw new Error('expected a positioned string')
    const { value } = parseJsonValue(inline.value, inline.textOrigin)
    expect(path(value, 'Statement.Action')).toMatchObject({ value: '*', loc: { startLine: 67, startColumn: 48 } })
  })

  it('gives a folded block the text as written, so JSON inside keeps its lines too', () => {
    const document = at(unit, 'AppRole', 'Properties.Policies')
    const folded = document?.kind === 'list' ? path(document.items[1], 'PolicyDocument') : undefined
    if (folded?.kind !== 'string' || !folded.textOrigin?.text) throw new Error('expected a folded block with its written text')
    expect(folded.value).not.toContain('\n')
    expect(JSON.parse(folded.textOrigin.text)).toEqual(JSON.parse(folded.value))
    const { value } = parseJsonValue(folded.textOrigin.text, folded.textOrigin)
    expect(path(value, 'Statement.Action')?.loc.startLine).toBe(73)
    expect(path(value, 'Statement.Resource')?.loc.startLine).toBe(74)
  })

  it('positions values of a JSON template', () => {
    const json = parseLines(['{', '  "Resources": {', '    "Topic": {', '      "Type": "AWS::SNS::Topic",', '      "Properties": {', '        "TopicName": "alerts"', '      }', '    }', '  }', '}'], 't.json')
    expect(resource(json, 'Topic').loc).toMatchObject({ startLine: 3, endLine: 8 })
    expect(at(json, 'Topic', 'Properties.TopicName')).toMatchObject({ value: 'alerts', loc: { startLine: 6, startColumn: 22 } })
  })

  it('reads plain scalars with the YAML core schema but keeps leading-zero numbers as written', () => {
    expect(valueOf('true')).toMatchObject({ kind: 'bool', value: true })
    expect(valueOf('42')).toMatchObject({ kind: 'number', value: 42 })
    expect(valueOf('"42"')).toMatchObject({ kind: 'string', value: '42' })
    expect(valueOf('012345678901')).toMatchObject({ kind: 'string', value: '012345678901' })
    expect(valueOf('2012-10-17')).toMatchObject({ kind: 'string', value: '2012-10-17' })
    expect(valueOf('~')).toMatchObject({ kind: 'null' })
    expect(valueOf('!!str 12')).toMatchObject({ kind: 'string', value: '12' })
  })

  it('follows anchors and aliases', () => {
    const unit = parseLines(['Resources:', '  A:', '    Type: AWS::SQS::Queue', '    Properties: &shared { VisibilityTimeout: 30 }', '  B:', '    Type: AWS::SQS::Queue', '    Properties: *shared'])
    expect(at(unit, 'B', 'Properties.VisibilityTimeout')).toMatchObject({ value: 30, loc: { startLine: 4 } })
  })
})

describe('tags from preprocessors', () => {
  it('turns unknown tags into opaque unknown values instead of errors', () => {
    const unit = parseLines([
      'Resources:',
      '  Fn:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Code: !Rain::Embed handler.py',
      '      Policy: !Rain::Module { Source: ./mod.yaml }',
      '      Targets:',
      '        - !ValueOf [Param, Attr]',
      '        - plain',
    ])
    expect(unit.diagnostics).toEqual([])
    expect(at(unit, 'Fn', 'Properties.Code')).toMatchObject({ kind: 'unknown', reason: 'preprocessor tag !Rain::Embed', loc: { startLine: 5, startColumn: 13 } })
    expect(at(unit, 'Fn', 'Properties.Policy')).toMatchObject({ kind: 'unknown', reason: 'preprocessor tag !Rain::Module' })
    expect(at(unit, 'Fn', 'Properties.Targets')).toMatchObject({ items: [{ kind: 'unknown' }, { kind: 'string', value: 'plain' }] })
  })
})

describe('SAM Globals', () => {
  const unit = parseTemplate(fixture('app.yaml'))!

  it('gives Serverless resources the global properties they do not set, at the Globals lines', () => {
    expect(at(unit, 'AppFunction', 'Properties.Runtime')).toMatchObject({ value: 'python3.12', loc: { startLine: 36 } })
    expect(at(unit, 'AppFunction', 'Properties.Environment.Variables.SHARED')).toMatchObject({ value: 'from-globals', loc: { startLine: 41 } })
    expect(at(unit, 'AppFunction', 'Properties.Environment.Variables.STAGE')).toMatchObject({ value: 'prod', ref: 'Stage', loc: { startLine: 40 } })
  })

  it("lets the resource's own values win", () => {
    expect(at(unit, 'AppFunction', 'Properties.Timeout')).toMatchObject({ value: 60, loc: { startLine: 81 } })
    expect(at(unit, 'AppFunction', 'Properties.Environment.Variables.LOG_LEVEL')).toMatchObject({ value: 'WARN', loc: { startLine: 84 } })
  })

  it('adds global list items before the resource items, and touches no other resource type', () => {
    const sam = parseLines([
      'Transform: AWS::Serverless-2016-10-31',
      'Globals:',
      '  Function:',
      '    Layers: [global-layer]',
      '    Tracing: Active',
      'Resources:',
      '  F:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Layers: [own-layer]',
      '  G:',
      '    Type: AWS::Serverless::Function',
      '  L:',
      '    Type: AWS::Lambda::Function',
      '    Properties: {}',
    ])
    expect(at(sam, 'F', 'Properties.Layers')).toMatchObject({ items: [{ value: 'global-layer' }, { value: 'own-layer' }] })
    expect(at(sam, 'G', 'Properties.Tracing')).toMatchObject({ value: 'Active', loc: { startLine: 5 } })
    expect(at(sam, 'L', 'Properties.Tracing')).toBeUndefined()
  })
})

describe('Metadata suppressions', () => {
  it('reads a list of ignores with rule, reason and until, located at each entry', () => {
    const unit = parseTemplate(fixture('app.yaml'))!
    expect(resource(unit, 'AppRole').suppressions).toEqual([
      { ruleId: 'iam/full-admin', reason: 'break-glass role reviewed by security', until: '2030-01-01', loc: expect.objectContaining({ startLine: 49, endLine: 51 }) },
    ])
    expect(resource(unit, 'Bucket').suppressions).toEqual([])
  })

  it('accepts a single map, rule_id, and a bare rule ID', () => {
    const unit = parseLines([
      'Resources:',
      '  A:',
      '    Type: AWS::SQS::Queue',
      '    Metadata:',
      '      policygate:',
      '        ignore: { rule_id: resource-policy/public, reason: public by design }',
      '  B:',
      '    Type: AWS::SQS::Queue',
      '    Metadata:',
      '      policygate:',
      '        ignore: [iam/full-admin]',
    ])
    expect(resource(unit, 'A').suppressions).toMatchObject([{ ruleId: 'resource-policy/public', reason: 'public by design', loc: { startLine: 6 } }])
    expect(resource(unit, 'B').suppressions).toMatchObject([{ ruleId: 'iam/full-admin', loc: { startLine: 11 } }])
  })
})

describe('inputs and literals', () => {
  const unit = parseTemplate(fixture('app.yaml'))!

  it('gives one RawInput per parameter with NoEcho and a string default', () => {
    expect(unit.inputs.map((input) => [input.name, input.loc.startLine, input.hidden, input.hiddenLoc?.startLine, input.defaultValue?.value])).toEqual([
      ['Stage', 6, false, undefined, 'prod'],
      ['DbPassword', 9, true, 11, 'hunter2-not-a-secret'],
      ['Subnets', 13, false, undefined, 'subnet-a, subnet-b'],
      ['AmiId', 16, false, undefined, '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'],
      ['Owner', 19, false, undefined, undefined],
    ])
  })

  it('records every literal string with the key it is written under, function names skipped', () => {
    const literal = (value: string) => unit.literals.find((candidate) => candidate.value === value)
    expect(literal('hunter2-not-a-secret')).toMatchObject({ key: 'Default', loc: { startLine: 12 } })
    expect(literal('from-globals')).toMatchObject({ key: 'SHARED', loc: { startLine: 41 } })
    expect(literal('${AWS::StackName}-${Stage}-app')).toMatchObject({ key: 'RoleName', loc: { startLine: 53 } })
    expect(literal('DEBUG')).toMatchObject({ key: 'LogLevel', loc: { startLine: 27 } })
    expect(literal('${AWS::StackName}-role')).toMatchObject({ key: 'Name', loc: { startLine: 109 } })
    expect(literal('us-east-1')).toBeUndefined()
  })
})

describe('hostile input', () => {
  it('rejects aliases that expand exponentially instead of hanging', () => {
    const bomb = ['AWSTemplateFormatVersion: "2010-09-09"', 'Mappings:', '  a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let level = 1; level <= 9; level++) bomb.push(`  l${level}: &l${level} [${Array(10).fill(level === 1 ? '*a' : `*l${level - 1}`).join(', ')}]`)
    const started = performance.now()
    const unit = parseTemplate({ path: 'bomb.yaml', text: bomb.join('\n') })
    expect(performance.now() - started).toBeLessThan(2000)
    expect(unit?.diagnostics[0]).toMatchObject({ kind: 'parse-error', message: expect.stringContaining('aliases expand') })
  })
})
