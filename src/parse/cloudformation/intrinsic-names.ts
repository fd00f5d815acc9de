/** Functions that have a YAML short form (`!Sub`); each maps to its long-form key. */
const SHORT_FORMS = new Map<string, string>([
  ['Ref', 'Ref'],
  ['Condition', 'Condition'],
  ...['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Length', 'ToJsonString'].map(
    (name): [string, string] => [name, `Fn::${name}`],
  ),
])

/** `Sub` → `Fn::Sub`, `Ref` → `Ref`; undefined for a tag that is not a CloudFormation intrinsic. */
export function shortFormName(tagName: string): string | undefined {
  return SHORT_FORMS.get(tagName)
}

/** A one-key map whose key names a function is a function call (`{ "Ref": "X" }`, `{ "Fn::Join": [...] }`). */
export function isFunctionKey(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::')
}

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
])
