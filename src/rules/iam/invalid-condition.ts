import { conditionProblems, statementName } from '../../iam/index.js'
import { isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'iam/invalid-condition',
  severity: 'medium',
  title: 'Condition that does not restrict what it seems to',
  why: 'IAM ignores nothing loudly: a misspelt condition key is simply absent from the request, an operator of the wrong type never matches, and ForAllValues or …IfExists with Allow let requests without the key through. The condition reads as a restriction and is none. Severity: medium: the condition looks like a restriction but does not restrict; the statement grants more than it seems.',
  fix: 'Use a key from the global or service condition key lists with an operator of its type; with Allow, use ForAnyValue or test the key\'s presence with Null.',
  links: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
  ],
  check({ aws }, report) {
    for (const document of aws.policyDocuments) {
      if (document.unknown) continue
      for (const statement of document.statements) {
        for (const condition of statement.conditions) {
          const problems = conditionProblems(statement, condition)
          if (problems.length === 0) continue
          const name = `${isKnown(condition.operator) ? condition.operator.value : '?'}:${isKnown(condition.key) ? condition.key.value : '?'}`
          report({ at: condition.key, resource: document.owner, element: `${statementName(statement)}.Condition[${name}]`, message: problems.join('; ') })
        }
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_policy" "tagged" {
  name = "tagged"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "ec2:StartInstances"
      Resource = "*"
      Condition = {
        StringEquals = { "aws:ResourceTags/team" = "web" }
        NumericLessThan = { "aws:SourceIp" = "10" }
        "ForAllValues:StringEquals" = { "aws:TagKeys" = ["team"] }
      }
    }]
  })
}
`,
          lines: [10, 11, 12],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_policy" "tagged" {
  name = "tagged"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "ec2:StartInstances"
      Resource = "*"
      Condition = {
        StringEquals = { "aws:ResourceTag/team" = "web" }
        IpAddress = { "aws:SourceIp" = "10.0.0.0/8" }
        "ForAnyValue:StringEquals" = { "aws:TagKeys" = ["team"] }
      }
    }]
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
  MfaPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ec2:TerminateInstances
            Resource: "*"
            Condition:
              BoolIfExists:
                aws:MultiFactorAuthPresent: "true"
`,
          lines: [13],
        },
      ],
      good: [
        {
          code: `Resources:
  MfaPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ec2:TerminateInstances
            Resource: "*"
            Condition:
              Bool:
                aws:MultiFactorAuthPresent: "true"
`,
        },
      ],
    },
  },
})
