import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** GitHub's REST description as Octokit publishes it: the fake server accepts only what it allows. */
const require = createRequire(import.meta.url)
const SPEC_PATH = require.resolve('@octokit/openapi/generated/api.github.com.json')

type JsonSchema = Record<string, unknown>
interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  schema?: JsonSchema
}
interface Operation {
  operationId: string
  parameters?: (Parameter | { $ref: string })[]
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> }
}

export interface MatchedRoute {
  operationId: string
  template: string
  params: Record<string, string>
}

interface Route {
  method: string
  template: string
  pattern: RegExp
  paramNames: string[]
  literalSegments: number
  operation: Operation
}

export class OpenApi {
  private readonly spec: { paths: Record<string, Record<string, Operation>>; components: { parameters: Record<string, Parameter> } }
  private readonly routes: Route[] = []
  private readonly ajv: Ajv
  private readonly bodyValidators = new Map<string, ValidateFunction>()

  constructor() {
    this.spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8'))
    for (const [template, methods] of Object.entries(this.spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!operation || typeof operation !== 'object' || !('operationId' in operation)) continue
        const paramNames: string[] = []
        const source = template
          .split('/')
          .map((segment) => {
            const param = /^\{(.+)\}$/.exec(segment)
            if (!param) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
            paramNames.push(param[1]!)
            // A file path parameter spans directories: /contents/{path} is /contents/policies/org.yml.
            return param[1] === 'path' ? '(.+)' : '([^/]+)'
          })
          .join('/')
        this.routes.push({ method: method.toUpperCase(), template, pattern: new RegExp(`^${source}$`), paramNames, literalSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length, operation })
      }
    }
    // A literal segment beats a parameter: /pulls/comments/{id} before /pulls/{pull_number}/...
    this.routes.sort((a, b) => b.literalSegments - a.literalSegments)
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false })
    addFormatsModule.default(this.ajv)
    this.ajv.addSchema(this.spec as unknown as JsonSchema, 'api')
  }

  /** The documented operation for a method and path, or why there is none. */
  match(method: string, path: string): MatchedRoute | { error: string } {
    const byPath = this.routes.filter((route) => route.pattern.test(path))
    if (byPath.length === 0) return { error: `no such path in GitHub's API: ${path}` }
    const route = byPath.find((r) => r.method === method)
    if (!route) return { error: `${method} is not allowed on ${byPath[0]!.template}` }
    const values = route.pattern.exec(path)!.slice(1)
    return { operationId: route.operation.operationId, template: route.template, params: Object.fromEntries(route.paramNames.map((name, i) => [name, decodeURIComponent(values[i]!)])) }
  }

  /** Problems with a request's path parameters, query and JSON body, as GitHub's description states them. */
  validate(method: string, matched: MatchedRoute, query: URLSearchParams, body: unknown): string[] {
    const route = this.routes.find((r) => r.method === method && r.template === matched.template)!
    const problems: string[] = []
    const parameters = (route.operation.parameters ?? []).map((p) => this.resolveParameter(p))
    for (const parameter of parameters.filter((p) => p.in === 'path')) {
      problems.push(...this.checkScalar(`path parameter ${parameter.name}`, matched.params[parameter.name], parameter.schema))
    }
    const queryNames = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name))
    for (const [name, value] of query) {
      if (!queryNames.has(name)) problems.push(`query parameter ${name} is not documented for ${route.operation.operationId}`)
      else problems.push(...this.checkScalar(`query parameter ${name}`, value, parameters.find((p) => p.name === name)!.schema))
    }
    for (const parameter of parameters.filter((p) => p.in === 'query' && p.required)) {
      if (!query.has(parameter.name)) problems.push(`query parameter ${parameter.name} is required`)
    }
    const content = route.operation.requestBody?.content['application/json']
    if (!content) {
      if (body !== undefined && method !== 'GET') problems.push(`${route.operation.operationId} takes no JSON body`)
      return problems
    }
    if (body === undefined) {
      if (route.operation.requestBody?.required) problems.push('a JSON body is required')
      return problems
    }
    const validate = this.bodyValidator(method, route)
    if (!validate(body)) problems.push(...(validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`))
    const declared = content.schema.properties as Record<string, unknown> | undefined
    if (declared && body && typeof body === 'object' && !Array.isArray(body)) {
      for (const key of Object.keys(body)) if (!(key in declared)) problems.push(`body field ${key} is not documented for ${route.operation.operationId}`)
    }
    return problems
  }

  private bodyValidator(method: string, route: Route): ValidateFunction {
    const key = `${method} ${route.template}`
    const known = this.bodyValidators.get(key)
    if (known) return known
    const pointer = ['paths', route.template, method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema']
      .map((part) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1')))
      .join('/')
    const validate = this.ajv.compile({ $ref: `api#/${pointer}` })
    this.bodyValidators.set(key, validate)
    return validate
  }

  private resolveParameter(parameter: Parameter | { $ref: string }): Parameter {
    if ('$ref' in parameter) return this.spec.components.parameters[parameter.$ref.split('/').pop()!]!
    return parameter
  }

  private checkScalar(what: string, value: string | undefined, schema: JsonSchema | undefined): string[] {
    if (value === undefined) return [`${what} is missing`]
    if (schema?.type === 'integer' && !/^-?\d+$/.test(value)) return [`${what} must be an integer, got ${value}`]
    if (Array.isArray(schema?.enum) && !schema.enum.includes(value)) return [`${what} must be one of ${schema.enum.join(', ')}, got ${value}`]
    return []
  }
}
