import type { PolicyDocument } from '../model/policy.js'
import { escalationPaths } from './escalation/detect.js'
import { createPermissions } from './permissions.js'

/** Expands and evaluates each document on its own, as the rules do: what `npm run bench` times per policy. */
export function evaluateDocuments(documents: PolicyDocument[]): { grantedActions: number; escalationPaths: number } {
  let grantedActions = 0
  let paths = 0
  for (const document of documents) {
    const permissions = createPermissions([document])
    grantedActions += permissions.allowedActions().size
    paths += escalationPaths(permissions).length
  }
  return { grantedActions, escalationPaths: paths }
}
