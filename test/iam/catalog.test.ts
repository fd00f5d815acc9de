import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  ESCALATION_METHODS, catalog, expandAction, globCovers, globsIntersect, hasAccessLevel, iamDataVersion, isAllResources, isWholeServiceOrAll, resolveIamDataRoot,
  suggestAction,
} from '../../src/iam/index.js'
import { BULK_READ_ACTIONS, CREDENTIAL_ACTIONS } from '../../src/iam/index.js'

describe('catalog', () => {
  it('knows actions with their access levels, case-insensitively', () => {
    const passRole = catalog().action('IAM:passrole')
    expect(passRole?.key).toBe('iam:PassRole')
    expect(passRole?.accessLevels).toEqual(['Write'])
    expect(passRole?.resourceTypes.map((r) => r.name)).toEqual(['role'])
    expect(catalog().action('s3:PutBucketPolicy')?.accessLevels).toEqual(['Permissions management', 'Write'])
    expect(catalog().action('s3:NoSuchAction')).toBeUndefined()
  })

  it('reports the data version and date', () => {
    const { version, updatedAt } = iamDataVersion()
    expect(version).toMatch(/^\d+\.\d+\.\d{9}$/)
    expect(new Date(updatedAt).getFullYear()).toBeGreaterThanOrEqual(2024)
  })

  it('finds the data beside a bundle (dist/ or dist/chunks/) before node_modules', () => {
    const bundle = pathToFileURL('/opt/app/dist/chunks/scan-abc.js').href
    const layouts = [join('/opt/app/dist', 'iam-data', 'data', 'services.json'), join('/opt/app/dist/chunks', 'iam-data', 'data', 'services.json')]
    expect(resolveIamDataRoot(bundle, (p) => p === layouts[0])).toBe('/opt/app/dist/iam-data')
    expect(resolveIamDataRoot(bundle, (p) => p === layouts[1])).toBe('/opt/app/dist/chunks/iam-data')
    const fromSource = resolveIamDataRoot(pathToFileURL(join(process.cwd(), 'src/iam/catalog/catalog.ts')).href, () => false)
    expect(fromSource).toMatch(/node_modules\/@cloud-copilot\/iam-data$/)
  })
})

describe('expandAction', () => {
  it('expands prefix wildcards against the catalog', () => {
    const put = expandAction('iam:Put*').actions
    expect(put.map((a) => a.name)).toContain('PutRolePolicy')
    expect(put.every((a) => a.name.startsWith('Put'))).toBe(true)
    expect(put.some((a) => hasAccessLevel(a, ['Permissions management']))).toBe(true)
    expect(expandAction('s3:Get*').actions.every((a) => !hasAccessLevel(a, ['Write', 'Permissions management']))).toBe(true)
  })

  it('matches case-insensitively and with ?', () => {
    expect(expandAction('S3:getobjec?').actions.map((a) => a.key)).toEqual(['s3:GetObject'])
  })

  it('names why a pattern matches nothing', () => {
    expect(expandAction('s4:GetObject').problem).toBe('unknown-service')
    expect(expandAction('s3:GetObjects').problem).toBe('no-match')
    expect(expandAction('s3GetObject').problem).toBe('malformed')
    expect(expandAction('s3:Get*').problem).toBeUndefined()
  })

  it('tells every action, and every action of a service, from less', () => {
    expect(['*', ' *:* ', 's3:*', 'SQS:*', 'kms:*'].every(isWholeServiceOrAll)).toBe(true)
    // A service the catalog does not know has no actions to be whole of (iam/unknown-action reports it).
    expect(['s3:Get*', 's4:*', 'iam:PassRole'].some(isWholeServiceOrAll)).toBe(false)
  })

  it('reads the literal `*` as every resource, not other patterns', () => {
    expect(isAllResources(' * ')).toBe(true)
    expect(['*:*', 'arn:aws:s3:::*'].some(isAllResources)).toBe(false)
  })

  it('suggests the action a typo meant', () => {
    expect(suggestAction('s3:GetObjects')).toBe('s3:GetObject')
    expect(suggestAction('sqs:DeleteQueues')).toBe('sqs:DeleteQueue')
  })
})

describe('data lists', () => {
  it('has at least 25 escalation methods, every action of which is in the catalog', () => {
    expect(ESCALATION_METHODS.length).toBeGreaterThanOrEqual(25)
    expect(new Set(ESCALATION_METHODS.map((m) => m.id)).size).toBe(ESCALATION_METHODS.length)
    const missing = ESCALATION_METHODS.flatMap((m) => m.requires.flat()).filter((a) => !catalog().action(a))
    expect(missing).toEqual([])
  })

  it('names only real actions in the credential and bulk-read lists', () => {
    const listed = [...CREDENTIAL_ACTIONS.map((c) => c.action), ...BULK_READ_ACTIONS]
    expect(listed.filter((a) => !catalog().action(a))).toEqual([])
  })
})

describe('glob patterns', () => {
  it('decides coverage and intersection', () => {
    expect(globCovers('s3:*', 's3:Get*')).toBe(true)
    expect(globCovers('s3:Get*', 's3:*')).toBe(false)
    expect(globCovers('arn:aws:s3:::a/*', 'arn:aws:s3:::a/b/*', false)).toBe(true)
    expect(globCovers('arn:aws:s3:::a/*', 'arn:aws:s3:::ab', false)).toBe(false)
    expect(globsIntersect('arn:aws:s3:::a*', '*:s3:::ab')).toBe(true)
    expect(globsIntersect('arn:aws:s3:::a', 'arn:aws:s3:::b')).toBe(false)
  })
})
