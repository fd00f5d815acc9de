import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scan } from '../../src/scan.js'

// The API SAM generates for events that name none takes Globals.Api / Globals.HttpApi, as declared APIs do.
const template = `Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    TracingEnabled: true
    Auth:
      DefaultAuthorizer: AWS_IAM
    AccessLogSetting:
      DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:rest-api
    MethodSettings:
      - ResourcePath: '/*'
        HttpMethod: '*'
        ThrottlingRateLimit: 100
        LoggingLevel: ERROR
  HttpApi:
    AccessLogSettings:
      DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:http-api
    DefaultRouteSettings:
      ThrottlingRateLimit: 50
Resources:
  Items:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(event, context): return {}"
      Events:
        List:
          Type: Api
          Properties:
            Path: /items
            Method: get
        Get:
          Type: HttpApi
          Properties:
            Path: /items/{id}
            Method: get
`

describe('SAM implicit APIs with Globals', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'policygate-sam-globals-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'template.yaml'), template)
  const { model, findings } = await scan({ root: dir })
  const lineOf = (text: string) => template.split('\n').findIndex((line) => line.includes(text)) + 1

  it('reads tracing, access logs and method settings of ServerlessRestApi from Globals.Api, at the Globals lines', () => {
    const stage = model.apigateway.restStages.find((s) => s.meta.address === 'ServerlessRestApiProdStage')!
    expect(stage.name.value).toBe('Prod')
    expect(stage.xrayTracing).toMatchObject({ value: true, loc: { startLine: lineOf('TracingEnabled: true') } })
    expect(stage.accessLogDestination?.value).toBe('arn:aws:logs:eu-west-1:111122223333:log-group:rest-api')
    expect(stage.methodSettings.map((s) => [s.methodPath.value, s.throttlingRateLimit?.value, s.loggingLevel.value])).toEqual([['*/*', 100, 'ERROR']])
  })

  it('gives the event method the DefaultAuthorizer of Globals.Api', () => {
    const method = model.apigateway.restMethods.find((m) => m.meta.address === 'Items.Events.List')!
    expect(method.authorizationType.value).toBe('AWS_IAM')
  })

  it('reads the access log and route throttling of ServerlessHttpApi from Globals.HttpApi', () => {
    const stage = model.apigateway.httpStages.find((s) => s.meta.address === 'ServerlessHttpApiApiGatewayDefaultStage')!
    expect(stage.accessLogDestination?.value).toBe('arn:aws:logs:eu-west-1:111122223333:log-group:http-api')
    expect(stage.defaultRouteSettings?.throttlingRateLimit?.value).toBe(50)
  })

  it('so the rules about what Globals set stay silent', () => {
    const settled = ['apigw/method-no-auth', 'apigw/stage-no-tracing', 'apigw/stage-no-access-logs', 'apigw/stage-no-throttling', 'apigw/execution-logging-off']
    expect(findings.filter((f) => settled.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.message}`)).toEqual([])
  })
})
