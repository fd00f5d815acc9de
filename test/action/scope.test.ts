import { describe, expect, test } from 'vitest'
import { scanPathsOf, scopeOfChange } from '../../src/action/scope.js'
import type { ChangedFile } from '../../src/sources/changed-files.js'

const file = (path: string, status: ChangedFile['status'] = 'modified', previousPath?: string): ChangedFile => ({ path, status, previousPath, addedLines: [], hunks: [] })

describe('what a change touches', () => {
  test('Terraform by module directory, documents by file, each side under its own name', () => {
    const scope = scopeOfChange([file('infra/app/variables.tf'), file('main.tf', 'added'), file('cfn/new.yaml', 'renamed', 'cfn/old.yaml'), file('cfn/gone.json', 'removed'), file('README.md')], [])
    expect(scope).toEqual({ moduleDirs: ['.', 'infra/app'], headDocuments: ['cfn/new.yaml'], baseDocuments: ['cfn/gone.json', 'cfn/old.yaml'] })
  })

  test('paths limit the scope', () => {
    expect(scopeOfChange([file('infra/a.tf'), file('other/b.tf')], ['./infra/']).moduleDirs).toEqual(['infra'])
  })

  test('a module is scanned by its own files, not its subdirectories (they are modules of their own)', () => {
    const scope = scopeOfChange([file('app/main.tf')], [])
    expect(scanPathsOf(scope, [], ['app/main.tf', 'app/vars.tf', 'app/policies/p.json', 'app/sub/x.tf'])).toEqual(['app/main.tf', 'app/vars.tf'])
  })
})
