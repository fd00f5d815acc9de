import { describe, expect, it } from 'vitest'
import { createPermissions, effectivePermissions, escalationPaths, everyPrincipal, principalPolicies } from '../../src/iam/index.js'
import { allow, attach, customerPolicy, deny, doc, group, model, role, user } from './model.js'

const methodIds = (permissions: ReturnType<typeof createPermissions>) => escalationPaths(permissions).map((p) => p.method.id)

describe('createPermissions', () => {
  it('grants through wildcards and NotAction, case-insensitively', () => {
    const permissions = createPermissions([doc([allow('IAM:Pass*'), { Effect: 'Allow', NotAction: ['iam:*', 's3:*'], Resource: '*' }])])
    expect(permissions.allows('iam:PassRole')).toBe(true)
    expect(permissions.allows('ec2:RunInstances')).toBe(true)
    expect(permissions.allows('s3:GetObject')).toBe(false)
    expect(permissions.allows('iam:CreateUser')).toBe(false)
  })

  it('lets an unconditional Deny covering the resources take the grant away', () => {
    expect(createPermissions([doc([allow('iam:*'), deny('iam:CreatePolicyVersion')])]).allows('iam:CreatePolicyVersion')).toBe(false)
    const bucket = createPermissions([doc([allow('s3:GetObject', 'arn:aws:s3:::b/*'), deny('s3:*', 'arn:aws:s3:::b/*')])])
    expect(bucket.allows('s3:GetObject')).toBe(false)
  })

  it('keeps the grant when the Deny is conditional, narrower, or unknown', () => {
    const conditional = deny('iam:CreatePolicyVersion', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })
    expect(createPermissions([doc([allow('iam:CreatePolicyVersion'), conditional])]).allows('iam:CreatePolicyVersion')).toBe(true)
    const narrower = deny('s3:GetObject', 'arn:aws:s3:::secret/*')
    expect(createPermissions([doc([allow('s3:GetObject'), narrower])]).allows('s3:GetObject')).toBe(true)
  })

  it('narrows by a permissions boundary and by SCP denies', () => {
    const identity = [doc([allow(['iam:CreatePolicyVersion', 's3:GetObject', 'ec2:RunInstances'])])]
    const boundary = [doc([allow('s3:*')], 'boundary')]
    const scps = [doc([allow('*'), deny('ec2:*')], 'scp')]
    const permissions = createPermissions(identity, { boundary, scps })
    expect(permissions.allows('s3:GetObject')).toBe(true)
    expect(permissions.allows('iam:CreatePolicyVersion')).toBe(false)
    expect(createPermissions(identity, { scps }).allows('ec2:RunInstances')).toBe(false)
  })

  it('enumerates what is granted, and says which entry grants it', () => {
    const document = doc([allow(['s3:GetObject', 'iam:Put*'])])
    const allowed = createPermissions([document]).allowedActions()
    expect(allowed.has('iam:PutRolePolicy')).toBe(true)
    expect(allowed.get('s3:GetObject')?.grants[0]?.element).toBe(document.statements[0]!.actions![0])
  })
})

describe('principals', () => {
  it('unites inline, managed, AWS managed and group policies of a user', () => {
    const aws = model()
    const developers = group(aws, 'developers', [doc([allow('lambda:CreateFunction')])])
    const alice = user(aws, 'alice', [doc([allow('iam:PassRole')])])
    alice.groups.push({ name: developers.name, group: developers })
    attach(alice, 'arn:aws:iam::aws:policy/AWSLambda_FullAccess')
    const [alicePolicies] = principalPolicies(aws).filter((p) => p.kind === 'user')
    const permissions = effectivePermissions(aws, alicePolicies!)
    expect(permissions.allows('lambda:CreateFunction')).toBe(true)
    expect(permissions.allows('lambda:InvokeFunction')).toBe(true)
    expect(methodIds(permissions)).toContain('passrole-lambda-invoke')
  })

  it('finds escalation split across two policies, and resolves customer policies by ARN name', () => {
    const aws = model()
    const launcher = role(aws, 'launcher', [doc([allow('iam:PassRole')])])
    const runPolicy = customerPolicy(aws, 'run-instances', doc([allow('ec2:RunInstances')]))
    attach(launcher, 'arn:aws:iam::111122223333:policy/run-instances')
    const launcherPolicies = principalPolicies(aws).find((p) => p.meta === launcher.meta)!
    expect(launcherPolicies.documents).toContain(runPolicy.document)
    const path = escalationPaths(effectivePermissions(aws, launcherPolicies)).find((p) => p.method.id === 'passrole-ec2')
    expect(path?.steps.map((s) => s.action)).toEqual(['iam:PassRole', 'ec2:RunInstances'])
  })

  it('lists unknown AWS managed policies as unresolved, never guessed', () => {
    const aws = model()
    const app = role(aws, 'app')
    attach(app, 'arn:aws:iam::aws:policy/SomeFuturePolicy')
    const policies = principalPolicies(aws)[0]!
    expect(policies.documents).toEqual([])
    expect(policies.unresolved).toHaveLength(1)
  })

  it('judges identity documents nobody holds on their own', () => {
    const aws = model()
    const orphan = doc([allow('iam:CreatePolicyVersion')])
    aws.policyDocuments.push(orphan)
    role(aws, 'held', [doc([allow('s3:GetObject')])])
    const standalone = everyPrincipal(aws).filter((p) => p.kind === 'policy')
    expect(standalone.map((p) => p.documents[0])).toEqual([orphan])
  })
})

describe('escalationPaths', () => {
  it('does not count a self-scoped CreateAccessKey, and wants sts:AssumeRole on *', () => {
    const self = createPermissions([doc([allow(['iam:CreateAccessKey', 'sts:AssumeRole'], 'arn:aws:iam::*:user/${aws:username}')])])
    expect(methodIds(self)).toEqual([])
    const wide = createPermissions([doc([allow(['iam:CreateAccessKey', 'sts:AssumeRole'])])])
    expect(methodIds(wide)).toEqual(['create-access-key', 'assume-any-role'])
  })

  it('needs every part of a combined method', () => {
    expect(methodIds(createPermissions([doc([allow(['iam:PassRole', 'lambda:CreateFunction'])])]))).toEqual([])
    expect(methodIds(createPermissions([doc([allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'])])]))).toEqual(['passrole-lambda-event-source'])
  })
})
