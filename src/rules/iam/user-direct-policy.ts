import { firstLine, isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'iam/user-direct-policy',
  severity: 'medium',
  title: 'Policy attached directly to an IAM user',
  why: 'Permissions written on individual users drift apart and are missed in reviews and offboarding; CIS asks that users receive permissions only through groups (or roles). Severity: medium: a review and offboarding hazard, not an exposure by itself: what the policy grants is judged by the content rules.',
  fix: 'Put the policy on a group and make the user a member, or let the workload assume a role.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions'],
  check({ aws }, report) {
    for (const user of aws.iam.users) {
      for (const document of user.inlinePolicies) {
        // A separate aws_iam_user_policy / AWS::IAM::Policy is reported where it names the user; an inline one at the document.
        const separate = document.owner.address !== user.meta.address
        report({
          at: { loc: firstLine(separate ? document.owner.loc : document.loc) },
          resource: separate ? document.owner : user.meta,
          message: `Inline policy on user ${user.meta.address}: grant it through a group or a role`,
          element: `${user.meta.address}.InlinePolicy[${separate ? document.owner.address : document.loc.startLine}]`,
        })
      }
      for (const attachment of user.managedPolicies) {
        const name = isKnown(attachment.policyArn) ? attachment.policyArn.value : attachment.meta.address
        report({
          at: { loc: attachment.loc },
          resource: attachment.meta,
          message: `Managed policy ${name} attached to user ${user.meta.address}: attach it to a group instead`,
          element: `${user.meta.address}.ManagedPolicy[${name}]`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          // A user declared elsewhere (another repository, the console), named by a literal: both policies are on it.
          code: `resource "aws_iam_user_policy" "bot_ec2" {
  name = "ec2-read"
  user = "deploy-bot"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ec2:Describe*"], Resource = "*" }]
  })
}

resource "aws_iam_user_policy_attachment" "bot_s3" {
  user       = "deploy-bot"
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}
`,
          lines: [1, 10],
        },
        {
          code: `resource "aws_iam_user" "jim" {
  name = "jim"
}

resource "aws_iam_user_policy" "jim_ec2" {
  name = "ec2-read"
  user = aws_iam_user.jim.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ec2:Describe*"], Resource = "*" }]
  })
}

resource "aws_iam_user_policy_attachment" "jim_s3" {
  user       = aws_iam_user.jim.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}
`,
          lines: [5, 14],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_user" "jim" {
  name = "jim"
}

resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_user_group_membership" "jim" {
  user   = aws_iam_user.jim.name
  groups = [aws_iam_group.developers.name]
}

resource "aws_iam_group_policy" "developers_ec2" {
  name  = "ec2-read"
  group = aws_iam_group.developers.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ec2:Describe*"], Resource = "*" }]
  })
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  CiPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Users:
        - ci-bot
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ec2:Describe*
            Resource: "*"
`,
          lines: [6],
        },
        {
          code: `Resources:
  Jim:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: ec2-read
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ec2:Describe*
                Resource: "*"
`,
          lines: [8],
        },
        {
          // A flow list closed at its key's column: CloudFormation reads it, so the template is judged, not refused.
          code: `Resources:
  Jim:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns: [
        "arn:aws:iam::aws:policy/ReadOnlyAccess"
      ]
`,
          lines: [6],
        },
      ],
      good: [
        {
          code: `Resources:
  Developers:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: ec2-read
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ec2:Describe*
                Resource: "*"
  Jim:
    Type: AWS::IAM::User
    Properties:
      Groups:
        - !Ref Developers
`,
        },
      ],
    },
  },
})
