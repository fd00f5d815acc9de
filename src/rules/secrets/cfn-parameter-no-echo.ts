import type { CredentialAttribute } from '../../model/aws.js'
import { firstLine, type SourceRange } from '../../model/source.js'
import { defineRule } from '../types.js'
import { isSecretName, literalSecret } from './patterns.js'

function usedAsCredential(defaultAt: SourceRange, credentials: CredentialAttribute[]): boolean {
  return credentials.some(({ value: { loc } }) => loc.file === defaultAt.file && loc.startLine === defaultAt.startLine && loc.startColumn === defaultAt.startColumn)
}

export default defineRule({
  id: 'secrets/cfn-parameter-no-echo',
  severity: 'medium',
  title: 'Secret parameter is echoed or has a literal default',
  why: 'Without NoEcho (Terraform: `sensitive = true`) a parameter’s value is shown in clear by DescribeStacks, the console and plan output; a default value writes the secret into the template itself. Severity: medium: the value is shown to whoever can describe the stack; a literal default puts it in the repository.',
  fix: 'Add `NoEcho: true` (CloudFormation) or `sensitive = true` (Terraform) and remove the default; better, resolve the secret from Secrets Manager with a dynamic reference.',
  links: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#parameters-section-structure-properties', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds'],
  check({ aws }, report) {
    for (const input of aws.secrets.inputs) {
      if (!isSecretName(input.name)) continue
      if (input.hidden.value === false) {
        report({ at: { loc: firstLine(input.loc) }, resource: input.meta, element: 'hidden', message: `Parameter ${input.name} looks secret but its value is shown in clear (no NoEcho / sensitive)` })
      }
      // No inputs are passed: that the value sits inside its own declaration is the point here.
      // A default some credential property takes is reported by secrets/hardcoded-credential, with where it is used.
      if (input.defaultValue && literalSecret(input.defaultValue, []) !== undefined && !usedAsCredential(input.defaultValue.loc, aws.secrets.credentials)) {
        report({ at: input.defaultValue, resource: input.meta, element: 'default', message: `Parameter ${input.name} has a literal default: the secret is written in the source` })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `variable "db_password" {
  type    = string
  default = "Sup3rS3cret!"
}
`,
          lines: [1, 3],
        },
      ],
      good: [
        {
          code: `variable "db_password" {
  type      = string
  sensitive = true
}

variable "db_password_secret_arn" {
  type = string
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Parameters:
  DBPassword:
    Type: String
    MinLength: 12
Resources:
  Topic:
    Type: AWS::SNS::Topic
`,
          lines: [2],
        },
        {
          code: `Parameters:
  DBPassword:
    Type: String
    NoEcho: true
    Default: Sup3rS3cret!
Resources:
  Topic:
    Type: AWS::SNS::Topic
`,
          lines: [5],
        },
      ],
      good: [
        {
          code: `Parameters:
  DBPassword:
    Type: String
    NoEcho: true
    MinLength: 12
  DBPasswordSecretArn:
    Type: String
Resources:
  Topic:
    Type: AWS::SNS::Topic
`,
        },
      ],
    },
  },
})
