import type { RemoteRef } from '../rulebook/index.js'

/**
 * `--rulebook owner/repo/path@ref` on the command line: read through the GitHub contents API with
 * GITHUB_TOKEN, against GITHUB_API_URL (GitHub Enterprise Server) or api.github.com, by the Action's
 * own reader. Without a token the rulebook cannot be read, and the error says what to set.
 */
export async function fetchCentralRulebook(ref: RemoteRef): Promise<string | undefined> {
  const token = process.env.GITHUB_TOKEN
  if (!token) throw new Error(`a central rulebook is read through the GitHub API: set GITHUB_TOKEN to a token that can read ${ref.owner}/${ref.repo} (and GITHUB_API_URL for GitHub Enterprise Server)`)
  // Loaded only for a central rulebook: a local scan never needs the GitHub client.
  const [{ createGitHubClient }, { remoteReader }] = await Promise.all([import('../action/github.js'), import('../action/rulebook.js')])
  const apiUrl = (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '')
  const client = createGitHubClient(token, apiUrl, (message) => process.stderr.write(`policygate: ${message}\n`))
  return remoteReader(client)(ref)
}
