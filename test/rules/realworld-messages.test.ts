import { describe, expect, it } from 'vitest'
import { builtinRules } from '../../src/rules/index.js'
import { scanExample } from '../helpers/examples.js'

// Messages must say what the source says: shapes seen in real templates and modules.
const rule = (id: string) => builtinRules.find((r) => r.id === id)!
const messages = async (id: string, code: string) =>
  (await scanExample(rule(id), 'cloudformation', { code })).filter((f) => f.ruleId === id).map((f) => f.message)

describe('finding messages on real-world shapes', () => {
  it('lambda/permission-unscoped does not claim "any account" when SourceAccount is set', async () => {
    const code = `Resources:
  SnapshotPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: snapshot
      Principal: elasticache.amazonaws.com
      SourceAccount: '111122223333'
`
    expect(await messages('lambda/permission-unscoped', code)).toEqual([
      'elasticache.amazonaws.com may invoke the function on behalf of any elasticache resource of account 111122223333: no source ARN limits it to the one that should',
    ])
  })

  it('API Gateway rules name an API by its address, not "?", when its name comes from a parameter', async () => {
    const code = `Parameters:
  AppName:
    Type: String
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: !Ref AppName
`
    expect(await messages('apigw/no-resource-policy', code)).toEqual(['The EDGE API Api has no resource policy: any caller on the internet reaches its methods'])
  })
})
