import type { FunctionUrl, LambdaFunction, LambdaPermission } from '../../model/aws.js'
import { field } from '../../parse/value.js'
import type { Handler } from '../context.js'
import { boolOr, metaOf, nested, optionalString, requiredString, stringList } from '../values.js'

const lambdaFunction: Handler = (resource, context) => {
  const fn: LambdaFunction = { meta: metaOf(resource), name: requiredString(resource, 'function_name'), role: optionalString(resource, 'role') }
  context.model.lambda.functions.push(fn)
  context.register('function', resource.address, fn, [typeof fn.name.value === 'string' ? fn.name.value : undefined])
}

const lambdaPermission: Handler = (resource, context) => {
  const permission: LambdaPermission = {
    meta: metaOf(resource),
    action: requiredString(resource, 'action'),
    principal: requiredString(resource, 'principal'),
    functionName: requiredString(resource, 'function_name'),
    sourceArn: optionalString(resource, 'source_arn'),
    sourceAccount: optionalString(resource, 'source_account'),
    principalOrgId: optionalString(resource, 'principal_org_id'),
  }
  context.model.lambda.permissions.push(permission)
}

const functionUrl: Handler = (resource, context) => {
  const cors = nested(resource, field(resource.body, 'cors'))
  const url: FunctionUrl = {
    meta: metaOf(resource),
    authType: requiredString(resource, 'authorization_type'),
    cors: cors && { loc: cors.body.loc, allowOrigins: stringList(field(cors.body, 'allow_origins')), allowCredentials: boolOr(cors, 'allow_credentials', false) },
  }
  context.model.lambda.functionUrls.push(url)
}

export const handlers: Record<string, Handler> = {
  aws_lambda_function: lambdaFunction,
  aws_lambda_permission: lambdaPermission,
  aws_lambda_function_url: functionUrl,
}
