import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments, type CollectionTag, type ScalarTag } from 'yaml'
import { shortFormName } from '../../src/parse/cloudformation/intrinsic-names.js'
import { parseYamlValue } from '../../src/parse/cloudformation/yaml.js'
import type { Value } from '../../src/parse/value.js'

/*
 * A second YAML parser as the oracle: the `yaml` package, told CloudFormation's short-form tags, must
 * read every template we read to the same data, and we must read every template it reads (we are at
 * least as lenient: CloudFormation ignores indentation inside flow collections, `yaml` does too).
 * Duplicate keys are an error for both, as they are for CloudFormation.
 */

const corpus = fileURLToPath(new URL('../../../shared/corpus', import.meta.url))

const INTRINSICS = ['Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Length', 'ToJsonString']

/** `!Sub x` → `{ "Fn::Sub": x }` for scalars, sequences and mappings, as the template's long form reads. */
const cloudformationTags: (ScalarTag | CollectionTag)[] = INTRINSICS.flatMap((name) => {
  const key = shortFormName(name)!
  const wrap = (value: unknown) => ({ [key]: value })
  return [
    { tag: `!${name}`, resolve: (text: string) => wrap(text) } as ScalarTag,
    { tag: `!${name}`, collection: 'seq', resolve: (seq: { toJSON(): unknown }) => wrap(seq.toJSON()) } as unknown as CollectionTag,
    { tag: `!${name}`, collection: 'map', resolve: (map: { toJSON(): unknown }) => wrap(map.toJSON()) } as unknown as CollectionTag,
  ]
})

/** Prints each file (paths on stdin) that cfn-lint's template reader accepts; exits non-zero without cfn-lint. */
const CFN_LINT_READER = `
import sys
from cfnlint.decode import cfn_yaml
for path in sys.stdin.read().split('\\n'):
    try:
        with open(path, encoding='utf-8') as f: cfn_yaml.loads(f.read())
        print(path)
    except Exception:
        pass
`

type Oracle = { data: unknown } | { error: string }

function oracle(text: string): Oracle {
  const [first] = parseAllDocuments(text, { customTags: cloudformationTags, uniqueKeys: true, merge: false, prettyErrors: false })
  if (!first || !('errors' in first)) return { data: null }
  // Unknown tags (`!Rain::Embed`) are warnings there and opaque values here: not errors.
  if (first.errors.length > 0) return { error: first.errors[0]!.message }
  return { data: first.toJS({ maxAliasCount: -1 }) }
}

/** Our value against the oracle's data, ignoring what we leave unknown on purpose (unknown tags). Returns the first difference. */
function difference(ours: Value, theirs: unknown, at = '$'): string | undefined {
  switch (ours.kind) {
    case 'unknown':
      return undefined
    case 'map': {
      if (typeof theirs !== 'object' || theirs === null || Array.isArray(theirs)) return `${at}: map vs ${JSON.stringify(theirs)}`
      const keys = Object.keys(theirs)
      if (keys.length !== ours.entries.length) return `${at}: keys ${ours.entries.map((e) => e.key)} vs ${keys}`
      for (const entry of ours.entries) {
        const found = difference(entry.value, (theirs as Record<string, unknown>)[entry.key], `${at}.${entry.key}`)
        if (found) return found
      }
      return undefined
    }
    case 'list':
      if (!Array.isArray(theirs) || theirs.length !== ours.items.length) return `${at}: list of ${ours.items.length} vs ${JSON.stringify(theirs)}`
      return ours.items.map((item, i) => difference(item, theirs[i], `${at}[${i}]`)).find((found) => found !== undefined)
    case 'null':
      return theirs === null ? undefined : `${at}: null vs ${JSON.stringify(theirs)}`
    case 'number':
    case 'bool':
      return ours.value === theirs ? undefined : `${at}: ${ours.value} vs ${JSON.stringify(theirs)}`
    case 'string':
      // We keep a decimal with a leading zero (an account ID) as written; the core schema reads it as a number.
      if (typeof theirs === 'number' && /^[-+]?0[0-9]/.test(ours.value) && Number(ours.value) === theirs) return undefined
      return ours.value === theirs ? undefined : `${at}: ${JSON.stringify(ours.value)} vs ${JSON.stringify(theirs)}`
  }
}

function yamlFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) return yamlFilesUnder(full)
    return /\.(ya?ml|template)$/.test(entry.name) ? [full] : []
  })
}

function compare(file: string, text: string): { refusedByUs?: string; refusedByOracle?: string; differs?: string } {
  const ours = parseYamlValue(text, file)
  const theirs = oracle(text)
  if (ours.error && 'error' in theirs) return {}
  if (ours.error) return { refusedByUs: `${file}:${ours.error.loc.startLine} ${ours.error.message} (the oracle reads it)` }
  if ('error' in theirs) return { refusedByOracle: file }
  const differs = ours.value ? difference(ours.value, theirs.data) : undefined
  return differs ? { differs: `${file} ${differs}` } : {}
}

describe('CloudFormation YAML read as CloudFormation reads it', () => {
  // Each text with the data cfn-lint's YAML reader (PyYAML's lineage, as CloudFormation's) makes of it; js-yaml alone refuses all of them.
  const flowAtKeyIndent: [string, unknown][] = [
    ['Tags: [\n  {Key: a, Value: b}\n]\n', { Tags: [{ Key: 'a', Value: 'b' }] }],
    [
      'Resources:\n  User:\n    Type: AWS::IAM::User\n    Properties:\n      ManagedPolicyArns: [\n        "arn:aws:iam::aws:policy/ReadOnlyAccess"\n      ]\n',
      { Resources: { User: { Type: 'AWS::IAM::User', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } } } },
    ],
    [
      'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: {\n      "Fn::Sub": "${AWS::StackName}-jobs"\n      }\n',
      { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': '${AWS::StackName}-jobs' } } } } },
    ],
    ['A:\n  - B: [a,\n  b]\n    C: d\n', { A: [{ B: ['a', 'b'], C: 'd' }] }],
    ['A:\n  B: "multi\nline"\n', { A: { B: 'multi line' } }],
    ['BucketName: !Sub "${Bucket}-logs"#a comment\nTags: []\n', { BucketName: { 'Fn::Sub': '${Bucket}-logs' }, Tags: [] }],
  ]

  it('reads flow collections and quoted scalars continued at or left of their key, and comments right after a quote, as CloudFormation does, with the values where they are written', () => {
    for (const [text, data] of flowAtKeyIndent) {
      const parsed = parseYamlValue(text, 'inline.yaml')
      expect(parsed.error).toBeUndefined()
      expect(difference(parsed.value!, data)).toBeUndefined()
      // Where the second parser reads the text too, it agrees.
      const second = oracle(text)
      if ('data' in second) expect(second.data).toEqual(data)
    }
    const user = parseYamlValue(flowAtKeyIndent[1]![0], 'user.yaml').value
    expect(JSON.stringify(user)).toMatch(/"kind":"string","loc":\{"file":"user.yaml","startLine":6,"endLine":6,"startColumn":9,/)
    const queue = parseYamlValue(flowAtKeyIndent[2]![0], 'queue.yaml').value
    expect(JSON.stringify(queue)).toMatch(/"Fn::Sub","keyLoc":\{"file":"queue.yaml","startLine":6,"endLine":6,"startColumn":7/)
  })

  it('still refuses what CloudFormation refuses: a duplicate key, an unclosed flow collection, at the line written', () => {
    const duplicate = parseYamlValue('Resources:\n  A:\n    Type: X\n  A:\n    Type: Y\n', 'dup.yaml')
    expect(duplicate.error?.message).toMatch(/duplicated mapping key/)
    expect(duplicate.error?.loc.startLine).toBe(4)
    const unclosed = parseYamlValue('Tags: [\n  a,\n  b\nOther: 1\n', 'open.yaml')
    expect(unclosed.error).toBeDefined()
  })

  describe.skipIf(!existsSync(corpus))('on every YAML file of ../shared/corpus', () => {
    const files = ['realworld/cloudformation', 'kics/cloudformation', 'kics/sam', 'trivy'].flatMap((dir) => yamlFilesUnder(join(corpus, dir)))
    const results = files.map((full) => compare(relative(corpus, full), readFileSync(full, 'utf8')))

    it('reads at least what the oracle reads, to the same data', () => {
      expect(files.length).toBeGreaterThan(500)
      expect(results.flatMap((r) => (r.refusedByUs ? [r.refusedByUs] : []))).toEqual([])
      expect(results.flatMap((r) => (r.differs ? [r.differs] : []))).toEqual([])
    })

    // cfn-lint reads templates with PyYAML as CloudFormation does; where it is installed, we refuse nothing it reads.
    const cfnLintRead = spawnSync('python3', ['-c', CFN_LINT_READER], { input: files.join('\n'), encoding: 'utf8', maxBuffer: 1 << 26 })
    it.skipIf(cfnLintRead.status !== 0)('reads every file cfn-lint reads (skipped: cfn-lint is not installed)', () => {
      const readByCfnLint = new Set(cfnLintRead.stdout.split('\n').filter((line) => line !== ''))
      expect(readByCfnLint.size).toBeGreaterThan(500)
      const refused = files.filter((file) => readByCfnLint.has(file)).flatMap((file) => {
        const ours = parseYamlValue(readFileSync(file, 'utf8'), file)
        return ours.error ? [`${relative(corpus, file)}:${ours.error.loc.startLine} ${ours.error.message}`] : []
      })
      expect(refused).toEqual([])
    })
  })
})
