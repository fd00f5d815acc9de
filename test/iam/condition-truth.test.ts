import { describe, expect, it } from 'vitest'
import {
  ANY_REQUEST, catalog, conditionsTruth, contextOf, coversEveryResource, createPermissions, escalationPaths, isSelfScoped, outsiderContext, publicStatements, resourceScope,
} from '../../src/iam/index.js'
import { Unknown } from '../../src/model/source.js'
import { allow, deny, doc } from './model.js'

const internet = outsiderContext(true)
const otherAccount = outsiderContext(false)

function truth(condition: Record<string, unknown>, context = otherAccount) {
  return conditionsTruth(doc([allow('s3:GetObject', '*', { Condition: condition })]).statements[0]!, context)
}

describe('conditionsTruth for an outside caller', () => {
  it('a caller key confined to listed values fails; negated, it holds; absent on the internet, IfExists holds', () => {
    expect(truth({ StringEquals: { 'aws:SourceVpce': 'vpce-1' } })).toBe('fails')
    expect(truth({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } }, internet)).toBe('fails')
    expect(truth({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } })).toBe('holds')
    expect(truth({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, internet)).toBe('holds')
    expect(truth({ StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } }, internet)).toBe('holds')
    expect(truth({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })).toBe('holds')
    expect(truth({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })).toBe('fails')
    expect(truth({ Null: { 'aws:SourceVpce': 'true' } }, internet)).toBe('holds')
    expect(truth({ Null: { 'aws:SourceVpce': 'true' } })).toBe('fails')
  })

  it('a value every caller matches confines nobody', () => {
    expect(truth({ StringLike: { 'aws:PrincipalOrgID': '*' } })).toBe('holds')
    expect(truth({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } })).toBe('holds')
  })

  it('request and resource keys are the caller\'s to meet; unknown values and policy variables decide nothing', () => {
    expect(truth({ Bool: { 'aws:SecureTransport': 'true' } })).toBe('caller-chooses')
    expect(truth({ StringEquals: { 'aws:ResourceTag/team': 'web' } })).toBe('caller-chooses')
    expect(truth({ StringEquals: { 'aws:SourceAccount': '${aws:PrincipalAccount}' } })).toBe('unknown')
    expect(truth({ StringEquals: { 'aws:SourceVpce': 'vpce-1' }, Bool: { 'aws:SecureTransport': 'true' } })).toBe('fails')
  })

  it('nothing known: a conditional statement is unknown, an unconditional one holds', () => {
    expect(truth({ StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } }, ANY_REQUEST)).toBe('unknown')
    expect(conditionsTruth(doc([allow('s3:GetObject')]).statements[0]!, ANY_REQUEST)).toBe('holds')
  })

  it('a known value or pattern: equal or covered holds, disjoint fails, overlapping is unknown', () => {
    const toLambda = contextOf({ 'iam:PassedToService': { kind: 'pattern', pattern: 'lambda.amazonaws.com' } })
    expect(truth({ StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } }, toLambda)).toBe('holds')
    expect(truth({ StringEquals: { 'iam:PassedToService': ['application-autoscaling.amazonaws.com', 'ecs-tasks.amazonaws.com'] } }, toLambda)).toBe('fails')
    expect(truth({ StringLike: { 'iam:PassedToService': '*.amazonaws.com' } }, toLambda)).toBe('holds')
    expect(truth({ StringNotEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } }, toLambda)).toBe('fails')
    // Under StringEquals `*` is a character, not a wildcard.
    expect(truth({ StringEquals: { 'iam:PassedToService': '*' } }, toLambda)).toBe('fails')
    const functionArn = contextOf({ 'iam:AssociatedResourceARN': { kind: 'pattern', pattern: 'arn:*:lambda:*:*:function:*' } })
    expect(truth({ ArnLike: { 'iam:AssociatedResourceARN': 'arn:aws:ec2:*:*:instance/*' } }, functionArn)).toBe('fails')
    expect(truth({ ArnLike: { 'iam:AssociatedResourceARN': 'arn:aws:lambda:*:*:function:app-*' } }, functionArn)).toBe('unknown')
  })
})

describe('public resource policies', () => {
  const open = { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }
  it('a Deny unless the caller comes through the VPC endpoint fences an Allow to everyone', () => {
    const fence = { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } }
    expect(publicStatements(doc([open, fence], 'resource'))).toHaveLength(0)
    expect(publicStatements(doc([open], 'resource'))).toHaveLength(1)
  })

  it('a Deny that does not cover the Allow, or that the caller can avoid, does not fence it', () => {
    const narrower = { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/prod/POST/*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }
    expect(publicStatements(doc([open, narrower], 'resource'))).toHaveLength(1)
    const blocklist = { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } }
    expect(publicStatements(doc([open, blocklist], 'resource'))).toHaveLength(1)
  })

  it('an Allow confined to the organization is not public', () => {
    expect(publicStatements(doc([{ ...open, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }], 'resource'))).toHaveLength(0)
  })
})

describe('grants by resource type', () => {
  it('an action counts only on resources of a type it acts on; an action without resource types only on *', () => {
    const bucket = createPermissions([doc([allow('s3:*', ['arn:aws:s3:::media', 'arn:aws:s3:::media/*'])])])
    expect(bucket.allows('s3:PutObject')).toBe(true)
    expect(bucket.allows('s3:PutBucketPolicy')).toBe(true)
    expect(bucket.allows('s3:PutAccountPublicAccessBlock')).toBe(false)
    expect(bucket.allows('s3:ListAllMyBuckets')).toBe(false)
    expect(bucket.grantsFor('s3:PutObject')[0]!.resources.patterns).toEqual(['arn:aws:s3:::media/*'])
    expect(createPermissions([doc([allow('iam:PassRole', 'arn:aws:lambda:*:*:function:x')])]).allows('iam:PassRole')).toBe(false)
  })

  it('an unknown resource might be of any type: the grant stays', () => {
    const document = doc([allow('s3:PutAccountPublicAccessBlock', 'arn:aws:s3:::b')])
    expect(createPermissions([document]).allows('s3:PutAccountPublicAccessBlock')).toBe(false)
    document.statements[0]!.resources!.push({ ...document.statements[0]!.resources![0]!, value: new Unknown('a variable', 'var.bucket_arn') })
    expect(createPermissions([document]).allows('s3:PutAccountPublicAccessBlock')).toBe(true)
  })

  it('every resource of a type, or only named ones', () => {
    const passRole = catalog().action('iam:PassRole')!
    expect(coversEveryResource(passRole, '*')).toBe(true)
    expect(coversEveryResource(passRole, 'arn:aws:iam::111122223333:role/*')).toBe(true)
    expect(coversEveryResource(passRole, 'arn:aws:iam::111122223333:role/app-*')).toBe(false)
    expect(coversEveryResource(passRole, 'arn:aws:iam::111122223333:role/deployer')).toBe(false)
    expect(coversEveryResource(catalog().action('iam:CreateAccessKey')!, 'arn:aws:iam::*:user/${aws:username}')).toBe(false)
  })

  it('self-scoped resources name only the caller', () => {
    const scope = (resource: string | string[]) => resourceScope(doc([allow('iam:CreateAccessKey', resource)]).statements[0]!)
    expect(isSelfScoped(scope('arn:aws:iam::*:user/${aws:username}'))).toBe(true)
    expect(isSelfScoped(scope(['arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::*:user/admin']))).toBe(false)
    expect(isSelfScoped(scope('*'))).toBe(false)
  })
})

describe('escalation in the request each step makes', () => {
  const ids = (statements: Record<string, unknown>[]) => escalationPaths(createPermissions([doc(statements)])).map((p) => p.method.id)
  const compute = allow(['lambda:CreateFunction', 'lambda:InvokeFunction', 'ec2:RunInstances', 'datapipeline:*'])

  it('a role passed only to another service opens no method of Lambda, EC2 or Data Pipeline', () => {
    const toScaling = allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'application-autoscaling.amazonaws.com' } } })
    expect(ids([compute, toScaling])).toEqual([])
    const toLambda = allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } })
    expect(ids([compute, toLambda]).sort()).toEqual(['passrole-lambda-invoke'])
    expect(ids([compute, allow('iam:PassRole')]).sort()).toEqual(['passrole-datapipeline', 'passrole-ec2', 'passrole-lambda-invoke'])
  })

  it('a role associated only with EC2 instances does not go to Lambda', () => {
    const toInstances = allow('iam:PassRole', '*', { Condition: { ArnLike: { 'iam:AssociatedResourceARN': 'arn:aws:ec2:*:*:instance/*' } } })
    expect(ids([compute, toInstances])).toContain('passrole-ec2')
    expect(ids([compute, toInstances])).not.toContain('passrole-lambda-invoke')
  })

  it('reaches any target on *, only named ones otherwise', () => {
    const reach = (statements: Record<string, unknown>[]) => escalationPaths(createPermissions([doc(statements)])).map((p) => `${p.method.id}:${p.reach}`)
    expect(reach([allow('codebuild:StartBuild', 'arn:aws:codebuild:eu-west-1:111122223333:project/nightly')])).toEqual(['codebuild-start-build-override:named'])
    expect(reach([allow('codebuild:StartBuild')])).toEqual(['codebuild-start-build-override:any'])
    expect(reach([compute, allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app')])).toContain('passrole-lambda-invoke:named')
    expect(reach([compute, allow('iam:PassRole', 'arn:aws:iam::111122223333:role/*')])).toContain('passrole-lambda-invoke:any')
    // Kept within the principal's own account is still every role of the account; a tag condition narrows.
    const ownAccount = { Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } } }
    expect(reach([compute, allow('iam:PassRole', '*', ownAccount)])).toContain('passrole-lambda-invoke:any')
    const tagged = { Condition: { StringEquals: { 'aws:ResourceTag/team': 'web' } } }
    expect(reach([compute, allow('iam:PassRole', '*', tagged)])).toContain('passrole-lambda-invoke:named')
  })

  it('EC2: new user data on a stopped instance, and a new default launch template version', () => {
    expect(ids([allow(['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'])])).toEqual(['ec2-user-data'])
    expect(ids([allow(['ec2:ModifyInstanceAttribute', 'ec2:StartInstances'])])).toEqual([])
    expect(ids([allow(['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'])])).toEqual(['ec2-launch-template-version'])
  })

  it('commands on instances need a document that runs any command, and an instance', () => {
    const instances = 'arn:aws:ec2:*:*:instance/*'
    expect(ids([allow('ssm:SendCommand', [instances, 'arn:aws:ssm:*:*:document/AWSEC2-CreateVssSnapshot'])])).toEqual([])
    expect(ids([allow('ssm:SendCommand', [instances, 'arn:aws:ssm:*::document/AWS-RunShellScript'])])).toEqual(['ssm-send-command'])
    expect(ids([allow('ssm:SendCommand', 'arn:aws:ssm:*::document/AWS-RunShellScript')])).toEqual([])
    expect(ids([allow('ssm:SendCommand')])).toEqual(['ssm-send-command'])
  })

  it('a conditional Deny that surely holds in the request takes a grant away', () => {
    const denyLambda = deny('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } })
    expect(ids([compute, allow('iam:PassRole'), denyLambda]).sort()).toEqual(['passrole-datapipeline', 'passrole-ec2'])
  })
})
