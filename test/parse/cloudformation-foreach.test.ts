import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseTemplate } from '../../src/parse/cloudformation/index.js'
import { corpusPath, describeWithCorpus } from '../helpers/corpus-dir.js'
import { at, parseLines, resource } from './cloudformation-helpers.js'

const TRANSFORM = ['AWSTemplateFormatVersion: "2010-09-09"', 'Transform: AWS::LanguageExtensions']

describe('Fn::ForEach in Resources', () => {
  it('makes one resource per item, the identifier replaced in the logical ID, in Ref and in Fn::Sub', () => {
    const unit = parseLines([
      ...TRANSFORM,
      'Resources:',
      '  Fn::ForEach::Queues:',
      '    - Name',
      '    - [Orders, Invoices]',
      '    - Queue${Name}:',
      '        Type: AWS::SQS::Queue',
      '        Properties:',
      '          QueueName: !Ref Name',
      '          Tags:',
      '            - Key: dlq',
      '              Value: !Sub "${Name}-dlq"',
    ])
    expect(unit.resources.map((r) => [r.address, r.type])).toEqual([
      ['QueueOrders', 'AWS::SQS::Queue'],
      ['QueueInvoices', 'AWS::SQS::Queue'],
    ])
    expect(at(unit, 'QueueOrders', 'Properties.QueueName')).toMatchObject({ kind: 'string', value: 'Orders' })
    expect(at(unit, 'QueueInvoices', 'Properties.QueueName')).toMatchObject({ kind: 'string', value: 'Invoices' })
    expect(at(unit, 'QueueInvoices', 'Properties.Tags.Value')).toMatchObject({ kind: 'string', value: 'Invoices-dlq' })
    expect(unit.resources.every((r) => r.repeated === undefined)).toBe(true)
  })

  it('replaces &{Identifier} with the item without its non-alphanumeric characters, ${Identifier} with the item itself', () => {
    const unit = parseLines([
      ...TRANSFORM,
      'Resources:',
      '  Fn::ForEach::Buckets:',
      '    - Name',
      '    - [my-logs, data.v2]',
      '    - Bucket&{Name}:',
      '        Type: AWS::S3::Bucket',
      '        Properties:',
      '          BucketName: !Sub "${Name}-store"',
      '          Tags:',
      '            - Key: short',
      '              Value: !Sub "x&{Name}"',
    ])
    expect(unit.resources.map((r) => r.address)).toEqual(['Bucketmylogs', 'Bucketdatav2'])
    expect(at(unit, 'Bucketdatav2', 'Properties.BucketName')).toMatchObject({ value: 'data.v2-store' })
    expect(at(unit, 'Bucketdatav2', 'Properties.Tags.Value')).toMatchObject({ value: 'xdatav2' })
  })

  it('iterates over a CommaDelimitedList parameter through its default', () => {
    const unit = parseLines([
      ...TRANSFORM,
      'Parameters:',
      '  Topics:',
      '    Type: CommaDelimitedList',
      '    Default: "alerts, audit"',
      'Resources:',
      '  Fn::ForEach::Topics:',
      '    - Topic',
      '    - !Ref Topics',
      '    - Topic${Topic}:',
      '        Type: AWS::SNS::Topic',
      '        Properties:',
      '          TopicName: !Ref Topic',
    ])
    expect(unit.resources.map((r) => r.address)).toEqual(['Topicalerts', 'Topicaudit'])
    expect(at(unit, 'Topicaudit', 'Properties.TopicName')).toMatchObject({ kind: 'string', value: 'audit' })
  })

  it('expands nested loops, the inner fragment seeing both identifiers', () => {
    const unit = parseLines([
      ...TRANSFORM,
      'Resources:',
      '  Fn::ForEach::Envs:',
      '    - Env',
      '    - [Dev, Prod]',
      '    - Fn::ForEach::Apps:',
      '        - App',
      '        - [Api, Web]',
      '        - Role${Env}${App}:',
      '            Type: AWS::IAM::Role',
      '            Properties:',
      '              RoleName: !Sub "${App}-${Env}"',
    ])
    expect(unit.resources.map((r) => r.address)).toEqual(['RoleDevApi', 'RoleDevWeb', 'RoleProdApi', 'RoleProdWeb'])
    expect(at(unit, 'RoleProdWeb', 'Properties.RoleName')).toMatchObject({ value: 'Web-Prod' })
  })

  it('lets other resources refer to the generated logical IDs', () => {
    const unit = parseLines([
      ...TRANSFORM,
      'Resources:',
      '  Fn::ForEach::Buckets:',
      '    - Name',
      '    - [Logs]',
      '    - Bucket${Name}:',
      '        Type: AWS::S3::Bucket',
      '  Policy:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      Bucket: !Ref BucketLogs',
    ])
    expect(at(unit, 'Policy', 'Properties.Bucket')).toMatchObject({ kind: 'unknown', reason: 'reference to resource BucketLogs', ref: 'BucketLogs' })
  })

  it('recognises a template whose only resources come from a loop', () => {
    const unit = parseTemplate({ path: 't.yaml', text: 'Resources:\n  Fn::ForEach::Q:\n    - N\n    - [A]\n    - Q${N}:\n        Type: AWS::SQS::Queue\n' })
    expect(unit?.resources.map((r) => r.address)).toEqual(['QA'])
  })
})

describe('Fn::ForEach whose collection the template does not determine', () => {
  const unit = parseLines([
    ...TRANSFORM,
    'Parameters:',
    '  Names:',
    '    Type: CommaDelimitedList',
    'Resources:',
    '  Fn::ForEach::Buckets:',
    '    - Name',
    '    - !Ref Names',
    '    - Bucket&{Name}:',
    '        Type: AWS::S3::Bucket',
    '        Properties:',
    '          BucketName: !Ref Name',
    '          Tags:',
    '            - Key: arn',
    '              Value: !Sub "arn:aws:s3:::&{Name}-data"',
  ])

  it('yields one repeated resource, its logical ID as written, never a guessed item', () => {
    expect(unit.resources.map((r) => [r.address, r.repeated])).toEqual([['Bucket&{Name}', true]])
  })

  it('makes the identifier unknown where it is used, keeping the text around it as a pattern', () => {
    expect(at(unit, 'Bucket&{Name}', 'Properties.BucketName')).toMatchObject({
      kind: 'unknown',
      reason: 'an item of loop Buckets, whose collection the template does not determine',
      loc: { startLine: 13 },
    })
    expect(at(unit, 'Bucket&{Name}', 'Properties.Tags.Value')).toMatchObject({ kind: 'unknown', pattern: expect.stringContaining('arn:aws:s3:::') })
  })

  it('marks the copies of an inner loop repeated when only the outer collection is known', () => {
    const nested = parseLines([
      ...TRANSFORM,
      'Resources:',
      '  Fn::ForEach::Envs:',
      '    - Env',
      '    - [Dev]',
      '    - Fn::ForEach::Apps:',
      '        - App',
      '        - !Split [",", !ImportValue apps]',
      '        - Queue${Env}${App}:',
      '            Type: AWS::SQS::Queue',
    ])
    expect(nested.resources.map((r) => [r.address, r.repeated])).toEqual([['QueueDev${App}', true]])
  })

  it('expands a collection too large to be real once, with the identifier unknown', () => {
    const items = Array.from({ length: 10_001 }, (_, i) => `i${i}`).join(', ')
    const huge = parseLines([...TRANSFORM, 'Resources:', '  Fn::ForEach::Many:', '    - N', `    - [${items}]`, '    - Q${N}:', '        Type: AWS::SQS::Queue'])
    expect(huge.resources.map((r) => [r.address, r.repeated])).toEqual([['Q${N}', true]])
  })
})

describe('Fn::ForEach inside a resource and in Conditions', () => {
  it('adds the generated keys to the map the loop is written in', () => {
    const unit = parseLines([
      ...TRANSFORM,
      'Resources:',
      '  Fn:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Environment:',
      '        Variables:',
      '          STAGE: prod',
      '          Fn::ForEach::Vars:',
      '            - Name',
      '            - [Orders, Invoices]',
      '            - ${Name}_QUEUE:',
      '                !Sub "queue-${Name}"',
    ])
    expect(at(unit, 'Fn', 'Properties.Environment.Variables.STAGE')).toMatchObject({ value: 'prod' })
    expect(at(unit, 'Fn', 'Properties.Environment.Variables.Orders_QUEUE')).toMatchObject({ value: 'queue-Orders', loc: { startLine: 14 } })
    expect(at(unit, 'Fn', 'Properties.Environment.Variables.Invoices_QUEUE')).toMatchObject({ value: 'queue-Invoices' })
    expect(at(unit, 'Fn', 'Properties.Environment.Variables.Fn::ForEach::Vars')).toBeUndefined()
  })

  it('generates conditions that resources can use', () => {
    const unit = parseLines([
      ...TRANSFORM,
      'Conditions:',
      '  Fn::ForEach::Envs:',
      '    - Env',
      '    - [Dev, Prod]',
      '    - Is${Env}:',
      '        !Equals [!Ref Env, Prod]',
      'Resources:',
      '  Q:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      FifoQueue: !If [IsProd, true, false]',
      '      ContentBasedDeduplication: !If [IsDev, true, false]',
    ])
    expect(at(unit, 'Q', 'Properties.FifoQueue')).toMatchObject({ kind: 'bool', value: true })
    expect(at(unit, 'Q', 'Properties.ContentBasedDeduplication')).toMatchObject({ kind: 'bool', value: false })
  })

  it('keeps literal strings once, as written, not once per copy', () => {
    const unit = parseLines([...TRANSFORM, 'Resources:', '  Fn::ForEach::Q:', '    - N', '    - [A, B, C]', '    - Q${N}:', '        Type: AWS::SQS::Queue', '        Properties: { KmsMasterKeyId: alias/shared }'])
    expect(unit.literals.filter((literal) => literal.value === 'alias/shared')).toHaveLength(1)
  })

  it('leaves a malformed loop unexpanded without failing the template', () => {
    const unit = parseLines([...TRANSFORM, 'Resources:', '  Fn::ForEach::Broken: [OnlyTwo, [A]]', '  Q:', '    Type: AWS::SQS::Queue'])
    expect(unit.resources.map((r) => r.address)).toEqual(['Q'])
    expect(unit.diagnostics).toEqual([])
  })
})

describe('positions of generated resources', () => {
  const unit = parseLines([
    ...TRANSFORM,
    'Resources:',
    '  Fn::ForEach::Roles:',
    '    - Name',
    '    - [Api, Web]',
    '    - Role${Name}:',
    '        Type: AWS::IAM::Role',
    '        Properties:',
    '          RoleName: !Ref Name',
    '          Description: fixed',
  ])

  it('each copy spans the loop value that defines it, from its output key to its last line', () => {
    for (const address of ['RoleApi', 'RoleWeb']) expect(resource(unit, address).loc).toMatchObject({ file: 'template.yaml', startLine: 7, endLine: 11 })
  })

  it('attributes keep their own lines; an identifier reports where it is referred to', () => {
    expect(at(unit, 'RoleWeb', 'Properties.Description')?.loc).toMatchObject({ startLine: 11 })
    expect(at(unit, 'RoleWeb', 'Properties.RoleName')?.loc).toMatchObject({ startLine: 10, startColumn: 21 })
  })
})

const corpus = corpusPath('realworld', 'cloudformation', 'CloudFormation')

describeWithCorpus(['realworld', 'cloudformation', 'CloudFormation'], 'the real-world Fn::ForEach templates', () => {
  const parse = (name: string) => parseTemplate({ path: name, text: readFileSync(`${corpus}/${name}`, 'utf8') })!

  it.each(['fn-foreach-ddb.yaml', 'fn-foreach-ddb.json'])('%s yields one table per item', (name) => {
    const unit = parse(name)
    expect(unit.diagnostics).toEqual([])
    expect(unit.resources.map((r) => [r.address, r.type])).toEqual(
      ['Points', 'Score', 'Name', 'Leaderboard'].map((table) => [`DynamoDB${table}`, 'AWS::DynamoDB::Table']),
    )
    expect(at(unit, 'DynamoDBLeaderboard', 'Properties.TableName')).toMatchObject({ kind: 'string', value: 'Leaderboard' })
  })

  it.each(['fn-foreach-s3-outputs.yaml', 'fn-foreach-s3-outputs.json'])('%s yields one bucket per item', (name) => {
    const unit = parse(name)
    expect(unit.resources.map((r) => r.address)).toEqual(['S3BucketA', 'S3BucketB', 'S3BucketC'])
    expect(at(unit, 'S3BucketB', 'Properties.BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.SSEAlgorithm')).toMatchObject({ value: 'AES256' })
  })

  it('places the YAML copies at the lines of the loop value', () => {
    expect(parse('fn-foreach-ddb.yaml').resources.map((r) => [r.loc.startLine, r.loc.endLine])).toEqual(Array(4).fill([14, 26]))
    expect(resource(parse('fn-foreach-s3-outputs.yaml'), 'S3BucketC').loc).toMatchObject({ startLine: 13, endLine: 26 })
  })
})
