import type { Value } from '../parse/value.js'
import { builtinRules } from '../rules/index.js'
import { governanceRules } from '../rules/rulebook/index.js'
import type { AnyRule } from '../rules/types.js'
import { defaultEffective, toRulebook } from './build.js'
import { compileCustomRule } from './custom/rule.js'
import { errorAt, fileError, nodeAt, parseRulebookText, type RulebookDocument, type RulebookError } from './document.js'
import { DEFAULT_RULEBOOK_PATH, type CustomRuleSpec, type RulebookFile } from './format.js'
import { displayName, readPreset, resolveLocation, type RemoteRef, type RulebookLocation } from './locations.js'
import { collectWaivers, mergeRules, unknownSelectors, waiverScopeErrors, type Layer } from './merge.js'
import type { LoadedRulebook } from './types.js'
import { describeErrors, validateDocument, validatorsFor, type Validators } from './validate.js'

export interface RulebookReaders {
  /** A file of the scanned repository (POSIX path relative to its root), or undefined when there is none. In pull-request mode: the base commit's file. */
  readFile(path: string): Promise<string | undefined>
  /** A file of another repository at a ref, or undefined when there is none. The Action passes one backed by the GitHub contents API; without it a central rulebook is an error. */
  fetchRemote?(ref: RemoteRef): Promise<string | undefined>
}

export interface LoadRulebookOptions extends RulebookReaders {
  /** `--rulebook` / the Action's `rulebook` input: a repository path, `policygate:<preset>` or `owner/repo/path@ref`. Absent: `.github/policygate.yml` when it exists, else `policygate:recommended`. */
  rulebook?: string
  /** The built-in rules (default: all of them). */
  rules?: AnyRule[]
}

export type LoadRulebookResult = { ok: true; rulebook: LoadedRulebook } | { ok: false; errors: RulebookError[] }

const catalogs = new WeakMap<AnyRule[], AnyRule[]>()

/** The rules a rulebook may name before custom ones: the built-in ones and the governance rules (one array per input, so validators are compiled once). */
function withGovernance(rules: AnyRule[]): AnyRule[] {
  let catalog = catalogs.get(rules)
  if (!catalog) catalogs.set(rules, (catalog = [...rules, ...governanceRules]))
  return catalog
}

/** Rulebooks extending rulebooks extending …: deeper than this is a mistake, not a policy. */
const MAX_DEPTH = 10

interface Reading {
  readers: RulebookReaders
  validators: Validators
  layers: Layer[]
  customRules: { spec: CustomRuleSpec; node: Value; source: string }[]
  repositoryFiles: Set<string>
  errors: RulebookError[]
}

/** Reads, validates and merges a rulebook with everything it extends. Any mistake is an error with its position: there is no silent fallback. */
export async function loadRulebook(options: LoadRulebookOptions): Promise<LoadRulebookResult> {
  const rules = options.rules ?? builtinRules
  const reading: Reading = { readers: options, validators: validatorsFor(withGovernance(rules)), layers: [], customRules: [], repositoryFiles: new Set([DEFAULT_RULEBOOK_PATH]), errors: [] }
  let root: RulebookLocation
  if (options.rulebook !== undefined) {
    const resolved = resolveLocation(options.rulebook)
    if ('error' in resolved) return { ok: false, errors: [fileError(options.rulebook, resolved.error)] }
    root = resolved
  } else {
    root = (await options.readFile(DEFAULT_RULEBOOK_PATH)) === undefined ? { kind: 'preset', name: 'recommended' } : { kind: 'local', path: DEFAULT_RULEBOOK_PATH }
  }
  await readLayer(root, reading, [], undefined)
  if (reading.errors.length > 0) return { ok: false, errors: reading.errors }

  const custom = compileCustomRules(reading, rules)
  const catalog = [...rules, ...governanceRules, ...custom.map((c) => c.rule)]
  reading.errors.push(...unknownSelectors(reading.layers, catalog), ...waiverScopeErrors(reading.layers), ...customParamErrors(reading, custom.map((c) => c.rule)))
  if (reading.errors.length > 0) return { ok: false, errors: reading.errors }

  const effective = defaultEffective(rules)
  effective.sources = reading.layers.map((l) => l.document.name)
  effective.rules = mergeRules(reading.layers, catalog)
  for (const { rule, source } of custom) effective.rules.find((r) => r.rule === rule)!.declaredIn = source
  effective.waivers = collectWaivers(reading.layers)
  return { ok: true, rulebook: toRulebook(effective, displayName(root), [...reading.repositoryFiles].sort(), mergedLimits(reading.layers)) }
}

/** The last layer that sets a limit wins, as for rule settings. */
function mergedLimits(layers: Layer[]): LoadedRulebook['limits'] {
  const megabytes = layers.reduce<number | undefined>((found, { file }) => file.limits?.max_file_size_mb ?? found, undefined)
  return megabytes === undefined ? undefined : { maxFileBytes: Math.round(megabytes * 1024 * 1024) }
}

async function readText(location: RulebookLocation, readers: RulebookReaders): Promise<string | undefined | { error: string }> {
  switch (location.kind) {
    case 'preset':
      return readPreset(location.name)
    case 'local':
      return readers.readFile(location.path)
    case 'remote': {
      if (!readers.fetchRemote) return { error: `central rulebooks (${displayName(location)}) are read by the GitHub Action; on the command line, check the repository out and name the file by its path` }
      try {
        return await readers.fetchRemote(location)
      } catch (error) {
        return { error: `could not read ${displayName(location)}: ${error instanceof Error ? error.message : String(error)}` }
      }
    }
  }
}

/** Reads one file and, depth first, what it extends: the extended layers come before it. */
async function readLayer(location: RulebookLocation, reading: Reading, chain: string[], referencedAt: Value | undefined): Promise<void> {
  const name = displayName(location)
  const complain = (message: string): void => void reading.errors.push(referencedAt ? errorAt(referencedAt.loc, message) : fileError(name, message))
  if (chain.includes(name)) return complain(`'${name}' extends itself through ${[...chain, name].join(' → ')}`)
  if (chain.length >= MAX_DEPTH) return complain(`extends is nested deeper than ${MAX_DEPTH} files`)
  if (location.kind === 'local') reading.repositoryFiles.add(location.path)
  const text = await readText(location, reading.readers)
  if (text === undefined) return complain(`rulebook file ${name} does not exist`)
  if (typeof text !== 'string') return complain(text.error)
  // Shipped presets are checked against the schema by a test (test/rulebook/presets-schema.test.ts): compiling it for them would make up most of a scan's cold start.
  const document = parsed(text, name, location.kind === 'preset' ? undefined : reading.validators.rulebook, reading.errors)
  if (!document) return
  const file = document.data as RulebookFile
  const extendsList = file.extends === undefined ? [] : Array.isArray(file.extends) ? file.extends : [file.extends]
  for (const [i, entry] of extendsList.entries()) {
    const node = nodeAt(document.root, Array.isArray(file.extends) ? ['extends', i] : ['extends']).value
    const target = resolveLocation(entry, location)
    if ('error' in target) reading.errors.push(errorAt(node.loc, `extends: ${target.error}`))
    else await readLayer(target, reading, [...chain, name], node)
  }
  for (const [i, entry] of (file.custom_rule_files ?? []).entries()) {
    await readRulePack(entry, location, nodeAt(document.root, ['custom_rule_files', i]).value, reading)
  }
  for (const [i, spec] of (file.custom_rules ?? []).entries()) reading.customRules.push({ spec, node: nodeAt(document.root, ['custom_rules', i]).value, source: name })
  reading.layers.push({ document, file })
}

async function readRulePack(entry: string, from: RulebookLocation, node: Value, reading: Reading): Promise<void> {
  const target = resolveLocation(entry, from)
  if ('error' in target) return void reading.errors.push(errorAt(node.loc, `custom_rule_files: ${target.error}`))
  const name = displayName(target)
  if (target.kind === 'local') reading.repositoryFiles.add(target.path)
  const text = await readText(target, reading.readers)
  if (text === undefined) return void reading.errors.push(errorAt(node.loc, `custom_rule_files: ${name} does not exist`))
  if (typeof text !== 'string') return void reading.errors.push(errorAt(node.loc, text.error))
  const document = parsed(text, name, reading.validators.rulePack, reading.errors)
  if (!document) return
  const specs = (document.data as { custom_rules: CustomRuleSpec[] }).custom_rules
  for (const [i, spec] of specs.entries()) reading.customRules.push({ spec, node: nodeAt(document.root, ['custom_rules', i]).value, source: name })
}

function parsed(text: string, name: string, validate: Validators['rulebook'] | undefined, errors: RulebookError[]): RulebookDocument | undefined {
  const result = parseRulebookText(text, name)
  if ('errors' in result) {
    errors.push(...result.errors)
    return undefined
  }
  const problems = validate ? validateDocument(result.document, validate()) : []
  errors.push(...problems)
  return problems.length > 0 ? undefined : result.document
}

/** Later declarations of an ID replace earlier ones (a repository's pack may refine the central one); built-in IDs are taken. */
function compileCustomRules(reading: Reading, builtins: AnyRule[]): { rule: AnyRule; source: string }[] {
  const taken = new Set([...builtins, ...governanceRules].map((r) => r.id))
  const byId = new Map<string, { rule: AnyRule; source: string }>()
  for (const { spec, node, source } of reading.customRules) {
    if (taken.has(spec.id)) {
      reading.errors.push(errorAt(nodeAt(node, ['id']).value.loc, `custom rule '${spec.id}' has the ID of a built-in rule; choose another area (your organization's name)`))
      continue
    }
    const compiled = compileCustomRule(spec, node, source)
    if ('errors' in compiled) reading.errors.push(...compiled.errors)
    else byId.set(spec.id, { rule: compiled.rule, source })
  }
  return [...byId.values()]
}

/** Params given to a custom rule by its exact ID, checked against that rule's own schema. */
function customParamErrors(reading: Reading, custom: AnyRule[]): RulebookError[] {
  return reading.layers.flatMap(({ document, file }) =>
    Object.entries(file.rules ?? {}).flatMap(([id, setting]) => {
      const rule = custom.find((r) => r.id === id)
      if (!rule || typeof setting !== 'object' || setting.params === undefined) return []
      const validate = reading.validators.params(rule)!
      return validate(setting.params) ? [] : describeErrors(validate.errors ?? [], document, ['rules', id, 'params'])
    }),
  )
}
