import type { FunctionUrl, LambdaFunction, LambdaPermission } from '../../model/aws.js'
import { attr, firstLine } from '../../model/source.js'
import { field } from '../../parse/value.js'
import type { Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { metaOf, optionalString, requiredString } from '../values.js'
import { corsOf } from './apigateway.js'

const lambdaFunction: Handler = (resource, context) => {
  const name = optionalString(resource, 'FunctionName')
  const fn: LambdaFunction = {
    meta: metaOf(resource),
    // CloudFormation generates a name from the stack and logical ID when none is given.
    name: name ?? attr(resource.address, firstLine(resource.loc), false),
    role: optionalString(resource, 'Role'),
  }
  context.model.lambda.functions.push(fn)
  context.register('function', resource.address, fn, [typeof name?.value === 'string' ? name.value : undefined])
}

const lambdaPermission: Handler = (resource, context) => {
  const permission: LambdaPermission = {
    meta: metaOf(resource),
    action: requiredString(resource, 'Action'),
    principal: requiredString(resource, 'Principal'),
    functionName: requiredString(resource, 'FunctionName'),
    sourceArn: optionalString(resource, 'SourceArn'),
    sourceAccount: optionalString(resource, 'SourceAccount'),
    principalOrgId: optionalString(resource, 'PrincipalOrgID'),
  }
  context.model.lambda.permissions.push(permission)
}

const functionUrl: Handler = (resource, context) => {
  const url: FunctionUrl = { meta: metaOf(resource), authType: requiredString(resource, 'AuthType'), cors: corsOf(resource, field(resource.body, 'Cors')) }
  context.model.lambda.functionUrls.push(url)
}

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::Permission': lambdaPermission,
  'AWS::Lambda::Url': functionUrl,
})
