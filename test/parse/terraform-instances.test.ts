import { describe, expect, it } from 'vitest'
import { parseTerraformModule } from '../../src/parse/terraform/index.js'

const reader = { readText: () => undefined }

async function addresses(text: string, tfvars?: string): Promise<string[]> {
  const files = [{ path: 'm/main.tf', text }, ...(tfvars ? [{ path: 'm/terraform.tfvars', text: tfvars }] : [])]
  const unit = await parseTerraformModule({ dir: 'm', files, reader })
  return unit.resources.map((r) => r.address)
}

describe('resources Terraform would not create', () => {
  const module = `variable "create_key" {
  type    = bool
  default = false
}

variable "users" {
  type    = set(string)
  default = []
}

variable "unknown_flag" {
  type = bool
}

resource "aws_iam_access_key" "optional" {
  count = var.create_key ? 1 : 0
  user  = "ci"
}

resource "aws_iam_user" "each" {
  for_each = var.users
  name     = each.key
}

resource "aws_iam_user" "maybe" {
  count = var.unknown_flag ? 1 : 0
  name  = "maybe"
}

resource "aws_iam_user" "always" {
  name = "always"
}
`

  it('leaves out count = 0 and an empty for_each, keeps what may exist', async () => {
    expect(await addresses(module)).toEqual(['aws_iam_user.maybe', 'aws_iam_user.always'])
  })

  it('follows the values the module is given', async () => {
    expect(await addresses(module, 'create_key = true\nusers = ["alice"]\nunknown_flag = false\n')).toEqual([
      'aws_iam_access_key.optional',
      'aws_iam_user.each',
      'aws_iam_user.always',
    ])
  })
})
