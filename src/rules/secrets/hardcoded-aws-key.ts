import type { AwsModel } from '../../model/aws.js'
import type { ResourceMeta } from '../../model/resource.js'
import type { Attr, SourceRange } from '../../model/source.js'
import { isKnown } from '../../model/source.js'
import type { Report } from '../types.js'
import { defineRule } from '../types.js'
import { findAwsKeys, rangeInText } from './patterns.js'

interface Text {
  text: Attr<string>
  resource: ResourceMeta
  /** The name the text is written under, when it is one value (an attribute, a variable). */
  key?: string
  firstTextLine?: number
}

/** Every place a key can be written, resource-bound ones first so they name their resource. */
function textsOf(aws: AwsModel): Text[] {
  const { secrets } = aws
  return [
    ...secrets.userData.map((u) => ({ text: u.text, resource: u.meta, firstTextLine: u.firstTextLine })),
    ...secrets.environments.flatMap((e) => e.variables.map((v) => ({ text: v.value, resource: e.meta, key: v.name }))),
    ...secrets.credentials.map((c) => ({ text: c.value, resource: c.meta, key: c.field ?? c.purpose })),
    ...secrets.ssmParameters.flatMap((p) => (p.value ? [{ text: p.value, resource: p.meta }] : [])),
    ...secrets.literals.map((l) => ({ text: l.value, key: l.key, resource: literalOwner(l.value.loc, l.key) })),
  ]
}

/** A literal outside any modelled resource (a provider block, a tfvars file) is identified by its file and key. */
function literalOwner(loc: SourceRange, key?: string): ResourceMeta {
  return { address: key ? `${loc.file}#${key}` : loc.file, sourceType: 'literal', loc, suppressions: [] }
}

function within(loc: SourceRange, outer: SourceRange): boolean {
  return loc.file === outer.file && outer.startLine <= loc.startLine && loc.endLine <= outer.endLine
}

export default defineRule({
  id: 'secrets/hardcoded-aws-key',
  severity: 'critical',
  title: 'AWS access key written in the source',
  why: 'A key in a repository is a key for everyone who can read it, its forks and its history; automated scanners find pushed AWS keys within minutes. Removing it from the code does not revoke it. Severity: critical: a committed access key is usable by anyone who reads the repository, until it is revoked.',
  fix: 'Deactivate and delete the key in IAM now, then use roles: instance profiles, task roles, OIDC federation for CI. Where a secret must be passed, reference Secrets Manager or SSM SecureString instead of writing it.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#securing_access-keys', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles'],
  check({ aws }, report) {
    const reported: Report[] = []
    for (const { text, resource, key, firstTextLine } of textsOf(aws)) {
      if (!isKnown(text)) continue
      for (const match of findAwsKeys(text.value, key)) {
        const loc = rangeInText(text, match.index, firstTextLine)
        // The same key reached twice (a variable's value and the literal it is written as) is one finding.
        if (reported.some((r) => r.element === match.shown && (within(r.at.loc, loc) || within(loc, r.at.loc)))) continue
        const finding: Report = {
          at: { loc },
          resource,
          element: match.shown,
          message: match.kind === 'access key ID' ? `AWS access key ID ${match.shown} is written in the source` : 'An AWS secret access key is written in the source',
        }
        reported.push(finding)
        report(finding)
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}
`,
          lines: [3, 4],
        },
        {
          code: `resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = <<-EOF
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    export AWS_DEFAULT_REGION=us-west-2
  EOF
}
`,
          lines: [6],
        },
      ],
      good: [
        {
          code: `provider "aws" {
  region = "us-east-1"
}

resource "aws_instance" "app" {
  ami                  = "ami-12345678"
  instance_type        = "t3.micro"
  iam_instance_profile = "app"
  user_data            = <<-EOF
    #!/bin/bash
    export AWS_DEFAULT_REGION=us-west-2
  EOF
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/app
      Code:
        ZipFile: print("hi")
      Environment:
        Variables:
          AWS_KEY: AKIAIOSFODNN7EXAMPLE
`,
          lines: [12],
        },
      ],
      good: [
        {
          code: `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/app
      Code:
        ZipFile: print("hi")
      Environment:
        Variables:
          STAGE: prod
`,
        },
      ],
    },
  },
})
