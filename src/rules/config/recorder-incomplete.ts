import { replaceValue } from '../fix.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'config/recorder-incomplete',
  severity: 'medium',
  title: 'AWS Config recorder does not record everything, or is off',
  why: 'Config is the account’s change history: a recorder limited to some resource types, without the global IAM types, or stopped, leaves changes nobody can reconstruct (CIS AWS Foundations 3.5). Severity: medium: unrecorded resource types or a stopped recorder leave configuration changes without history; nothing is exposed by it directly.',
  fix: 'Record all supported resource types including global ones (`recording_group { all_supported = true, include_global_resource_types = true }` / `RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true }`) and start the recorder (`aws_config_configuration_recorder_status { is_enabled = true }`; CloudFormation starts it once a delivery channel exists).',
  links: ['https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html'],
  check({ aws }, report) {
    for (const recorder of aws.config.recorders) {
      if (recorder.allSupported.value === false) {
        report({
          at: recorder.allSupported,
          resource: recorder.meta,
          element: 'allSupported',
          message: 'The recorder records only selected resource types: changes to the others are not kept',
          fix: replaceValue(recorder.allSupported, 'true', 'Record all supported resource types'),
        })
      }
      // Global types can only be added to "all supported"; a selected list already left them out with the rest.
      if (recorder.includeGlobalResourceTypes.value === false && recorder.allSupported.value !== false) {
        report({
          at: recorder.includeGlobalResourceTypes,
          resource: recorder.meta,
          element: 'includeGlobalResourceTypes',
          message: 'The recorder leaves out global resource types: IAM users, roles and policies are not recorded',
          fix: replaceValue(recorder.includeGlobalResourceTypes, 'true', 'Record global resource types'),
        })
      }
      if (recorder.enabled.value === false) {
        report({
          at: recorder.enabled,
          resource: recorder.meta,
          element: 'enabled',
          message: 'The recorder is switched off: nothing is recorded',
          fix: replaceValue(recorder.enabled, 'true', 'Start the recorder'),
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"

  recording_group {
    all_supported                 = false
    include_global_resource_types = true
    resource_types                = ["AWS::S3::Bucket"]
  }
}
`,
          lines: [6],
        },
        {
          code: `resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = false
}
`,
          lines: [1, 8],
        },
      ],
      good: [
        {
          code: `resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = true
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::111122223333:role/config
      RecordingGroup:
        AllSupported: true
        IncludeGlobalResourceTypes: false
`,
          lines: [8],
        },
      ],
      good: [
        {
          code: `Resources:
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::111122223333:role/config
      RecordingGroup:
        AllSupported: true
        IncludeGlobalResourceTypes: true
  Channel:
    Type: AWS::Config::DeliveryChannel
    Properties:
      S3BucketName: org-config
`,
        },
      ],
    },
  },
})
