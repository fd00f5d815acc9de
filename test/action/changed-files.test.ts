import { describe, expect, test } from 'vitest'
import { hunkContaining, linesOfPatch, type ChangedFile } from '../../src/sources/changed-files.js'

const PATCH = `@@ -1,4 +1,5 @@
 resource "aws_iam_policy" "app" {
-  name = "a"
+  name = "b"
+  path = "/"
   policy = local.p
 }
@@ -20,3 +21,4 @@ locals {
 x = 1
+y = 2
 z = 3
`

describe('head-side lines of a patch', () => {
  test('added lines become ranges, every hunk its head-side span', () => {
    expect(linesOfPatch(PATCH)).toEqual({
      addedLines: [{ start: 2, end: 3 }, { start: 22, end: 22 }],
      hunks: [{ start: 1, end: 5 }, { start: 21, end: 24 }],
    })
  })

  test('a deletion-only hunk adds nothing; an empty patch has no hunks', () => {
    expect(linesOfPatch('@@ -3,2 +2,0 @@\n-a\n-b\n')).toEqual({ addedLines: [], hunks: [] })
    expect(linesOfPatch('')).toEqual({ addedLines: [], hunks: [] })
  })

  test('a comment range must fit in one hunk', () => {
    const file: ChangedFile = { path: 'main.tf', status: 'modified', ...linesOfPatch(PATCH) }
    expect(hunkContaining(file, 4, 4)).toEqual({ start: 1, end: 5 })
    expect(hunkContaining(file, 5, 21)).toBeUndefined()
    expect(hunkContaining(file, 10, 10)).toBeUndefined()
  })
})
