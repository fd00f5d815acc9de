/** A Terraform reference relative to its module: plans prefix addresses with their module path (`module.api["x"].aws_x.y.arn` → `aws_x.y.arn`). */
export function moduleLocalRef(ref: string): string {
  return ref.replace(/^(?:module\.[\w-]+(?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\.)+/, '')
}
