# A small service: an API in front of a Lambda function, its role, a CI user, and the account trail.
# It is deliberately insecure: `policygate scan examples` reports, among others:
#   iam/trust-public              the role's trust policy lets any AWS principal assume it
#   iam/service-wildcard-action   dynamodb:* on every resource
#   iam/privilege-escalation      iam:PassRole on *, with lambda:CreateFunction and InvokeFunction:
#                                 the role can run a new function as any role; the same entry's
#   iam/passrole-unrestricted     finding is folded into it ("also: …")
#   iam/full-admin                the CI user's inline policy allows * on *
#   iam/user-direct-policy        a policy written on the user, not on a group or role
#   iam/user-access-key           a long-lived access key for the CI user
#   apigw/method-no-auth          GET /orders without authorization
#   lambda/permission-unscoped    API Gateway may invoke the function from any API, in any account
#   trail/not-multi-region, trail/log-validation-disabled, trail/not-encrypted

variable "environment" {
  type    = string
  default = "staging"
}

locals {
  name = "orders-${var.environment}"
}

resource "aws_iam_role" "orders" {
  name = "${local.name}-lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sts:AssumeRole"
    }]
  })
}

data "aws_iam_policy_document" "orders" {
  statement {
    sid       = "Tables"
    actions   = ["dynamodb:*"]
    resources = ["*"]
  }
  statement {
    sid       = "PassAnyRole"
    actions   = ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "orders" {
  name   = "${local.name}-access"
  role   = aws_iam_role.orders.id
  policy = data.aws_iam_policy_document.orders.json
}

resource "aws_iam_user" "ci" {
  name = "${local.name}-ci"
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

resource "aws_iam_user_policy" "ci" {
  name = "deploy"
  user = aws_iam_user.ci.name
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Action": "*", "Resource": "*" }
      ]
    }
  EOF
}

resource "aws_api_gateway_rest_api" "orders" {
  name = local.name
}

resource "aws_api_gateway_resource" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  parent_id   = aws_api_gateway_rest_api.orders.root_resource_id
  path_part   = "orders"
}

resource "aws_api_gateway_method" "list_orders" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowApiGateway"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "apigateway.amazonaws.com"
}

resource "aws_cloudtrail" "account" {
  name                       = "account-trail"
  s3_bucket_name             = "example-trail-logs"
  enable_log_file_validation = false
}
