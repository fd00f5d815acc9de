import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AwsModel } from '../../src/model/aws.js'
import { Unknown } from '../../src/model/source.js'
import { KINDS } from '../../src/rulebook/custom/kinds.js'
import { describeField, fieldsOf, SHAPES, type FieldShape, type ShapeName } from '../../src/rulebook/custom/shapes.js'
import { exampleFileName } from '../../src/rulebook/examples.js'
import { builtinRules } from '../../src/rules/index.js'
import { scan } from '../../src/scan.js'

/*
 * The shapes custom-rule paths are checked against must stay true to the model: every object the
 * kinds give, scanned from the repository's examples, fixtures and every built-in rule's examples,
 * is walked, and every property it holds must be declared for its shape and be what the declaration
 * says (a value, an Attr, a linked object, one or a list); a field declared always present (not
 * optional: `exists` on it is a load error) is in every object. A field added to the model without
 * being declared fails here (and the type of SHAPES fails to compile).
 */

const REPO = join(import.meta.dirname, '../..')
const SCANNED = ['examples/terraform', 'examples/cloudformation', 'examples/plan', 'test/fixtures']

/** What the examples above leave out: each declared field is seen holding a value somewhere. */
const GAPS_TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Cors:
        AllowOrigin: "'https://example.com'"
      Auth:
        ResourcePolicy:
          AwsAccountWhitelist: ["111122223333"]
  HttpStage:
    Type: AWS::ApiGatewayV2::Stage
    Metadata:
      checkov:
        skip:
          - id: CKV_AWS_95
            comment: access logs are collected by the central account
    Properties:
      ApiId: abc123
      StageName: prod
      RouteSettings:
        "GET /items":
          ThrottlingRateLimit: 10
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: fn
      Principal: "*"
      PrincipalOrgID: o-abc123
`

/** Every built-in rule's examples (and their base versions), each file in a directory of its own, scanned as one tree. */
async function scanRuleExamples() {
  const root = mkdtempSync(join(tmpdir(), 'policygate-shapes-'))
  try {
    writeFileSync(join(root, 'gaps.yaml'), GAPS_TEMPLATE)
    let n = 0
    for (const rule of builtinRules) {
      for (const framework of ['terraform', 'cloudformation'] as const) {
        const examples = rule.examples[framework]
        for (const example of [...(examples?.bad ?? []), ...(examples?.good ?? [])]) {
          for (const code of example.base === undefined ? [example.code] : [example.code, example.base]) {
            const dir = join(root, String(n++))
            mkdirSync(dir)
            writeFileSync(join(dir, exampleFileName(framework, code)), code)
            for (const [path, text] of Object.entries(example.files ?? {})) {
              mkdirSync(dirname(join(dir, path)), { recursive: true })
              writeFileSync(join(dir, path), text)
            }
          }
        }
      }
    }
    return (await scan({ root, parseWorkers: 0 })).model
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

interface Walk {
  problems: string[]
  /** Shape → the fields seen holding a value. */
  seen: Map<ShapeName, Set<string>>
  visited: Map<ShapeName, WeakSet<object>>
}

function isScalar(value: unknown, scalar: FieldShape & { scalar: unknown }): boolean {
  return scalar.scalar === 'Unknown' ? value instanceof Unknown : typeof value === scalar.scalar
}

function walkObject(value: unknown, shape: ShapeName, where: string, walk: Walk): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    walk.problems.push(`${where}: declared ${shape}, holds ${JSON.stringify(value)}`)
    return
  }
  const visited = walk.visited.get(shape) ?? walk.visited.set(shape, new WeakSet()).get(shape)!
  if (visited.has(value)) return
  visited.add(value)
  const fields = fieldsOf(shape)
  const seen = walk.seen.get(shape) ?? walk.seen.set(shape, new Set()).get(shape)!
  for (const [name, field] of Object.entries(fields)) {
    if (!field.optional && (value as Record<string, unknown>)[name] === undefined) walk.problems.push(`${where}: ${shape} declares '${name}' always present, it is missing`)
  }
  for (const [name, child] of Object.entries(value)) {
    if (!Object.hasOwn(fields, name)) {
      walk.problems.push(`${where}: ${shape} does not declare '${name}'`)
      continue
    }
    if (child === undefined) continue
    seen.add(name)
    walkField(child, fields[name]!, `${where}.${name}`, walk)
  }
}

function walkField(value: unknown, field: FieldShape, where: string, walk: Walk): void {
  if (field.list && !Array.isArray(value)) {
    walk.problems.push(`${where}: declared ${describeField(field)}, holds no list`)
    return
  }
  const items = field.list ? (value as unknown[]).map((item, i) => [item, `${where}[${i}]`] as const) : [[value, where] as const]
  for (const [item, at] of items) {
    if ('shape' in field) walkObject(item, field.shape, at, walk)
    else if (!field.attr ? !isScalar(item, field) : !isAttr(item) || !(item.value instanceof Unknown || isScalar(item.value, field))) {
      walk.problems.push(`${at}: declared ${describeField(field)}, holds ${JSON.stringify(item)}`)
    }
  }
}

function isAttr(value: unknown): value is { value: unknown } {
  return typeof value === 'object' && value !== null && Object.keys(value).sort().join() === 'explicit,loc,value'
}

function walkKinds(models: AwsModel[]): Walk {
  const walk: Walk = { problems: [], seen: new Map(), visited: new Map() }
  for (const model of models) {
    for (const [kindName, kind] of Object.entries(KINDS)) {
      for (const item of kind.items(model)) walkObject(item.subject, kind.shape, `${item.meta.address} (${kindName})`, walk)
    }
  }
  return walk
}

describe('the field shapes custom-rule paths are checked against', async () => {
  const models = [...(await Promise.all(SCANNED.map(async (dir) => (await scan({ root: join(REPO, dir), parseWorkers: 0 })).model))), await scanRuleExamples()]
  const walk = walkKinds(models)

  it('every property of every object the kinds give is declared for its shape, and holds what the declaration says', () => {
    expect(walk.problems).toEqual([])
  })

  it('every kind has objects and every declared field is seen holding a value, so each declaration was checked', () => {
    const empty = Object.entries(KINDS).filter(([, kind]) => models.every((model) => kind.items(model).length === 0)).map(([name]) => name)
    expect(empty).toEqual([])
    const unseen = (Object.keys(SHAPES) as ShapeName[]).flatMap((shape) => Object.keys(fieldsOf(shape)).filter((name) => !walk.seen.get(shape)?.has(name)).map((name) => `${shape}.${name}`))
    expect(unseen).toEqual([])
  })

  it('fails on a property its shape does not declare, and on a link declared to the wrong shape', () => {
    const role = models.flatMap((model) => model.iam.roles).find((r) => r.trust)!
    const undeclared: Walk = { problems: [], seen: new Map(), visited: new Map() }
    walkObject({ ...role, sessionDuration: 3600 }, 'IamRole', 'role', undeclared)
    expect(undeclared.problems).toEqual(["role: IamRole does not declare 'sessionDuration'"])
    const missing: Walk = { problems: [], seen: new Map(), visited: new Map() }
    walkObject({ ...role, name: undefined }, 'IamRole', 'role', missing)
    expect(missing.problems).toEqual(["role: IamRole declares 'name' always present, it is missing"])
    const misdirected: Walk = { problems: [], seen: new Map(), visited: new Map() }
    walkObject(role.trust, 'Statement', 'trust', misdirected)
    expect(misdirected.problems).toContain("trust: Statement does not declare 'statements'")
  })
})
