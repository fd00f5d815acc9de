import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'iam/user-access-key',
  severity: 'medium',
  title: 'Long-lived IAM user access key',
  why: 'An access key never expires on its own: it ends up in CI variables, laptops and logs, and whoever finds it acts as the user until someone notices. Roles hand out temporary credentials instead. Severity: medium: a long-lived key leaks through laptops, CI logs and repositories and stays valid until someone rotates it.',
  fix: 'Let the workload assume a role (instance profile, IRSA, GitHub OIDC, IAM Roles Anywhere) and delete the key; where a key is unavoidable, waive the finding with an owner and an expiry.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#securing_access-keys'],
  check({ aws }, report) {
    for (const key of aws.iam.accessKeys) {
      // A key created Inactive cannot sign requests until someone activates it.
      if (key.status.value === 'Inactive') continue
      report({ at: { loc: firstLine(key.meta.loc) }, resource: key.meta, message: 'Long-lived access key created for an IAM user: prefer a role with temporary credentials' })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_user" "deployer" {
  name = "deployer"
}

resource "aws_iam_access_key" "deployer" {
  user = aws_iam_user.deployer.name
}
`,
          lines: [5],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_user" "deployer" {
  name = "deployer"
}

resource "aws_iam_access_key" "deployer" {
  user   = aws_iam_user.deployer.name
  status = "Inactive"
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Deployer:
    Type: AWS::IAM::User
  DeployerKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Deployer
`,
          lines: [4],
        },
      ],
      good: [
        {
          code: `Resources:
  Deployer:
    Type: AWS::IAM::User
  DeployerKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Deployer
      Status: Inactive
`,
        },
      ],
    },
  },
})
