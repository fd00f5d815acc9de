/*
 * Publicly documented IAM privilege-escalation methods, as data. A method applies when every
 * entry of `requires` is granted, an entry being a set of alternatives (any one suffices), each in
 * the request it would be: the role passed goes to the method's service, so an iam:PassRole limited
 * by iam:PassedToService or iam:AssociatedResourceARN to another service does not count. `target`
 * names the step whose resource decides how far the method reaches (the role passed, the function
 * rewritten, the build project started).
 * Sources: Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation" (2018) and
 * its aws_escalate list; Bishop Fox iam-vulnerable; pathfinding.cloud; HackTricks AWS privesc pages.
 */

export interface EscalationMethod {
  id: string
  name: string
  requires: string[][]
  description: string
  link: string
  /** Only counts when the grant covers every resource (`sts:AssumeRole` on `*`). */
  needsWildcardResource?: boolean
  /** Acting on other principals: a grant scoped to the caller's own name (`${aws:username}`) does not count. */
  targetsOthers?: boolean
  /** The service a passed role goes to (iam:PassedToService), as an IAM pattern when AWS documents more than one name. */
  passedTo?: string
  /** The resource a passed role is associated with (iam:AssociatedResourceARN), as an ARN pattern. */
  associatedWith?: string
  /** The action whose resource is the one reached: every role, function or project of the account, or only named ones. Default: the first step's first action. */
  target?: string
  /** Resources the target action must be granted on, each entry a set of alternative ARN patterns (SendCommand needs an instance and a document that runs any command). */
  needsResources?: string[][]
}

const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/'
const RHINO2 = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation-part-2/'
const PATHFINDING = 'https://pathfinding.cloud/'
const PASS = ['iam:PassRole']

export const ESCALATION_METHODS: EscalationMethod[] = [
  { id: 'create-policy-version', name: 'New default policy version', requires: [['iam:CreatePolicyVersion']], description: 'Writes a new version of a managed policy it holds, set as default, granting itself anything', link: RHINO },
  { id: 'set-default-policy-version', name: 'Switch to an older policy version', requires: [['iam:SetDefaultPolicyVersion']], description: 'Makes a more permissive earlier version of an attached policy the default', link: RHINO },
  { id: 'attach-user-policy', name: 'Attach a policy to a user', requires: [['iam:AttachUserPolicy']], description: 'Attaches AdministratorAccess (or any policy) to itself or another user', link: RHINO },
  { id: 'attach-group-policy', name: 'Attach a policy to a group', requires: [['iam:AttachGroupPolicy']], description: 'Attaches any managed policy to a group it belongs to', link: RHINO },
  { id: 'attach-role-policy', name: 'Attach a policy to a role', requires: [['iam:AttachRolePolicy']], description: 'Attaches any managed policy to its own role or to a role it can assume', link: RHINO },
  { id: 'put-user-policy', name: 'Write an inline user policy', requires: [['iam:PutUserPolicy']], description: 'Writes an arbitrary inline policy on itself or another user', link: RHINO },
  { id: 'put-group-policy', name: 'Write an inline group policy', requires: [['iam:PutGroupPolicy']], description: 'Writes an arbitrary inline policy on a group it belongs to', link: RHINO },
  { id: 'put-role-policy', name: 'Write an inline role policy', requires: [['iam:PutRolePolicy']], description: 'Writes an arbitrary inline policy on its own role or a role it can assume', link: RHINO },
  { id: 'create-access-key', name: 'Access key for another user', requires: [['iam:CreateAccessKey']], description: 'Creates long-lived access keys for a more privileged user', link: RHINO, targetsOthers: true },
  { id: 'create-login-profile', name: 'Console password for another user', requires: [['iam:CreateLoginProfile']], description: 'Sets a console password on a user that has none and signs in as that user', link: RHINO, targetsOthers: true },
  { id: 'update-login-profile', name: 'Change another user\'s console password', requires: [['iam:UpdateLoginProfile']], description: 'Resets the console password of a more privileged user', link: RHINO, targetsOthers: true },
  { id: 'add-user-to-group', name: 'Join a group', requires: [['iam:AddUserToGroup']], description: 'Adds itself to a more privileged group', link: RHINO },
  { id: 'update-assume-role-policy', name: 'Rewrite a trust policy', requires: [['iam:UpdateAssumeRolePolicy'], ['sts:AssumeRole']], description: 'Rewrites a privileged role\'s trust policy to trust itself, then assumes it', link: RHINO },
  { id: 'delete-role-permissions-boundary', name: 'Remove a role\'s permissions boundary', requires: [['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary']], description: 'Removes or replaces the boundary that limits a role', link: PATHFINDING },
  { id: 'delete-user-permissions-boundary', name: 'Remove a user\'s permissions boundary', requires: [['iam:DeleteUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary']], description: 'Removes or replaces the boundary that limits a user', link: PATHFINDING },
  { id: 'passrole-ec2', name: 'PassRole to a new EC2 instance', requires: [PASS, ['ec2:RunInstances']], description: 'Launches an instance with a privileged instance profile and reads its credentials from the metadata service', link: RHINO, passedTo: 'ec2.amazonaws.com', associatedWith: 'arn:*:ec2:*:*:instance/*' },
  { id: 'passrole-ec2-spot', name: 'PassRole to a spot instance', requires: [PASS, ['ec2:RequestSpotInstances']], description: 'Requests a spot instance with a privileged instance profile', link: PATHFINDING, passedTo: 'ec2.amazonaws.com', associatedWith: 'arn:*:ec2:*:*:*' },
  { id: 'passrole-autoscaling', name: 'PassRole through an Auto Scaling launch configuration', requires: [PASS, ['autoscaling:CreateLaunchConfiguration'], ['autoscaling:CreateAutoScalingGroup', 'autoscaling:UpdateAutoScalingGroup']], description: 'Starts instances with a privileged instance profile through Auto Scaling', link: PATHFINDING, passedTo: 'ec2.amazonaws.com' },
  { id: 'passrole-lambda-invoke', name: 'PassRole to a new Lambda function, invoked', requires: [PASS, ['lambda:CreateFunction'], ['lambda:InvokeFunction']], description: 'Creates a function running as a privileged role and invokes it', link: RHINO, passedTo: 'lambda.amazonaws.com', associatedWith: 'arn:*:lambda:*:*:function:*' },
  { id: 'passrole-lambda-event-source', name: 'PassRole to a new Lambda function, triggered by an event source', requires: [PASS, ['lambda:CreateFunction'], ['lambda:CreateEventSourceMapping']], description: 'Creates a function running as a privileged role and triggers it from a stream or queue', link: RHINO, passedTo: 'lambda.amazonaws.com', associatedWith: 'arn:*:lambda:*:*:function:*' },
  { id: 'passrole-lambda-add-permission', name: 'PassRole to a new Lambda function, opened to itself', requires: [PASS, ['lambda:CreateFunction'], ['lambda:AddPermission']], description: 'Creates a function running as a privileged role and grants itself invoke through the function policy', link: RHINO2, passedTo: 'lambda.amazonaws.com', associatedWith: 'arn:*:lambda:*:*:function:*' },
  { id: 'lambda-update-code', name: 'Rewrite an existing Lambda function', requires: [['lambda:UpdateFunctionCode']], description: 'Replaces the code of a function that runs as a more privileged role', link: RHINO },
  { id: 'lambda-update-configuration', name: 'Add a layer to an existing Lambda function', requires: [['lambda:UpdateFunctionConfiguration']], description: 'Adds a malicious layer that overrides libraries of a function running as a privileged role', link: PATHFINDING },
  { id: 'passrole-glue-dev-endpoint', name: 'PassRole to a Glue development endpoint', requires: [PASS, ['glue:CreateDevEndpoint']], description: 'Creates a Glue dev endpoint with a privileged role and opens a shell on it', link: RHINO, passedTo: 'glue.amazonaws.com' },
  { id: 'glue-update-dev-endpoint', name: 'Take over a Glue development endpoint', requires: [['glue:UpdateDevEndpoint']], description: 'Adds its own SSH key to an existing dev endpoint running as a privileged role', link: RHINO },
  { id: 'passrole-glue-job', name: 'PassRole to a Glue job', requires: [PASS, ['glue:CreateJob', 'glue:UpdateJob'], ['glue:StartJobRun', 'glue:CreateTrigger']], description: 'Runs a Glue job script as a privileged role', link: PATHFINDING, passedTo: 'glue.amazonaws.com' },
  { id: 'passrole-cloudformation', name: 'PassRole to a CloudFormation stack', requires: [PASS, ['cloudformation:CreateStack', 'cloudformation:CreateStackSet']], description: 'Creates a stack that runs with a privileged service role and provisions anything', link: RHINO, passedTo: 'cloudformation.amazonaws.com' },
  { id: 'cloudformation-update-stack', name: 'Update a stack with a privileged role', requires: [['cloudformation:UpdateStack']], description: 'Changes the template of a stack whose service role is more privileged', link: PATHFINDING },
  { id: 'passrole-datapipeline', name: 'PassRole to a Data Pipeline', requires: [PASS, ['datapipeline:CreatePipeline'], ['datapipeline:PutPipelineDefinition'], ['datapipeline:ActivatePipeline']], description: 'Defines a pipeline that runs commands as a privileged role', link: RHINO, passedTo: 'datapipeline.amazonaws.com' },
  { id: 'passrole-sagemaker-notebook', name: 'PassRole to a SageMaker notebook', requires: [PASS, ['sagemaker:CreateNotebookInstance'], ['sagemaker:CreatePresignedNotebookInstanceUrl']], description: 'Creates a notebook instance with a privileged role and opens it in the browser', link: PATHFINDING, passedTo: 'sagemaker.amazonaws.com' },
  { id: 'sagemaker-notebook-url', name: 'Open an existing SageMaker notebook', requires: [['sagemaker:CreatePresignedNotebookInstanceUrl']], description: 'Opens a notebook instance that runs as a more privileged role', link: PATHFINDING },
  { id: 'passrole-sagemaker-job', name: 'PassRole to a SageMaker job', requires: [PASS, ['sagemaker:CreateTrainingJob', 'sagemaker:CreateProcessingJob']], description: 'Runs a training or processing container as a privileged role', link: PATHFINDING, passedTo: 'sagemaker.amazonaws.com' },
  { id: 'passrole-codebuild', name: 'PassRole to a CodeBuild project', requires: [PASS, ['codebuild:CreateProject'], ['codebuild:StartBuild', 'codebuild:StartBuildBatch']], description: 'Creates a build project with a privileged service role and runs commands in it', link: PATHFINDING, passedTo: 'codebuild.amazonaws.com' },
  { id: 'codebuild-start-build-override', name: 'Override an existing build\'s commands', requires: [['codebuild:StartBuild', 'codebuild:StartBuildBatch']], description: 'Starts an existing project with a buildspec override, running commands as its service role', link: PATHFINDING },
  { id: 'passrole-ecs-run-task', name: 'PassRole to an ECS task', requires: [PASS, ['ecs:RegisterTaskDefinition'], ['ecs:RunTask', 'ecs:StartTask', 'ecs:CreateService']], description: 'Registers a task definition with a privileged task role and runs it', link: PATHFINDING, passedTo: 'ecs-tasks.amazonaws.com' },
  { id: 'passrole-apprunner', name: 'PassRole to an App Runner service', requires: [PASS, ['apprunner:CreateService']], description: 'Creates a service that runs as a privileged instance role', link: PATHFINDING, passedTo: '*apprunner.amazonaws.com' },
  { id: 'ec2-user-data', name: 'Rewrite an instance\'s user data', requires: [['ec2:ModifyInstanceAttribute'], ['ec2:StopInstances'], ['ec2:StartInstances']], description: 'Stops an instance with a privileged instance profile, replaces its user data with commands and starts it again: they run as root at boot with the profile\'s credentials', link: PATHFINDING },
  { id: 'ec2-launch-template-version', name: 'New default launch template version', requires: [['ec2:CreateLaunchTemplateVersion'], ['ec2:ModifyLaunchTemplate']], description: 'Writes a launch template version whose user data runs commands, keeping (or naming) a privileged instance profile, and makes it the default: instances Auto Scaling or others launch from it run them', link: PATHFINDING },
  { id: 'passrole-ec2-launch-template', name: 'PassRole to a new launch template version', requires: [PASS, ['ec2:CreateLaunchTemplateVersion', 'ec2:CreateLaunchTemplate'], ['ec2:RunInstances', 'autoscaling:UpdateAutoScalingGroup']], description: 'Writes a launch template with a privileged instance profile and launches instances from it', link: PATHFINDING, passedTo: 'ec2.amazonaws.com' },
  {
    id: 'ssm-send-command', name: 'Run commands on instances', requires: [['ssm:SendCommand']], description: 'Runs commands on EC2 instances and reads their instance-profile credentials', link: PATHFINDING,
    // A purpose-built document (take a snapshot, install an agent) runs only what it says: it must be one that runs any command or script.
    needsResources: [
      ['arn:*:ec2:*:*:instance/*', 'arn:*:ssm:*:*:managed-instance/*'],
      ['arn:*:ssm:*:*:document/AWS-RunShellScript', 'arn:*:ssm:*:*:document/AWS-RunPowerShellScript', 'arn:*:ssm:*:*:document/AWS-RunRemoteScript'],
    ],
  },
  { id: 'ssm-start-session', name: 'Open a shell on instances', requires: [['ssm:StartSession']], description: 'Opens a Session Manager shell on an instance with a privileged role', link: PATHFINDING },
  { id: 'ec2-instance-connect', name: 'Push an SSH key to an instance', requires: [['ec2-instance-connect:SendSSHPublicKey']], description: 'Logs in to an instance with a privileged instance profile', link: PATHFINDING },
  { id: 'assume-any-role', name: 'Assume any role', requires: [['sts:AssumeRole']], description: 'May assume every role whose trust policy trusts the account', link: RHINO, needsWildcardResource: true },
]
